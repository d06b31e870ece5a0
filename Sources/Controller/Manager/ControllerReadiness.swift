/// Where the controller is on its way to reconciling, for `/readyz`: a replica is ready once
/// its HelmRelease cache holds a first full list (before that it would act on a partial
/// view), and a replica standing by for the leader Lease is ready too, so a rollout of
/// several replicas never waits on who leads.
public actor ControllerReadiness {
    public enum Phase: String, Sendable {
        /// The process is up; the controller has not started.
        case starting
        /// Waiting for the leader Lease (`--leader-elect`).
        case standby
        /// Watching HelmReleases; the first list has not arrived.
        case syncing
        /// The HelmRelease cache holds a full list; reconciles may run.
        case synced
        /// Shutting down: running reconciles are finishing, no new ones start.
        case stopped
    }

    public private(set) var phase: Phase = .starting

    public init() {}

    public var isReady: Bool { phase == .standby || phase == .synced }

    public func enter(_ phase: Phase) {
        self.phase = phase
    }
}
