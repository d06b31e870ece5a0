/// What a reconcile asks for next (kube-rs's `Action`, controller-runtime's `Result`).
/// A reconcile that throws is retried with per-key exponential backoff instead.
public enum ReconcileAction: Sendable, Equatable {
    /// Converged: nothing until the object (or something that triggers it) changes.
    case done
    /// Look again after this long even if nothing changes (polling something the
    /// controller cannot watch, or a periodic drift check).
    case requeue(after: Duration)
}
