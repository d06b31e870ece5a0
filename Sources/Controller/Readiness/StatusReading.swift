import KubeObjects

/// Reading the parts of an object readiness rules look at, with the API's defaults for
/// what is absent (Go's zero values, `replicas: 1`).
struct StatusReading {
    let object: JSONValue

    init(_ object: JSONValue) { self.object = object }

    func int(_ path: String...) -> Int64? { object[path: path]?.intValue }
    func string(_ path: String...) -> String? { object[path: path]?.stringValue }

    var generation: Int64 { int("metadata", "generation") ?? 0 }
    var observedGeneration: Int64? { int("status", "observedGeneration") }
    /// `spec.replicas`, 1 when unset (the API's default).
    var specReplicas: Int64 { int("spec", "replicas") ?? 1 }
    func statusCount(_ field: String) -> Int64 { int("status", field) ?? 0 }

    /// The controller has not seen the latest spec yet: what status says is about an older
    /// one. A missing `observedGeneration` counts as never observed.
    var generationPending: String? {
        let observed = observedGeneration ?? 0
        guard observed < generation else { return nil }
        return "generation \(generation) is not observed yet (observed: \(observed))"
    }

    /// A status condition by type.
    func condition(_ type: String) -> StatusCondition? {
        for c in object[path: ["status", "conditions"]]?.arrayValue ?? [] where c["type"]?.stringValue == type {
            return StatusCondition(
                status: c["status"]?.stringValue ?? "Unknown", reason: c["reason"]?.stringValue ?? "",
                message: c["message"]?.stringValue ?? "")
        }
        return nil
    }
}

struct StatusCondition {
    var status: String
    var reason: String
    var message: String

    var isTrue: Bool { status == "True" }
    var isFalse: Bool { status == "False" }

    /// `Reason: message`, or whichever of the two is there.
    var explanation: String {
        switch (reason.isEmpty, message.isEmpty) {
        case (false, false): return "\(reason): \(message)"
        case (false, true): return reason
        case (true, false): return message
        case (true, true): return "status \(status)"
        }
    }
}

/// An int-or-string of the API: a count, or a percentage of a total (`intstr.GetScaledValueFromIntOrPercent`).
enum IntOrPercent {
    static func scaled(_ value: JSONValue?, total: Int64, roundUp: Bool, default fallback: JSONValue) -> Int64 {
        let value = value ?? fallback
        if let count = value.intValue { return count }
        if let text = value.stringValue, text.hasSuffix("%"), let percent = Int64(text.dropLast()) {
            let scaled = total * percent
            return roundUp ? (scaled + 99) / 100 : scaled / 100
        }
        if let text = value.stringValue, let count = Int64(text) { return count }
        // Unreadable: the API's default, as the controllers fall back to it.
        guard value != fallback else { return 0 }
        return scaled(fallback, total: total, roundUp: roundUp, default: fallback)
    }
}
