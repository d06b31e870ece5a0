import KubeObjects

/// One condition a controller wants an object to carry.
struct DesiredCondition: Sendable {
    var type: String
    var status: Bool
    var reason: String
    var message: String
}

/// Writes conditions the way the controllers do, so that re-reconciling an object whose
/// state has not changed computes a status equal to the stored one (and so writes
/// nothing): a condition whose status, reason and message are unchanged keeps its
/// timestamps; one whose status is unchanged keeps its `lastTransitionTime`.
enum StatusConditions {
    /// Which timestamp besides `lastTransitionTime` a kind's conditions carry.
    enum Style {
        /// Deployments: `lastUpdateTime`.
        case lastUpdateTime
        /// Jobs and Pods: `lastProbeTime` (Pods write it as null).
        case lastProbeTime
        case nullLastProbeTime
    }

    static func merge(_ desired: [DesiredCondition], existing: JSONValue?, style: Style, now: KubeTime) -> JSONValue {
        let previous = existing?.arrayValue ?? []
        let stamp = JSONValue.string(now.rfc3339)
        return .array(
            desired.map { want in
                let status: JSONValue = want.status ? "True" : "False"
                let old = previous.first { $0["type"]?.stringValue == want.type }
                if let old, old["status"] == status, (old["reason"]?.stringValue ?? "") == want.reason,
                    (old["message"]?.stringValue ?? "") == want.message
                {
                    return old
                }
                var c: JSONValue = ["type": .string(want.type), "status": status]
                // Pods write no reason or message on a condition that is as it should be.
                if !want.reason.isEmpty { c["reason"] = .string(want.reason) }
                if !want.message.isEmpty { c["message"] = .string(want.message) }
                c["lastTransitionTime"] = old?["status"] == status ? (old?["lastTransitionTime"] ?? stamp) : stamp
                switch style {
                case .lastUpdateTime: c["lastUpdateTime"] = stamp
                case .lastProbeTime: c["lastProbeTime"] = stamp
                case .nullLastProbeTime: c["lastProbeTime"] = .null
                }
                return c
            })
    }

    /// Whether an object's `status.conditions` has `type` with status True.
    static func isTrue(_ type: String, in object: JSONValue) -> Bool {
        (object[path: ["status", "conditions"]]?.arrayValue ?? []).contains {
            $0["type"]?.stringValue == type && $0["status"]?.stringValue == "True"
        }
    }
}
