/// Who competes for which Lease, and the three durations of client-go's leader election.
///
/// The durations must satisfy client-go's rule `leaseDuration > renewDeadline >
/// 1.2 × retryPeriod`: a leader that cannot renew gives up (at `renewDeadline` after its
/// last renewal) before any other candidate may take over (`leaseDuration` after it last
/// saw the Lease change), so two leaders never overlap while clocks run at the same rate.
public struct LeaderElectionConfiguration: Sendable, Equatable {
    public var leaseName: String
    public var namespace: String
    /// This candidate's name in `spec.holderIdentity`; unique among candidates (a pod name).
    public var identity: String
    /// How long a Lease holds after its holder last renewed it, as candidates judge it.
    public var leaseDuration: Duration = .seconds(15)
    /// How long the leader keeps trying to renew before it gives leadership up.
    public var renewDeadline: Duration = .seconds(10)
    /// The pause between attempts to acquire, and between renewals.
    public var retryPeriod: Duration = .seconds(2)
    /// On cancellation (graceful shutdown), hand the Lease back so a successor takes over
    /// at once instead of waiting for it to expire (client-go's `ReleaseOnCancel`).
    public var releaseOnCancel = true

    public init(leaseName: String, namespace: String, identity: String) {
        self.leaseName = leaseName
        self.namespace = namespace
        self.identity = identity
    }

    /// client-go's `JitterFactor`: acquire attempts are spaced `retryPeriod × (1 + up to 1.2)`.
    static let jitterFactor = 1.2

    func validate() throws(LeaderElectionError) {
        func fail(_ why: String) -> LeaderElectionError { .invalidConfiguration(why) }
        if leaseName.isEmpty { throw fail("leaseName must not be empty") }
        if namespace.isEmpty { throw fail("namespace must not be empty") }
        if identity.isEmpty { throw fail("identity must not be empty") }
        if retryPeriod <= .zero { throw fail("retryPeriod must be positive") }
        if leaseDuration <= renewDeadline { throw fail("leaseDuration must be greater than renewDeadline") }
        if renewDeadline <= retryPeriod * Self.jitterFactor {
            throw fail("renewDeadline must be greater than retryPeriod × \(Self.jitterFactor)")
        }
    }

    /// `spec.leaseDurationSeconds` is whole seconds: round up, so the Lease never claims
    /// less than this candidate waits for.
    var leaseDurationSeconds: Int {
        let c = leaseDuration.components
        return max(1, Int(c.seconds) + (c.attoseconds > 0 ? 1 : 0))
    }
}

public enum LeaderElectionError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidConfiguration(String)
    /// Renewal failed until the renew deadline passed, or another candidate holds the Lease.
    case leadershipLost(lease: String, identity: String)
    /// `run` was called while a previous `run` of the same elector was still going.
    case alreadyRunning

    public var description: String {
        switch self {
        case .invalidConfiguration(let why): return "invalid leader election configuration: \(why)"
        case .leadershipLost(let lease, let identity): return "\(identity) lost the leadership of lease \(lease)"
        case .alreadyRunning: return "this leader elector is already running"
        }
    }
}

/// What a candidate observes, as client-go's `OnStartedLeading`/`OnStoppedLeading`/`OnNewLeader`.
public enum LeadershipEvent: Sendable, Equatable {
    case startedLeading
    case stoppedLeading
    /// The Lease's holder changed to this identity (this candidate included).
    case newLeader(String)
}
