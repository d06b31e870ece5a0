import KubeClient
import KubeObjects
import Values

/// Runs the hooks of one event of a release, as Helm's `execHook` does:
///
/// - the hooks of the event in `HookOrder`, one at a time;
/// - a hook naming no delete policy gets `before-hook-creation`, and is recorded with it;
/// - `before-hook-creation`: the previous object is deleted, and waited for until gone;
/// - the hook's `last_run` is set `Running` and the release recorded, then the object is
///   created (server-side apply as the controller's field manager);
/// - a Job is waited for until complete or failed, a Pod until Succeeded or Failed, each
///   within the timeout; any other kind is done once created;
/// - a failure stops the event: the hook is marked `Failed` (deleted if it says
///   `hook-failed`) and the error returned; the hooks after it do not run;
/// - once all succeeded, those saying `hook-succeeded` are deleted, last one first.
///
/// `last_run` is left in `release.hooks`; recording the final state is the caller's (it
/// records the revision's outcome in the same write).
struct HookRunner: Sendable {
    let client: APIClient
    let mapper: RESTMapper
    let fieldManager: String
    /// How long each Job or Pod may take, and each deletion.
    let timeout: Duration
    /// The longest pause between two reads of a running hook.
    let pollInterval: Duration
    let now: @Sendable () -> GoTime

    init(environment: ReconcilerEnvironment, timeout: Duration) {
        client = environment.client
        mapper = environment.mapper
        fieldManager = environment.fieldManager
        self.timeout = timeout
        pollInterval = environment.readinessPollInterval
        now = { environment.goNow }
    }

    /// Runs `release`'s hooks of `event`; `record` stores the release (each hook is
    /// recorded `Running` before it is created, as Helm does, so a crash leaves a trace).
    func run(_ event: HookEvent, on release: inout Release, record: (Release) async throws -> Void) async throws {
        let order = HookOrder.indices(of: release.hooks, at: event)
        for i in order {
            if release.hooks[i].deletePolicies.isEmpty { release.hooks[i].deletePolicies = [HookDeletePolicy.beforeHookCreation.rawValue] }
            let hook = release.hooks[i]
            let target: HookObject
            do {
                target = try await HookObject.build(hook, releaseNamespace: release.namespace, client: client, mapper: mapper)
            } catch {
                throw HookError(event: event, path: hook.path, problem: .unbuildable(error.message))
            }
            try await delete(hook, target, ifItSays: .beforeHookCreation, event: event)

            release.hooks[i].lastRun = Release.HookExecution(startedAt: now(), phase: HookPhase.running)
            try await record(release)
            // What a run ends as if nothing below decides (Helm's guard against a panic).
            release.hooks[i].lastRun.phase = HookPhase.unknown

            let created: JSONValue
            do {
                created = try await target.resource.apply(target.object, fieldManager: fieldManager, force: true)
            } catch {
                release.hooks[i].lastRun.completedAt = now()
                release.hooks[i].lastRun.phase = HookPhase.failed
                throw HookError(event: event, path: hook.path, problem: .notCreated(Self.message(error)))
            }
            let problem = try await waitUntilDone(target, created: created, event: event)
            release.hooks[i].lastRun.completedAt = now()
            if let problem {
                release.hooks[i].lastRun.phase = HookPhase.failed
                try await delete(hook, target, ifItSays: .hookFailed, event: event)
                throw HookError(event: event, path: hook.path, problem: problem)
            }
            release.hooks[i].lastRun.phase = HookPhase.succeeded
        }
        for i in order.reversed() {
            let hook = release.hooks[i]
            guard hook.hasDeletePolicy(.hookSucceeded) else { continue }
            let target: HookObject
            do {
                target = try await HookObject.build(hook, releaseNamespace: release.namespace, client: client, mapper: mapper)
            } catch {
                throw HookError(event: event, path: hook.path, problem: .unbuildable(error.message))
            }
            try await delete(hook, target, ifItSays: .hookSucceeded, event: event)
        }
    }

    // MARK: Waiting

    /// nil once the hook finished well; the problem when it failed or ran out of time.
    private func waitUntilDone(_ target: HookObject, created: JSONValue, event: HookEvent) async throws -> HookError.Problem? {
        guard target.kind.kind == "Job" || target.kind.kind == "Pod" else { return nil }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var current: JSONValue? = created
        var delay = min(Duration.milliseconds(100), pollInterval)
        while true {
            if let current, let outcome = Self.outcome(of: current, kind: target.kind.kind, name: target.name) {
                return outcome.problem
            }
            let now = clock.now
            if now >= deadline { return .timedOut(kind: target.kind.kind, name: target.name, after: timeout) }
            try await clock.sleep(for: min(delay, deadline - now))
            delay = min(delay * 2, pollInterval)
            // A hook object deleted under us (or not there yet) is still awaited.
            current = try await target.resource.getIfExists(target.name)
        }
    }

    struct Finished {
        var problem: HookError.Problem?
    }

    /// nil while the Job or Pod still runs; Helm's wording for a failure (`job migrate
    /// failed: BackoffLimitExceeded`, `pod smoke failed`).
    static func outcome(of object: JSONValue, kind: String, name: String) -> Finished? {
        let status = StatusReading(object)
        switch kind {
        case "Job":
            if let failed = status.condition("Failed"), failed.isTrue {
                return Finished(problem: .failed("job \(name) failed: \(failed.reason.isEmpty ? failed.explanation : failed.reason)"))
            }
            switch RunReadiness.job(status) {
            case .ready: return Finished(problem: nil)
            case .failed(let why): return Finished(problem: .failed("job \(name) failed: \(why)"))
            case .inProgress: return nil
            }
        default:
            switch status.string("status", "phase") {
            case "Succeeded": return Finished(problem: nil)
            case "Failed": return Finished(problem: .failed("pod \(name) failed"))
            default: return nil
            }
        }
    }

    // MARK: Deleting

    /// Helm's `deleteHookByPolicy`: deletes the hook's object when it names `policy`, and
    /// waits until it is gone. CustomResourceDefinitions are never deleted (their removal
    /// would take every custom resource of the kind with them).
    private func delete(_ hook: Release.Hook, _ target: HookObject, ifItSays policy: HookDeletePolicy, event: HookEvent) async throws {
        guard hook.hasDeletePolicy(policy), hook.kind != "CustomResourceDefinition" else { return }
        do {
            try await target.resource.delete(target.name, DeleteParams(propagationPolicy: .background))
        } catch let error as KubeAPIError where error.isNotFound {
            return
        } catch {
            throw HookError(event: event, path: hook.path, problem: .notDeleted("\(target.identity): \(Self.message(error))"))
        }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        var delay = min(Duration.milliseconds(50), pollInterval)
        while try await target.resource.getIfExists(target.name) != nil {
            let now = clock.now
            if now >= deadline {
                throw HookError(
                    event: event, path: hook.path, problem: .notDeleted("\(target.identity) was still there after \(timeout)"))
            }
            try await clock.sleep(for: min(delay, deadline - now))
            delay = min(delay * 2, pollInterval)
        }
    }

    private static func message(_ error: any Error) -> String {
        (error as? KubeAPIError)?.message ?? "\(error)"
    }
}
