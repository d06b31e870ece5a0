import Controller
import Foundation
import KubeClient
import KubeObjects
import Values

/// `--wait`: follows one HelmRelease (a read, then its watch, re-read whenever the watch
/// ends) until the controller has judged the generation the command wrote.
enum ReleaseWait {
    /// Helm's default `--timeout`.
    static let defaultTimeout: Duration = .seconds(300)

    /// A Go duration flag (`5m`, `90s`, `1h30m`); `defaultTimeout` when absent.
    static func duration(_ text: String?, flag: String) throws -> Duration {
        guard let text, !text.isEmpty else { return defaultTimeout }
        let parsed: GoDuration
        do {
            parsed = try GoDuration.parse(text)
        } catch {
            throw ReleaseCommandError.invalidArgument("\(flag) \(text): \(error)")
        }
        guard parsed.nanoseconds > 0 else { throw ReleaseCommandError.invalidArgument("\(flag) \(text): must be positive") }
        return .nanoseconds(parsed.nanoseconds)
    }

    enum Verdict: Equatable {
        case ready
        case failed(reason: String, message: String)
        case pending(String)
    }

    /// Ready=True for `generation` (or later) is success; Ready=False for it with a failure
    /// reason is failure; anything older, or still progressing, is not an answer yet.
    static func judge(_ release: HelmRelease, generation: Int64) -> Verdict {
        if release.spec.suspend == true {
            return .failed(reason: ReleaseReason.suspended, message: "spec.suspend is true, so the controller does not act on it")
        }
        let observed = release.status?.observedGeneration ?? 0
        let ready = release.status?.conditions?.first { $0.type == ConditionType.ready }
        guard let ready, observed >= generation, (ready.observedGeneration ?? observed) >= generation else {
            let seen = ready.map { "Ready=\($0.status) \($0.reason)" } ?? "no Ready condition"
            return .pending("generation \(generation) not yet observed (observed \(observed), \(seen))")
        }
        if ready.status == .true { return .ready }
        if ready.status == .false, !ready.reason.isEmpty, ready.reason != ReleaseReason.progressing {
            return .failed(reason: ready.reason, message: ready.message)
        }
        return .pending("Ready=\(ready.status) \(ready.reason): \(ready.message)")
    }

    /// The HelmRelease once Ready for `generation`; throws `failed` when the controller
    /// reports that generation failed, `timedOut` after `timeout`.
    static func untilReady(_ name: String, generation: Int64, in cluster: ReleaseCluster, timeout: Duration) async throws -> HelmRelease {
        let namespace = cluster.namespace
        return try await follow(name, in: cluster, timeout: timeout, what: "HelmRelease \(namespace)/\(name) to be Ready") { object in
            guard let object else { throw ReleaseCommandError.deletedWhileWaiting(name: name, namespace: namespace) }
            let release = try object.decode(HelmRelease.self)
            switch judge(release, generation: generation) {
            case .ready: return .done(release)
            case .failed(let reason, let message):
                throw ReleaseCommandError.failed(name: name, namespace: namespace, reason: reason, message: message)
            case .pending(let state): return .pending(state)
            }
        }
    }

    /// Returns once the HelmRelease is gone (the controller uninstalled and released it).
    static func untilGone(_ name: String, in cluster: ReleaseCluster, timeout: Duration) async throws {
        try await follow(name, in: cluster, timeout: timeout, what: "HelmRelease \(cluster.namespace)/\(name) to be deleted") { object in
            guard let object else { return .done(()) }
            let ready = try? object.decode(HelmRelease.self).status?.conditions?.first { $0.type == ConditionType.ready }
            return .pending("still present" + (ready.map { ", Ready=\($0.status) \($0.reason): \($0.message)" } ?? ""))
        }
    }

    enum Step<T> {
        case done(T)
        case pending(String)
    }

    /// Reads the object, then watches it until `step` answers; the watch asks the server to
    /// end it by the deadline, so a silent object cannot outlive the timeout.
    private static func follow<T>(
        _ name: String, in cluster: ReleaseCluster, timeout: Duration, what: String, _ step: (JSONValue?) throws -> Step<T>
    ) async throws -> T {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var last = "nothing read yet"
        while true {
            let current = try await cluster.releases.getIfExists(name)
            switch try step(current) {
            case .done(let value): return value
            case .pending(let state): last = state
            }
            let remaining = deadline - clock.now
            guard remaining > .zero else { throw ReleaseCommandError.timedOut(what: what, last: last) }
            guard let version = current?.metadataResourceVersion else { continue }
            var params = ListParams(fieldSelector: "metadata.name=\(name)")
            params.timeoutSeconds = max(1, Int(remaining.components.seconds) + 1)
            do {
                let events = try await cluster.releases.watch(params, resourceVersion: version)
                watching: for try await event in events {
                    let object: JSONValue?
                    switch event.type {
                    case "ADDED", "MODIFIED":
                        guard event.object.metadataName == name else { continue }
                        object = event.object
                    case "DELETED":
                        guard event.object.metadataName == name else { continue }
                        object = nil
                    case "ERROR":
                        break watching  // an expired version (410): read afresh
                    default:
                        continue  // BOOKMARK
                    }
                    switch try step(object) {
                    case .done(let value): return value
                    case .pending(let state): last = state
                    }
                    if clock.now >= deadline { throw ReleaseCommandError.timedOut(what: what, last: last) }
                }
            } catch let error as ReleaseCommandError {
                throw error
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                // A broken watch is not the release's failure: read again and carry on.
                last += " (watch interrupted: \(error))"
            }
            if clock.now >= deadline { throw ReleaseCommandError.timedOut(what: what, last: last) }
            try await Task.sleep(for: .milliseconds(200))
        }
    }
}
