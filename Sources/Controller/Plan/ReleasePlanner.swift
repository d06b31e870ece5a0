import Charts
import KubeClient
import KubeObjects

/// Works out a `ReleasePlan` the way a reconcile decides and renders, without writing:
/// values and chart as the spec names them, the revision the history calls for (or the
/// stored one `spec.rollback.toRevision` names), and every object dry-run applied with the
/// controller's field manager.
public struct ReleasePlanner: Sendable {
    public let environment: ReconcilerEnvironment

    public init(environment: ReconcilerEnvironment) {
        self.environment = environment
    }

    public func plan(_ release: HelmRelease) async throws -> ReleasePlan {
        let names = ReleaseNames(release)
        let namespace = release.metadata.namespace ?? "default"
        let reader = ClusterValuesReader(client: environment.client)
        let store = ReleaseStore(client: environment.client, namespace: names.storageNamespace, driver: release.spec.storage ?? .secret)
        let history = try await store.history(names.release)
        let latest = history.last
        let previous = history.last { $0.info.status == .deployed }
        let revision = (latest?.version ?? 0) + 1

        let rendered: RenderedRelease
        let reason: String
        if let to = release.spec.rollback?.toRevision {
            guard let target = history.first(where: { $0.version == to }) else {
                throw ChartResolutionError(message: "spec.rollback.toRevision: revision \(to) is not in the history of \(names.storageNamespace)/\(names.release)")
            }
            rendered = RenderedRelease(manifests: [], hooks: [], manifest: target.manifest, notes: "")
            reason = "rollback to \(to)"
        } else {
            let values = try await ReleaseValues.compose(release.spec, namespace: namespace, reader: reader)
            let chart = try await ChartResolution.resolve(release.spec.chart, namespace: namespace, reader: reader, fetcher: environment.fetcher)
            rendered = try ReleaseRendering.render(
                chart.chart, values: values.values, name: names.release, namespace: names.targetNamespace, revision: revision,
                isUpgrade: previous != nil, capabilities: environment.capabilities, postRendering: PostRendering(release.spec))
            reason = previous == nil ? "install" : "upgrade"
        }
        let ownership = HelmOwnership(releaseName: names.release, releaseNamespace: names.targetNamespace)
        let builder = ReleaseObjectBuilder(ownership: ownership, mapper: environment.mapper)
        let objects = rendered.manifests.isEmpty
            ? try await builder.objects(fromReleaseManifest: rendered.manifest, unknownKinds: .keep)
            : try await builder.objects(from: rendered.manifests, unknownKinds: .keep)

        var changes: [ReleasePlan.Change] = []
        for object in InstallOrder.sorted(objects) {
            guard let resource = try await resourceClient(for: object) else { continue }
            let live = try await resource.getIfExists(object.name).map(ReleasePlan.normalised)
            let planned = ReleasePlan.normalised(
                try await resource.apply(object.object, fieldManager: environment.fieldManager, force: true, dryRun: true))
            let action: ReleasePlan.Action = live == nil ? .create : (live == planned ? .unchanged : .update)
            changes.append(ReleasePlan.Change(object: object.identity, action: action, live: live, planned: planned))
        }
        if let previous {
            let kept = Set(objects.map(\.identity))
            for old in try await builder.objects(fromReleaseManifest: previous.manifest, unknownKinds: .keep)
            where !kept.contains(old.identity) && !old.isKept {
                guard let resource = try await resourceClient(for: old), let live = try await resource.getIfExists(old.name) else { continue }
                changes.append(ReleasePlan.Change(object: old.identity, action: .delete, live: ReleasePlan.normalised(live), planned: nil))
            }
        }
        let changesSomething = changes.contains { $0.action != .unchanged }
        let sameRelease = latest?.info.status == .deployed && latest?.manifest == rendered.manifest
        return ReleasePlan(revision: changesSomething || !sameRelease ? revision : nil, reason: changesSomething || !sameRelease ? reason : "none", changes: changes)
    }

    private func resourceClient(for object: ReleaseObject) async throws -> ResourceClient? {
        try? await environment.mapper.resourceClient(for: object.kind, namespace: object.namespace, client: environment.client)
    }
}
