/// Where one object stands on its way to ready, with the reason a person needs when it is
/// not there (kstatus' Current / InProgress / Failed).
public enum ReadinessState: Sendable, Hashable, CustomStringConvertible {
    case ready
    /// Still converging; the reason says what is awaited.
    case inProgress(String)
    /// Will not get there without a change (a failed Job, a rollout past its deadline).
    case failed(String)

    public var isReady: Bool { self == .ready }

    public var description: String {
        switch self {
        case .ready: return "ready"
        case .inProgress(let reason): return "not ready: \(reason)"
        case .failed(let reason): return "failed: \(reason)"
        }
    }
}
