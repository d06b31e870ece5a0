/// `printPod`: READY counts ready containers (restartable init containers, i.e. sidecars,
/// included), STATUS is the most telling reason (`Init:1/2`, `CrashLoopBackOff`,
/// `Completed`, `Terminating`...), RESTARTS adds `(5m ago)` after the last restart.
extension BuiltinPrinters {
    static func podRow(_ pod: JSONValue, _ now: KubeTime) -> (cells: [JSONValue], conditions: [JSONValue]?) {
        let spec = pod["spec"] ?? .emptyObject
        let status = pod["status"] ?? .emptyObject
        let phase = status["phase"]?.stringValue ?? ""
        var reason = phase
        if let r = status["reason"]?.stringValue, !r.isEmpty { reason = r }
        let conditions = status["conditions"]?.arrayValue ?? []
        if conditions.contains(where: { $0["type"]?.stringValue == "PodScheduled" && $0["reason"]?.stringValue == "SchedulingGated" }) {
            reason = "SchedulingGated"
        }

        let initSpecs = spec["initContainers"]?.arrayValue ?? []
        var sidecars: Set<String> = []
        for c in initSpecs where c["restartPolicy"]?.stringValue == "Always" { sidecars.insert(c["name"]?.stringValue ?? "") }
        var total = (spec["containers"]?.arrayValue ?? []).count + sidecars.count
        var ready = 0
        var restarts = 0
        var sidecarRestarts = 0
        var lastRestart: Int64?
        var lastSidecarRestart: Int64?
        func later(_ a: Int64?, _ b: Int64?) -> Int64? {
            guard let b else { return a }
            guard let a else { return b }
            return max(a, b)
        }
        func finishedAt(_ c: JSONValue) -> Int64? {
            c[path: ["lastState", "terminated", "finishedAt"]]?.stringValue.flatMap(KubeTime.init(rfc3339:))?.secondsSinceEpoch
        }

        var initializing = false
        for (i, c) in (status["initContainerStatuses"]?.arrayValue ?? []).enumerated() {
            let count = Int(c["restartCount"]?.intValue ?? 0)
            restarts += count
            lastRestart = later(lastRestart, finishedAt(c))
            let isSidecar = sidecars.contains(c["name"]?.stringValue ?? "")
            if isSidecar {
                sidecarRestarts += count
                lastSidecarRestart = later(lastSidecarRestart, finishedAt(c))
            }
            let terminated = c[path: ["state", "terminated"]]
            let waitingReason = c[path: ["state", "waiting", "reason"]]?.stringValue ?? ""
            if let terminated, terminated["exitCode"]?.intValue ?? 0 == 0 { continue }
            if isSidecar, c["started"]?.boolValue == true {
                if c["ready"]?.boolValue == true { ready += 1 }
                continue
            }
            if let terminated {
                if let r = terminated["reason"]?.stringValue, !r.isEmpty {
                    reason = "Init:" + r
                } else if let signal = terminated["signal"]?.intValue, signal != 0 {
                    reason = "Init:Signal:\(signal)"
                } else {
                    reason = "Init:ExitCode:\(terminated["exitCode"]?.intValue ?? 0)"
                }
            } else if !waitingReason.isEmpty && waitingReason != "PodInitializing" {
                reason = "Init:" + waitingReason
            } else {
                reason = "Init:\(i)/\(initSpecs.count)"
            }
            initializing = true
            break
        }

        let initialized = conditions.contains { $0["type"]?.stringValue == "Initialized" && $0["status"]?.stringValue == "True" }
        if !initializing || initialized {
            restarts = sidecarRestarts
            lastRestart = lastSidecarRestart
            var hasRunning = false
            for c in (status["containerStatuses"]?.arrayValue ?? []).reversed() {
                restarts += Int(c["restartCount"]?.intValue ?? 0)
                lastRestart = later(lastRestart, finishedAt(c))
                let waiting = c[path: ["state", "waiting", "reason"]]?.stringValue ?? ""
                let terminated = c[path: ["state", "terminated"]]
                if !waiting.isEmpty {
                    reason = waiting
                } else if let terminated, let r = terminated["reason"]?.stringValue, !r.isEmpty {
                    reason = r
                } else if let terminated {
                    if let signal = terminated["signal"]?.intValue, signal != 0 {
                        reason = "Signal:\(signal)"
                    } else {
                        reason = "ExitCode:\(terminated["exitCode"]?.intValue ?? 0)"
                    }
                } else if c["ready"]?.boolValue == true, c[path: ["state", "running"]] != nil {
                    hasRunning = true
                    ready += 1
                }
            }
            if reason == "Completed" && hasRunning {
                let podReady = conditions.contains { $0["type"]?.stringValue == "Ready" && $0["status"]?.stringValue == "True" }
                reason = podReady ? "Running" : "NotReady"
            }
        }

        if pod[path: ["metadata", "deletionTimestamp"]].map({ !$0.isNull }) ?? false {
            if status["reason"]?.stringValue == "NodeLost" {
                reason = "Unknown"
            } else if phase != "Succeeded" && phase != "Failed" {
                reason = "Terminating"
            }
        }

        var restartText = String(restarts)
        if restarts != 0, let lastRestart {
            restartText = "\(restarts) (\(HumanDuration.format(seconds: now.secondsSinceEpoch - lastRestart)) ago)"
        }

        var ip = status["podIPs"]?.arrayValue?.first?["ip"]?.stringValue ?? ""
        if ip.isEmpty { ip = "<none>" }
        var node = spec["nodeName"]?.stringValue ?? ""
        if node.isEmpty { node = "<none>" }
        var nominated = status["nominatedNodeName"]?.stringValue ?? ""
        if nominated.isEmpty { nominated = "<none>" }
        var gates = "<none>"
        let readinessGates = spec["readinessGates"]?.arrayValue ?? []
        if !readinessGates.isEmpty {
            let trueCount = readinessGates.filter { gate in
                let type = gate["conditionType"]?.stringValue
                return conditions.first { $0["type"]?.stringValue == type }?["status"]?.stringValue == "True"
            }.count
            gates = "\(trueCount)/\(readinessGates.count)"
        }
        total = max(total, 0)

        var rowConditions: [JSONValue]?
        switch phase {
        case "Succeeded":
            rowConditions = [["type": "Completed", "status": "True", "reason": "Succeeded", "message": "The pod has completed successfully."]]
        case "Failed":
            rowConditions = [["type": "Completed", "status": "True", "reason": "Failed", "message": "The pod failed."]]
        default:
            rowConditions = nil
        }
        let cells: [JSONValue] = [
            .string(pod.metadataName ?? ""), .string("\(ready)/\(total)"), .string(reason), .string(restartText),
            .string(HumanDuration.since(pod[path: ["metadata", "creationTimestamp"]], now: now)),
            .string(ip), .string(node), .string(nominated), .string(gates),
        ]
        return (cells, rowConditions)
    }
}
