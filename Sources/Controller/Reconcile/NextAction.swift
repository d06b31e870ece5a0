/// The one thing a reconcile does next. The reconciler observes, decides one action, runs
/// it and records the outcome; the next reconcile (triggered by the write it made) decides
/// again, so a crash between actions leaves a state the next decision handles.
public enum NextAction: Sendable, Equatable {
    /// Nothing stored yet: install revision 1.
    case install
    /// The stored release differs from the spec: a new revision.
    case upgrade(from: Int)
    /// `spec.rollback.toRevision`: a new revision equal to that one.
    case rollback(to: Int, from: Int)
    /// A revision left `pending-*` by an interrupted controller: mark it failed, then decide again.
    case unlock(revision: Int)
    /// Another client (a Helm CLI run) holds the release's lock, a `pending-*` revision of
    /// its own: wait for it to finish rather than race it.
    case waitForLock(revision: Int)
    /// The HelmRelease is being deleted.
    case uninstall
    /// The stored release is what the spec asks for.
    case none

    /// What the stored history and the spec call for.
    ///
    /// - `latest`: the newest stored revision, nil when none.
    /// - `matchesSpec`: whether `latest` is the spec's chart and values (or, when rolling
    ///   back, a completed rollback to the requested revision).
    /// - `retryFailed`: whether a failed attempt at the same spec may be repeated (a
    ///   remediation retry or a user's request); otherwise it stays failed until the spec
    ///   changes, instead of failing again every interval.
    /// - `heldByUs`: whether `latest` was written by this HelmRelease's controller.
    /// - `lockExpired`: whether `latest`, if pending, has been so for longer than any Helm
    ///   run lasts (its client is gone).
    public static func decide(
        deleting: Bool, latest: StoredRevision?, rollbackTo: Int?, matchesSpec: Bool, heldByUs: Bool, retryFailed: Bool = false,
        lockExpired: Bool = false
    ) -> NextAction {
        if deleting { return .uninstall }
        guard let latest else { return .install }
        // A pending revision of our own making was left by an interrupted controller and is
        // ours to unlock at once; another client's is a Helm CLI run in progress, waited
        // for until it has clearly been abandoned.
        if latest.isPending {
            return heldByUs || lockExpired ? .unlock(revision: latest.version) : .waitForLock(revision: latest.version)
        }
        if latest.status == "uninstalled" { return .install }
        let settled = latest.status == "deployed" || (latest.status == "failed" && !retryFailed)
        if let to = rollbackTo {
            return matchesSpec && settled ? .none : .rollback(to: to, from: latest.version)
        }
        if matchesSpec && settled { return .none }
        return .upgrade(from: latest.version)
    }
}

/// What the decision needs of a stored revision.
public struct StoredRevision: Sendable, Equatable {
    public var version: Int
    public var status: String

    public init(version: Int, status: String) {
        self.version = version
        self.status = status
    }

    public var isPending: Bool { status.hasPrefix("pending-") }
}
