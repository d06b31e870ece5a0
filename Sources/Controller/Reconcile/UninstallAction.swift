import KubeClient
import KubeObjects

/// Removes the release's objects (those marked `helm.sh/resource-policy: keep` stay) and
/// its history, or marks the history uninstalled when `uninstall.keepHistory` asks.
struct UninstallAction {
    let environment: ReconcilerEnvironment
    let release: HelmRelease
    let names: ReleaseNames
    let store: ReleaseStore

    struct Outcome {
        var deleted: Int
        var kept: [String]
    }

    func run() async throws -> Outcome {
        let history = try await store.history(names.release)
        guard let latest = history.last else { return Outcome(deleted: 0, kept: []) }
        let ownership = HelmOwnership(releaseName: names.release, releaseNamespace: names.targetNamespace)
        let builder = ReleaseObjectBuilder(ownership: ownership, mapper: environment.mapper)
        // Objects of every revision that may still exist: the latest attempt and the last deployed.
        var manifests = [latest.manifest]
        if let deployed = history.last(where: { $0.info.status == .deployed }), deployed.version != latest.version {
            manifests.append(deployed.manifest)
        }
        var objects: [ReleaseObject] = []
        var seen = Set<ObjectIdentity>()
        for manifest in manifests {
            for object in try await builder.objects(fromReleaseManifest: manifest, unknownKinds: .keep) where seen.insert(object.identity).inserted {
                objects.append(object)
            }
        }
        let propagation: DeleteParams.Propagation
        switch release.spec.uninstall?.deletionPropagation ?? .background {
        case .background: propagation = .background
        case .foreground: propagation = .foreground
        case .orphan: propagation = .orphan
        }
        let result = try await Pruner(client: environment.client, mapper: environment.mapper, propagation: propagation).uninstall(objects)
        if release.spec.uninstall?.keepHistory == true {
            var record = latest
            record.info.status = .uninstalled
            record.info.deleted = environment.goNow
            record.info.description = "Uninstallation complete"
            try await store.update(record)
        } else {
            for record in history { try await store.delete(names.release, version: record.version) }
        }
        return Outcome(deleted: result.deleted.count, kept: result.kept.map(\.description))
    }
}
