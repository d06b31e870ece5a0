import Foundation
import KubeObjects

/// What a coordination.k8s.io/v1 Lease says about its holder: client-go's
/// `LeaderElectionRecord`, read from and written to the Lease's `spec`.
///
/// Times are `metav1.MicroTime` (RFC 3339 with six fraction digits). They are written for
/// people and other clients; this candidate never compares them with its own clock (see
/// `LeaderElector`), so they are kept as the server returned them.
struct LeaderElectionRecord: Sendable, Equatable {
    var holderIdentity: String
    var leaseDurationSeconds: Int
    var acquireTime: String?
    var renewTime: String?
    var leaseTransitions: Int

    init(holderIdentity: String, leaseDurationSeconds: Int, acquireTime: String?, renewTime: String?, leaseTransitions: Int) {
        self.holderIdentity = holderIdentity
        self.leaseDurationSeconds = leaseDurationSeconds
        self.acquireTime = acquireTime
        self.renewTime = renewTime
        self.leaseTransitions = leaseTransitions
    }

    /// Reads a Lease's spec; missing fields read as Go's zero values.
    init(lease: JSONValue) {
        let spec = lease["spec"]
        holderIdentity = spec?["holderIdentity"]?.stringValue ?? ""
        leaseDurationSeconds = spec?["leaseDurationSeconds"]?.intValue.map(Int.init) ?? 0
        acquireTime = spec?["acquireTime"]?.stringValue
        renewTime = spec?["renewTime"]?.stringValue
        leaseTransitions = spec?["leaseTransitions"]?.intValue.map(Int.init) ?? 0
    }

    /// The Lease spec holding this record (client-go's `LeaderElectionRecordToLeaseSpec`).
    var spec: JSONValue {
        var o: [String: JSONValue] = [
            "leaseDurationSeconds": .int(Int64(leaseDurationSeconds)),
            "leaseTransitions": .int(Int64(leaseTransitions)),
        ]
        // A released Lease has no holder: the field is omitted, as Go's omitempty does.
        if !holderIdentity.isEmpty { o["holderIdentity"] = .string(holderIdentity) }
        if let acquireTime { o["acquireTime"] = .string(acquireTime) }
        if let renewTime { o["renewTime"] = .string(renewTime) }
        return .object(o)
    }

    /// `metav1.MicroTime`'s JSON form: UTC, exactly six fraction digits
    /// (`2024-05-01T12:00:00.000000Z`), which is what the API server validates against.
    static func microTime(_ date: Date) -> String {
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded(.down))
        let (seconds, fraction) = micros.quotientAndRemainder(dividingBy: 1_000_000)
        // Before 1970 the remainder is negative: borrow a second so the fraction is positive.
        let (s, f) = fraction < 0 ? (seconds - 1, fraction + 1_000_000) : (seconds, fraction)
        let whole = KubeTime(secondsSinceEpoch: s).rfc3339  // "…:SSZ"
        let digits = String(f)
        return whole.dropLast() + "." + String(repeating: "0", count: 6 - digits.count) + digits + "Z"
    }
}
