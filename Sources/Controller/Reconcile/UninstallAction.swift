import KubeClient
import KubeObjects

/// Removes the release's objects (those marked `helm.sh/resource-policy: keep` stay) and
/// its history, or marks the history uninstalled when `uninstall.keepHistory` asks.
/// The latest revision's `pre-delete` hooks run first (a failure stops the uninstall, to be
/// tried again), its `post-delete` hooks after the objects are gone (a failure is reported
/// once the uninstall is done), unless `uninstall.disableHooks`; hook objects themselves
/// are not the release's and stay unless their delete policies remove them.
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
        guard var latest = history.last else { return Outcome(deleted: 0, kept: []) }
        let runsHooks = release.spec.uninstall?.disableHooks != true
        let hookRunner = HookRunner(environment: environment, timeout: GoDurationText.parse(release.spec.timeout, default: .seconds(300)))
        let persist: (Release) async throws -> Void = { try await store.update($0) }
        if runsHooks && latest.hasHooks(at: .preDelete) {
            // Helm marks the release uninstalling while its pre-delete hooks run.
            latest.info.status = .uninstalling
            latest.info.deleted = environment.goNow
            latest.info.description = "Deletion in progress (or silently failed)"
            try await hookRunner.run(.preDelete, on: &latest, record: persist)
        }
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
        var postDeleteFailure: (any Error)?
        if runsHooks {
            do {
                try await hookRunner.run(.postDelete, on: &latest, record: persist)
            } catch {
                postDeleteFailure = error
            }
        }
        if release.spec.uninstall?.keepHistory == true {
            var record = latest
            record.info.status = .uninstalled
            record.info.deleted = environment.goNow
            record.info.description = "Uninstallation complete"
            try await store.update(record)
        } else {
            for record in history { try await store.delete(names.release, version: record.version) }
        }
        if let postDeleteFailure { throw UninstallHookError(underlying: "\(postDeleteFailure)") }
        return Outcome(deleted: result.deleted.count, kept: result.kept.map(\.description))
    }
}

/// The release was uninstalled, but a `post-delete` hook failed (Helm's wording).
struct UninstallHookError: Error, CustomStringConvertible {
    var underlying: String
    var description: String { "uninstallation completed with 1 error(s): \(underlying)" }
}
