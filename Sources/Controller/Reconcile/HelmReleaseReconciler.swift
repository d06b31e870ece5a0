import Charts
import Foundation
import KubeClient
import KubeObjects
import Values

/// One reconcile of one HelmRelease: observe (the object, the stored history, the values
/// and chart the spec names), decide the one next action, run it, record the status. A
/// reconcile that finds the release as the spec wants it writes nothing.
public struct HelmReleaseReconciler: Sendable {
    public let environment: ReconcilerEnvironment

    public init(environment: ReconcilerEnvironment) {
        self.environment = environment
    }

    public func reconcile(_ ref: ObjectRef) async throws -> ReconcileAction {
        let releases = ResourceClient(client: environment.client, resource: HelmRelease.groupVersionResource, namespace: ref.namespace)
        let caches = environment.caches
        guard var object = try await caches.helmRelease(ref, via: releases) else {
            await caches.written.forget(ref)
            return .done
        }
        var release = try object.decode(HelmRelease.self)
        let names = ReleaseNames(release)
        // Who the release's objects and history are read and written as.
        let acting = environment.acting(for: release)
        let store = ReleaseStore(
            client: acting.client, namespace: names.storageNamespace, driver: release.spec.storage ?? .secret,
            writer: ReleaseWriter.value(release))

        if release.metadata.deletionTimestamp != nil {
            guard Finalizers.contains(HelmRelease.finalizer, in: object) else { return .done }
            // The release it manages, which a pending rename has not moved yet.
            let names = ReleaseNames.current(release)
            let store = ReleaseStore(
                client: acting.client, namespace: names.storageNamespace, driver: release.spec.storage ?? .secret,
                writer: ReleaseWriter.value(release))
            do {
                let outcome = try await UninstallAction(environment: acting, release: release, names: names, store: store).run()
                let kept = outcome.kept.isEmpty ? "" : "; kept (helm.sh/resource-policy: keep): \(outcome.kept.joined(separator: ", "))"
                record(object, .normal, ReleaseReason.uninstallSucceeded, "Helm uninstall succeeded for release \(names.storageNamespace)/\(names.release)\(kept)")
            } catch {
                record(object, .warning, ReleaseReason.uninstallFailed, "Helm uninstall failed: \(error)")
                throw error
            }
            try await Finalizers.remove(HelmRelease.finalizer, from: object, via: releases)
            await caches.written.forget(ref)
            return .done
        }
        if !Finalizers.contains(HelmRelease.finalizer, in: object) {
            object = try await Finalizers.ensure(HelmRelease.finalizer, on: object, via: releases)
            await caches.written.note(object)
            release = try object.decode(HelmRelease.self)
        }
        let interval = Self.jittered(GoDurationText.parse(release.spec.interval, default: .seconds(600)))
        if release.spec.suspend == true { return .done }

        var status = release.status ?? HelmReleaseStatus()
        let original = status
        let writer = StatusWriter(object: object, status: original, releases: releases, written: caches.written)
        let generation = release.metadata.generation
        let now = environment.kubeNow
        func fail(_ reason: String, _ message: String) {
            var conditions = status.conditions ?? []
            ReleaseConditions.set(&conditions, type: ConditionType.ready, status: .false, reason: reason, message: message, generation: generation, now: now)
            ReleaseConditions.remove(&conditions, type: ConditionType.reconciling)
            status.conditions = conditions
            status.observedGeneration = generation
        }
        func stall(_ reason: String, _ message: String) {
            var conditions = status.conditions ?? []
            ReleaseConditions.set(&conditions, type: ConditionType.stalled, status: .true, reason: reason, message: message, generation: generation, now: now)
            status.conditions = conditions
        }

        // A new spec, or a person's request (`helm.rudder.dev/requestedAt`), starts afresh:
        // the failure counters and a stall are the old spec's.
        let request = ReconcileRequest.pending(release)
        if generation != original.observedGeneration || request != nil {
            status.installFailures = nil
            status.upgradeFailures = nil
            var conditions = status.conditions ?? []
            ReleaseConditions.remove(&conditions, type: ConditionType.stalled)
            status.conditions = conditions
        }
        if let request { status.lastHandledRequestedAt = request }

        // Dependencies first: nothing of this release moves while they are not Ready.
        let dependencies = DependencyCheck(caches: caches, client: environment.client, allowsCrossNamespace: environment.allowsCrossNamespaceReferences)
        switch try await dependencies.check(release) {
        case .ready:
            break
        case .waiting(let message):
            fail(ReleaseReason.dependencyNotReady, message)
            try await writer.write(status)
            // A dependency turning Ready queues this release at once; this is the fallback.
            return .requeue(after: min(interval, .seconds(30)))
        case .refused(let message):
            fail(ReleaseReason.dependencyNotReady, message)
            stall(ReleaseReason.dependencyNotReady, message)
            try await writer.write(status)
            return .requeue(after: interval)
        case .cycle(let path):
            fail(ReleaseReason.dependencyCycle, "dependsOn forms a cycle: \(path)")
            stall(ReleaseReason.dependencyCycle, "dependsOn forms a cycle: \(path)")
            try await writer.write(status)
            return .requeue(after: interval)
        }

        // Observe: values, chart, history.
        let reader = ClusterValuesReader(client: environment.client, caches: caches)
        let namespace = release.metadata.namespace ?? ref.namespace
        let values: ReleaseValues
        let chart: ResolvedChart
        do {
            values = try await ReleaseValues.compose(release.spec, namespace: namespace, reader: reader)
            chart = try await ChartResolution.resolve(release.spec.chart, namespace: namespace, reader: reader, fetcher: environment.fetcher)
        } catch let error as ValuesCompositionError {
            fail(ReleaseReason.valuesFailed, error.description)
            try await writer.write(status)
            throw error
        } catch {
            fail(ReleaseReason.chartFailed, "\(error)")
            try await writer.write(status)
            throw error
        }
        var history: [Release]
        do {
            history = try await store.history(names.release)
        } catch {
            // Said in the status, not only in the log: a person must grant the rights or fix
            // the record; a refusal is looked at again soon, as rights come out of band.
            let forbidden = if case .api(_, _, let api) = error, api.code == 403 { true } else { false }
            let who = acting.client.impersonation.map { " (acting as \($0.user))" } ?? ""
            fail(forbidden ? ReleaseReason.forbidden : ReleaseReason.storageFailed, "cannot read the release history\(who): \(error)")
            try await writer.write(status)
            if forbidden { return .requeue(after: min(interval, .seconds(30))) }
            throw error
        }
        if try await uninstallMovedRelease(release, wanted: names, history: history, object: object, acting: acting) {
            history = try await store.history(names.release)
        }
        let latest = history.last

        // Decide.
        let decision = ReleaseDecision(
            release: release, status: status, history: history, chart: chart, values: values, request: request, now: environment.goNow)
        let action = decision.action
        let policy = decision.policy
        let exhausted = decision.exhausted

        // Act.
        var chartDigests: [Int: String] = [:]
        var rereadHistory = false
        var deployedHistory: [Release]?
        status.lastAttemptedChartVersion = chart.chart.metadata.version
        status.lastAttemptedConfigDigest = values.digest
        status.storageNamespace = names.storageNamespace
        status.releaseName = names.release
        var next: ReconcileAction = .requeue(after: interval)
        if let exhausted {
            let what = exhausted.phase == .install ? "install" : "upgrade"
            let message = "\(exhausted.failures) failed \(what) attempt(s), retries exhausted"
                + " (\(policy.retries(exhausted.phase)) allowed); change the spec or set the annotation \(ReconcileRequest.annotation) to try again"
            fail(exhausted.phase == .install ? ReleaseReason.installFailed : ReleaseReason.upgradeFailed, message)
            stall(ReleaseReason.retriesExceeded, message)
        } else { switch action {
        case .none:
            var conditions = status.conditions ?? []
            if let latest, latest.info.status == .deployed {
                ReleaseConditions.set(
                    &conditions, type: ConditionType.ready, status: .true, reason: readyReason(conditions),
                    message: conditions.first { $0.type == ConditionType.ready && $0.status == .true }?.message
                        ?? "Release \(names.storageNamespace)/\(names.release).v\(latest.version) is deployed", generation: generation, now: now)
                if conditions.first(where: { $0.type == ConditionType.released })?.status != .true {
                    ReleaseConditions.set(
                        &conditions, type: ConditionType.released, status: .true, reason: readyReason(conditions),
                        message: "Release \(names.storageNamespace)/\(names.release).v\(latest.version) is deployed", generation: generation,
                        now: now)
                }
                try await checkDrift(latest, release: release, names: names, object: object, conditions: &conditions, acting: acting)
                if let (tests, tested) = try await runPendingTests(latest, release: release, names: names, store: store, acting: acting) {
                    tests.apply(to: &conditions, generation: generation, now: now)
                    if !tests.passed && release.spec.test?.ignoreFailures != true {
                        ReleaseConditions.set(
                            &conditions, type: ConditionType.ready, status: .false, reason: ReleaseReason.testFailed, message: tests.message,
                            generation: generation, now: now)
                    }
                    record(object, tests.passed ? .normal : .warning, tests.passed ? ReleaseReason.testSucceeded : ReleaseReason.testFailed, tests.message)
                    deployedHistory = history.map { $0.version == tested.version ? tested : $0 }
                }
            } else if let latest {
                ReleaseConditions.set(
                    &conditions, type: ConditionType.ready, status: .false, reason: ReleaseReason.upgradeFailed,
                    message: latest.info.description, generation: generation, now: now)
            }
            if let latest { ReleaseTestOutcome.holdFailure(&conditions, original: original.conditions ?? [], latest: latest,
                testsEnabled: release.spec.test?.enable == true && release.spec.test?.ignoreFailures != true, generation: generation, now: now) }
            status.conditions = conditions
            status.observedGeneration = generation
        case .unlock(let revision):
            if let pending = latest, pending.version == revision {
                try await UnlockAction(store: store, environment: acting).run(pending)
                record(object, .warning, ReleaseReason.unlocked, "Revision \(revision) was left \(pending.info.status.rawValue); marked failed and retried")
            }
            next = .requeue(after: .zero)
        case .waitForLock(let revision):
            // The record changes when that client finishes, which queues this release again;
            // the requeue covers a client that never does.
            var conditions = status.conditions ?? []
            ReleaseConditions.set(
                &conditions, type: ConditionType.reconciling, status: .true, reason: ReleaseReason.lockedByAnotherClient,
                message: "Revision \(revision) of \(names.storageNamespace)/\(names.release) is \(latest?.info.status.rawValue ?? "pending") by another client; waiting for it to finish",
                generation: generation, now: now)
            status.conditions = conditions
            next = .requeue(after: .seconds(30))
        case .uninstall:
            break
        case .install, .upgrade, .rollback:
            let outcome: ReleaseDeployment.Outcome
            // Shown while apply and readiness run, so `kubectl get hr` says what is happening.
            let progressing = { (revision: Int) async throws in
                var shown = status
                var conditions = shown.conditions ?? []
                let what: String
                switch action {
                case .install: what = "Installing"
                case .rollback(let to, _): what = "Rolling back to revision \(to) as"
                default: what = "Upgrading to"
                }
                ReleaseConditions.set(
                    &conditions, type: ConditionType.reconciling, status: .true, reason: ReleaseReason.progressing,
                    message: "\(what) revision \(revision)", generation: generation, now: now)
                shown.conditions = conditions
                shown.lastAttemptedRevision = revision
                try await writer.write(shown)
            }
            switch action {
            case .rollback(let to, _):
                let deployment = ReleaseDeployment(environment: acting, release: release, names: names, store: store, kind: .rollback(to: to))
                guard let target = history.first(where: { $0.version == to }),
                    let done = try await deployment.rollback(to: target, revision: (latest?.version ?? 0) + 1, history: history, started: progressing)
                else {
                    fail(ReleaseReason.historyMissing, "spec.rollback.toRevision: revision \(to) is not in the history of \(names.storageNamespace)/\(names.release)")
                    try await writer.write(status)
                    return .requeue(after: interval)
                }
                outcome = done
            default:
                let kind: ReleaseDeployment.Kind = latest.map { $0.info.status == .uninstalled } ?? true ? .install : .upgrade
                let deployment = ReleaseDeployment(environment: acting, release: release, names: names, store: store, kind: kind)
                outcome = try await deployment.run(
                    chart: chart.chart, values: values.values, revision: (latest?.version ?? 0) + 1, history: history, started: progressing)
                if let revision = outcome.revision { chartDigests[revision] = chart.digest }
            }
            // A render failure records no revision, so nothing stops the next reconcile from
            // trying again; the status write below is such a trigger. The same failure for
            // the same generation is therefore not counted, written or announced again, or
            // the controller would loop on its own writes.
            let ready = original.conditions?.first { $0.type == ConditionType.ready }
            let repeated = outcome.revision == nil && !outcome.succeeded && ready?.status == .false && ready?.reason == outcome.reason
                && ready?.message == String(outcome.message.prefix(32_000)) && ready?.observedGeneration == generation
            var conditions = status.conditions ?? []
            ReleaseConditions.remove(&conditions, type: ConditionType.reconciling)
            // A chart that does not render will not render on a retry either: stalled until
            // the spec (or the chart it names) changes.
            if outcome.reason == ReleaseReason.renderFailed {
                ReleaseConditions.set(
                    &conditions, type: ConditionType.stalled, status: .true, reason: outcome.reason, message: outcome.message,
                    generation: generation, now: now)
            } else {
                ReleaseConditions.remove(&conditions, type: ConditionType.stalled)
            }
            // Missing rights are granted out of band, unseen by any watch: look again soon.
            if outcome.reason == ReleaseReason.forbidden { next = .requeue(after: min(interval, .seconds(30))) }
            ReleaseConditions.set(
                &conditions, type: ConditionType.ready, status: outcome.succeeded ? .true : .false, reason: outcome.reason,
                message: outcome.message, generation: generation, now: now)
            if outcome.revision != nil {
                ReleaseConditions.set(
                    &conditions, type: ConditionType.released, status: outcome.succeeded ? .true : .false, reason: outcome.reason,
                    message: outcome.message, generation: generation, now: now)
            }
            outcome.tests?.apply(to: &conditions, generation: generation, now: now)
            status.conditions = conditions
            status.observedGeneration = generation
            if let revision = outcome.revision { status.lastAttemptedRevision = revision }
            deployedHistory = outcome.history
            if outcome.revision != nil { status.observedPostRenderersDigest = PostRendering(release.spec).digest }
            status.failures = outcome.succeeded ? 0 : (status.failures ?? 0) + (repeated ? 0 : 1)
            if !repeated { record(object, outcome.succeeded ? .normal : .warning, outcome.reason, outcome.message) }
            try await remediate(
                outcome, action: action, policy: policy, status: &status, next: &next, interval: interval, rereadHistory: &rereadHistory,
                context: RemediationContext(
                    release: release, names: names, store: store, object: object, history: outcome.history ?? history, acting: acting))
        } }
        // What is stored now: a deployment keeps its own account of what it wrote; only an
        // unlock (rare) lists again.
        let stored: [Release]
        if case .unlock = action { rereadHistory = true }
        stored = rereadHistory ? try await store.history(names.release) : deployedHistory ?? history
        status.history = ReleaseHistoryStatus.snapshots(
            stored, previous: original.history ?? [], chartDigests: chartDigests,
            limit: release.spec.maxHistory ?? HelmReleaseSpec.defaultMaxHistory)
        try await writer.write(status)
        return next
    }

    private func readyReason(_ conditions: [Condition]) -> String {
        conditions.first { $0.type == ConditionType.ready && $0.status == .true }?.reason ?? ReleaseReason.upToDate
    }

    func record(_ object: JSONValue, _ type: EventRecorder.EventType, _ reason: String, _ message: String) {
        environment.events?.record(object, type, reason: reason, message: message)
    }
}
