import KubeObjects

/// Objects that run to an outcome: Jobs and Pods.
enum RunReadiness {
    /// A Job is ready when complete: `Complete=True`, or as many successes as completions
    /// (1 when unset). `Failed=True`, or more failures than `backoffLimit` (Helm's rule),
    /// is a failure.
    static func job(_ s: StatusReading) -> ReadinessState {
        if let failed = s.condition("Failed"), failed.isTrue { return .failed("Job failed: \(failed.explanation)") }
        if let complete = s.condition("Complete"), complete.isTrue { return .ready }
        let failures = s.statusCount("failed")
        let backoffLimit = s.int("spec", "backoffLimit") ?? 6
        if failures > backoffLimit { return .failed("Job failed: \(failures) failed pods exceed the backoff limit of \(backoffLimit)") }
        let completions = s.int("spec", "completions") ?? 1
        let succeeded = s.statusCount("succeeded")
        if succeeded >= completions { return .ready }
        return .inProgress("\(succeeded) of \(completions) completions succeeded (\(s.statusCount("active")) active)")
    }

    /// A Pod is ready when its `Ready` condition is True, or when it has succeeded; a
    /// failed Pod will not recover.
    static func pod(_ s: StatusReading) -> ReadinessState {
        let phase = s.string("status", "phase") ?? "Pending"
        switch phase {
        case "Succeeded": return .ready
        case "Failed":
            let why = [s.string("status", "reason"), s.string("status", "message")].compactMap { $0 }.joined(separator: ": ")
            return .failed(why.isEmpty ? "Pod failed" : "Pod failed: \(why)")
        default:
            if let ready = s.condition("Ready"), ready.isTrue { return .ready }
            if let waiting = firstWaitingContainer(s) { return .inProgress("phase \(phase); \(waiting)") }
            return .inProgress("phase \(phase); the Ready condition is not True")
        }
    }

    /// `container "app" is waiting: CrashLoopBackOff`: what keeps a pod from ready.
    private static func firstWaitingContainer(_ s: StatusReading) -> String? {
        for c in s.object[path: ["status", "containerStatuses"]]?.arrayValue ?? [] {
            if let reason = c[path: ["state", "waiting", "reason"]]?.stringValue {
                return "container \"\(c["name"]?.stringValue ?? "")\" is waiting: \(reason)"
            }
        }
        return nil
    }
}
