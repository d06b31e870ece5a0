import KubeObjects

/// The namespace controller: a terminating namespace has its contents deleted, and once
/// nothing is left its `kubernetes` finalizer is removed, which lets it go.
struct NamespaceFinalizer: Sendable {
    let cluster: Cluster

    func handle(_ event: WatchEvent) async {
        if event.resource == Cluster.namespaces {
            if event.kind != .deleted && event.kind != .bookmark && event.object.hasDeletionTimestamp {
                await drain(event.key.name)
            }
        } else if event.kind == .deleted, !event.key.namespace.isEmpty,
            let ns = await cluster.store.get(Cluster.namespaces, ObjectKey(namespace: "", name: event.key.namespace)),
            ns.hasDeletionTimestamp
        {
            await drain(event.key.namespace)
        }
    }

    private func drain(_ namespace: String) async {
        let holding = await cluster.store.resources(holdingObjectsIn: namespace)
        if holding.isEmpty {
            await cluster.controllerWrite(StoredObjectRef(resource: Cluster.namespaces, key: ObjectKey(namespace: "", name: namespace))) {
                current in
                var o = current
                o[path: ["spec", "finalizers"]] = .array([])
                return o
            }
            return
        }
        for resource in holding {
            for (key, object) in await cluster.store.list(resource, namespace: namespace).items where !object.hasDeletionTimestamp {
                await cluster.controllerDelete(StoredObjectRef(resource: resource, key: key))
            }
        }
    }
}
