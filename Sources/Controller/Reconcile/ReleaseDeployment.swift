import Charts
import KubeClient
import KubeObjects
import Values

/// Install, upgrade and rollback share one shape: render, record the revision as pending
/// (the record is also Helm's lock), apply, prune what left the chart, wait, record the
/// outcome. A render error records nothing and applies nothing.
struct ReleaseDeployment {
    enum Kind: Equatable {
        case install
        case upgrade
        case rollback(to: Int)

        var isRollback: Bool {
            if case .rollback = self { return true }
            return false
        }

        var preEvent: HookEvent {
            switch self {
            case .install: return .preInstall
            case .upgrade: return .preUpgrade
            case .rollback: return .preRollback
            }
        }

        var postEvent: HookEvent {
            switch self {
            case .install: return .postInstall
            case .upgrade: return .postUpgrade
            case .rollback: return .postRollback
            }
        }

        /// Helm's words for a failed pre hook, before the hook's error.
        var preHookFailure: String {
            switch self {
            case .install: return "failed pre-install"
            case .upgrade: return "pre-upgrade hooks failed"
            case .rollback: return "pre-rollback hooks failed"
            }
        }

        var postHookFailure: String {
            switch self {
            case .install: return "failed post-install"
            case .upgrade: return "post-upgrade hooks failed"
            case .rollback: return "post-rollback hooks failed"
            }
        }

        var pending: Release.Status {
            switch self {
            case .install: return .pendingInstall
            case .upgrade: return .pendingUpgrade
            case .rollback: return .pendingRollback
            }
        }
    }

    struct Outcome {
        var revision: Int?
        var succeeded: Bool
        var reason: String
        var message: String
        /// The stored history after this deployment's writes, oldest first; nil when it
        /// wrote none (a render error).
        var history: [Release]? = nil
        /// How the test hooks went, when `spec.test.enable` ran them after a deployment.
        var tests: ReleaseTestOutcome? = nil
    }

    let environment: ReconcilerEnvironment
    let release: HelmRelease
    let names: ReleaseNames
    let store: ReleaseStore
    let kind: Kind

    /// Deploys `chart` with `values` as `revision`; `history` is what is stored now (oldest first).
    /// `started` runs once the pending revision is recorded (the status then says so while
    /// apply and readiness take their time).
    func run(
        chart: Chart, values: [String: Value], revision: Int, history: [Release], storedManifest: String? = nil,
        started: (Int) async throws -> Void = { _ in }
    ) async throws -> Outcome {
        let spec = release.spec
        let previousDeployed = history.last { $0.info.status == .deployed }
        let isUpgrade = previousDeployed != nil || kind != .install
        // 1. Render: nothing is recorded or applied when this fails.
        let rendered: RenderedRelease
        do {
            if let storedManifest {
                // A Helm-made revision without its subcharts: Helm's own rollback reuses the manifest.
                rendered = RenderedRelease(manifests: [], hooks: [], manifest: storedManifest, notes: "")
            } else {
                rendered = try ReleaseRendering.render(
                    chart, values: values, name: names.release, namespace: names.targetNamespace, revision: revision, isUpgrade: isUpgrade,
                    capabilities: environment.capabilities, postRendering: PostRendering(spec))
            }
        } catch {
            return Outcome(revision: nil, succeeded: false, reason: ReleaseReason.renderFailed, message: "render: \(error)")
        }
        let ownership = HelmOwnership(releaseName: names.release, releaseNamespace: names.targetNamespace)
        let builder = ReleaseObjectBuilder(ownership: ownership, mapper: environment.mapper)
        let definitions = ((try? DefinitionInstaller.definitions(in: chart.crds)) ?? []).map(\.object)
        let objects: [ReleaseObject]
        do {
            objects = storedManifest != nil
                ? try await builder.objects(fromReleaseManifest: rendered.manifest, definitions: definitions)
                : try await builder.objects(from: rendered.manifests, definitions: definitions)
        } catch {
            return Outcome(revision: nil, succeeded: false, reason: ReleaseReason.renderFailed, message: "\(error)")
        }
        if environment.client.impersonation != nil,
            let refusal = try await AccessPreflight(client: environment.client, mapper: environment.mapper, fieldManager: environment.fieldManager)
                .refusal(for: objects)
        {
            return Outcome(
                revision: nil, succeeded: false, reason: ReleaseReason.forbidden,
                message: "acting as \(environment.client.impersonation?.user ?? "?"), nothing was recorded or applied: \(refusal)")
        }

        // 2. Record the pending revision.
        let now = environment.goNow
        var record = Release(
            name: names.release, namespace: names.targetNamespace, version: revision,
            info: Release.Info(
                firstDeployed: history.first?.info.firstDeployed ?? now, lastDeployed: now, description: pendingDescription,
                status: kind.pending, notes: rendered.notes),
            chart: ReleaseChart(chart), config: values, manifest: rendered.manifest,
            labels: history.last?.labels ?? [:], applyMethod: .serverSide)
        record.hooks = hooks(rendered: rendered, history: history)
        let pruned = Set(try await store.create(record, maxHistory: spec.maxHistory ?? HelmReleaseSpec.defaultMaxHistory, stored: history))
        // What is stored from here on, kept in step with every write below, so the status
        // needs no second list of the history.
        var stored = history.filter { !pruned.contains($0.version) }
        try await started(revision)

        // 3. Pre hooks, apply, prune, wait, post hooks. A failed pre hook applies nothing.
        let timeout = GoDurationText.parse(spec.timeout, default: .seconds(300))
        let hookRunner = HookRunner(environment: environment, timeout: timeout)
        let runsHooks = !hooksDisabled
        let persist: (Release) async throws -> Void = { try await store.update($0) }
        var failure: String?
        if runsHooks {
            do {
                try await hookRunner.run(kind.preEvent, on: &record, record: persist)
            } catch {
                failure = "\(kind.preHookFailure): \(error)"
            }
        }
        if failure == nil {
            failure = await applyPruneAndWait(
                objects, chart: chart, previousDeployed: previousDeployed, builder: builder, ownership: ownership, timeout: timeout)
        }
        if failure == nil && runsHooks {
            do {
                try await hookRunner.run(kind.postEvent, on: &record, record: persist)
            } catch {
                failure = "\(kind.postHookFailure): \(error)"
            }
        }

        // 4. Record the outcome.
        record.info.lastDeployed = environment.goNow
        if let failure {
            record.info.status = .failed
            record.info.description = "\(failedDescription): \(failure)"
            try await store.update(record)
            return Outcome(
                revision: revision, succeeded: false, reason: failedReason, message: record.info.description, history: stored + [record])
        }
        for (index, old) in stored.enumerated() where old.info.status == .deployed {
            var superseded = old
            superseded.info.status = .superseded
            try await store.update(superseded)
            stored[index] = superseded
        }
        record.info.status = .deployed
        record.info.description = succeededDescription
        try await store.update(record)

        // 5. Tests, on the deployed revision, as `helm test` runs them after it.
        guard spec.test?.enable == true, !kind.isRollback, record.hasHooks(at: .test) else {
            return Outcome(
                revision: revision, succeeded: true, reason: succeededReason, message: succeededMessage(revision), history: stored + [record])
        }
        var tests = ReleaseTestOutcome(
            failure: nil, releasedReason: succeededReason, releasedMessage: succeededMessage(revision),
            message: "Helm test succeeded for release \(names.storageNamespace)/\(names.release).v\(revision)")
        do {
            try await hookRunner.run(.test, on: &record, record: persist)
        } catch {
            tests.failure = "\(error)"
            tests.message = "Helm test failed for release \(names.storageNamespace)/\(names.release).v\(revision): \(error)"
        }
        try await store.update(record)
        // `test.ignoreFailures`: the failure is the TestSuccess condition's and an Event's
        // to report; the release stays Ready and nothing remediates it.
        let ignored = !tests.passed && spec.test?.ignoreFailures == true
        return Outcome(
            revision: revision, succeeded: tests.passed || ignored, reason: tests.passed || ignored ? succeededReason : ReleaseReason.testFailed,
            message: tests.passed ? succeededMessage(revision) : ignored ? "\(succeededMessage(revision)); \(tests.message) (ignored)" : tests.message,
            history: stored + [record], tests: tests)
    }

    /// Applies the revision's objects, prunes what the previous deployed revision had and
    /// this one lacks, and waits for readiness when `spec.wait`; the failure, or nil.
    private func applyPruneAndWait(
        _ objects: [ReleaseObject], chart: Chart, previousDeployed: Release?, builder: ReleaseObjectBuilder, ownership: HelmOwnership,
        timeout: Duration
    ) async -> String? {
        let spec = release.spec
        var previousObjects: [ReleaseObject] = []
        if let previousDeployed {
            previousObjects = (try? await builder.objects(fromReleaseManifest: previousDeployed.manifest, unknownKinds: .keep)) ?? []
        }
        do {
            let applier = Applier(client: environment.client, mapper: environment.mapper, ownership: ownership)
            var options = ApplyOptions(fieldManager: environment.fieldManager, forceConflicts: true)
            options.previouslyOwned = Set(previousObjects.map(\.identity))
            switch kind {
            case .install:
                options.createNamespace = spec.install?.createNamespace ?? false
                options.crds = spec.install?.crds ?? .create
            case .upgrade, .rollback:
                options.crds = spec.upgrade?.crds ?? .skip
            }
            let applied = try await applier.apply(objects, chartCRDs: chart.crds, options: options)
            if !previousObjects.isEmpty {
                let propagation: DeleteParams.Propagation = .background
                _ = try await Pruner(client: environment.client, mapper: environment.mapper, propagation: propagation)
                    .prune(previous: previousObjects, current: objects)
            }
            guard spec.wait ?? true else { return nil }
            let waiter = ReadinessWaiter(client: environment.client, mapper: environment.mapper, pollInterval: environment.readinessPollInterval)
            let result = try await waiter.wait(for: applied, timeout: timeout)
            return result.isReady ? nil : "\(result)"
        } catch {
            return "\(error)"
        }
    }

    /// The hooks the revision records: those just rendered, or for a rollback the target
    /// revision's (Helm's rollback copies them; a Helm-made revision without its subcharts
    /// cannot be rendered again). Their `last_run` starts empty: a copied one would show
    /// the old revision's run as this one's.
    private func hooks(rendered: RenderedRelease, history: [Release]) -> [Release.Hook] {
        if case .rollback(let to) = kind, let target = history.first(where: { $0.version == to }),
            !target.hooks.isEmpty || rendered.hooks.isEmpty
        {
            return target.hooks.map { hook in
                var hook = hook
                hook.lastRun = Release.HookExecution()
                return hook
            }
        }
        return rendered.hooks.map(Release.Hook.init(rendered:))
    }

    /// `install.disableHooks`, or `upgrade.disableHooks` for upgrades and rollbacks.
    private var hooksDisabled: Bool {
        switch kind {
        case .install: return release.spec.install?.disableHooks == true
        case .upgrade, .rollback: return release.spec.upgrade?.disableHooks == true
        }
    }

    private var pendingDescription: String {
        switch kind {
        case .install: return "Initial install underway"
        case .upgrade: return "Preparing upgrade"
        case .rollback(let to): return "Rollback to \(to)"
        }
    }

    private var succeededDescription: String {
        switch kind {
        case .install: return "Install complete"
        case .upgrade: return "Upgrade complete"
        case .rollback(let to): return "Rollback to \(to)"
        }
    }

    private var failedDescription: String {
        switch kind {
        case .install: return "Release \"\(names.release)\" failed"
        case .upgrade: return "Upgrade \"\(names.release)\" failed"
        case .rollback(let to): return "Rollback to \(to) failed"
        }
    }

    private var succeededReason: String {
        switch kind {
        case .install: return ReleaseReason.installSucceeded
        case .upgrade: return ReleaseReason.upgradeSucceeded
        case .rollback: return ReleaseReason.rollbackSucceeded
        }
    }

    private var failedReason: String {
        switch kind {
        case .install: return ReleaseReason.installFailed
        case .upgrade: return ReleaseReason.upgradeFailed
        case .rollback: return ReleaseReason.rollbackFailed
        }
    }

    private func succeededMessage(_ revision: Int) -> String {
        switch kind {
        case .install: return "Helm install succeeded for release \(names.storageNamespace)/\(names.release).v\(revision)"
        case .upgrade: return "Helm upgrade succeeded for release \(names.storageNamespace)/\(names.release).v\(revision)"
        case .rollback(let to): return "Helm rollback to revision \(to) succeeded for release \(names.storageNamespace)/\(names.release).v\(revision)"
        }
    }
}

/// The annotation on the release records Rudder writes, naming the HelmRelease (by uid)
/// whose controller wrote them: a pending record carrying it was left by an interrupted
/// Rudder, not by a Helm CLI run in progress, and may be recovered at once.
///
/// An annotation, not a label: `helm upgrade` copies the previous revision's labels onto
/// the new one (custom labels are the release's), so a label would make Helm's own run
/// look like ours. Helm writes no annotations, and its rewrite of a record drops ours.
public enum ReleaseWriter {
    public static let annotation = "helm.rudder.dev/writer"

    static func value(_ release: HelmRelease) -> String {
        release.metadata.uid ?? ""
    }
}
