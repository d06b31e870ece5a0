import KubeObjects

/// kube-controller-manager's garbage collector over `ownerReferences`:
/// - when an owner is gone, dependents with no other living owner are deleted (background
///   propagation, the default);
/// - an owner deleted with `propagationPolicy: Foreground` keeps its `foregroundDeletion`
///   finalizer until its dependents are gone;
/// - one deleted with `Orphan` has its dependents' references to it removed first.
/// It keeps an index of owners and dependents, fed by the store's event stream.
actor GarbageCollector {
    private let cluster: Cluster
    private var byUID: [String: StoredObjectRef] = [:]
    private var uidOf: [StoredObjectRef: String] = [:]
    private var dependents: [String: Set<StoredObjectRef>] = [:]
    private var owners: [StoredObjectRef: [String]] = [:]

    init(cluster: Cluster) {
        self.cluster = cluster
    }

    func handle(_ event: WatchEvent) async {
        let ref = StoredObjectRef(resource: event.resource, key: event.key)
        switch event.kind {
        case .bookmark:
            return
        case .added, .modified:
            index(ref, event.object)
            if event.object.hasDeletionTimestamp { await finalize(ref, event.object) }
        case .deleted:
            let uid = uidOf[ref]
            unindex(ref)
            guard let uid else { return }
            // Dependents whose every owner is gone go too.
            for dependent in dependents[uid] ?? [] where !(owners[dependent] ?? []).contains(where: { byUID[$0] != nil }) {
                await cluster.controllerDelete(dependent)
            }
            // An owner waiting in the foreground may now be free.
            for ownerUID in event.object.ownerUIDs {
                if let owner = byUID[ownerUID], let object = await cluster.store.get(owner.resource, owner.key), object.hasDeletionTimestamp {
                    await finalize(owner, object)
                }
            }
        }
    }

    /// Runs the finalizers the collector owns on a terminating owner.
    private func finalize(_ ref: StoredObjectRef, _ object: JSONValue) async {
        guard let uid = object.metadataUID else { return }
        let children = dependents[uid] ?? []
        if object.finalizers.contains("orphan") {
            for child in children {
                await cluster.controllerWrite(child) { current in
                    var o = current
                    let kept = (o[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []).filter { $0["uid"]?.stringValue != uid }
                    o[path: ["metadata", "ownerReferences"]] = kept.isEmpty ? JSONValue?.none : .array(kept)
                    return o
                }
            }
            await removeFinalizer("orphan", from: ref)
        } else if object.finalizers.contains("foregroundDeletion") {
            if children.isEmpty {
                await removeFinalizer("foregroundDeletion", from: ref)
            } else {
                for child in children {
                    if let c = await cluster.store.get(child.resource, child.key), !c.hasDeletionTimestamp {
                        await cluster.controllerDelete(child, propagation: .foreground)
                    }
                }
            }
        }
    }

    private func removeFinalizer(_ name: String, from ref: StoredObjectRef) async {
        await cluster.controllerWrite(ref) { current in
            var o = current
            let kept = current.finalizers.filter { $0 != name }
            o[path: ["metadata", "finalizers"]] = kept.isEmpty ? JSONValue?.none : .array(kept.map(JSONValue.string))
            return o
        }
    }

    private func index(_ ref: StoredObjectRef, _ object: JSONValue) {
        if let old = uidOf[ref], old != object.metadataUID { unindex(ref) }
        if let uid = object.metadataUID {
            byUID[uid] = ref
            uidOf[ref] = uid
        }
        let newOwners = object.ownerUIDs
        for gone in (owners[ref] ?? []) where !newOwners.contains(gone) {
            dependents[gone]?.remove(ref)
        }
        for o in newOwners { dependents[o, default: []].insert(ref) }
        owners[ref] = newOwners.isEmpty ? nil : newOwners
    }

    private func unindex(_ ref: StoredObjectRef) {
        if let uid = uidOf.removeValue(forKey: ref) {
            byUID[uid] = nil
            dependents[uid] = dependents[uid]?.isEmpty == true ? nil : dependents[uid]
        }
        for o in owners.removeValue(forKey: ref) ?? [] {
            dependents[o]?.remove(ref)
            if dependents[o]?.isEmpty == true { dependents[o] = nil }
        }
    }
}
