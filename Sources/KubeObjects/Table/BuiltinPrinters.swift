/// The columns and cells kube-apiserver's printers (`pkg/printers/internalversion`) give the
/// built-in kinds kubectl users look at most. Cells keep the printers' types: counts are
/// integers (`Data`, `Up-to-date`), ready counts are `"1/2"` strings.
enum BuiltinPrinters {
    static func convertor(group: String, kind: String) -> TableConvertor? {
        switch (group, kind) {
        case ("", "Pod"): return pod
        case ("apps", "Deployment"): return deployment
        case ("", "Service"): return service
        case ("", "ConfigMap"): return configMap
        case ("", "Secret"): return secret
        case ("", "Namespace"): return namespace
        default: return nil
        }
    }

    private static func name(_ o: JSONValue) -> JSONValue { .string(o.metadataName ?? "") }
    private static func age(_ o: JSONValue, _ now: KubeTime) -> JSONValue {
        .string(HumanDuration.since(o[path: ["metadata", "creationTimestamp"]], now: now))
    }
    private static func count(_ v: JSONValue?) -> Int64 { Int64(v?.objectValue?.count ?? 0) }

    // MARK: ConfigMap, Secret, Namespace

    static let configMap = TableConvertor(columns: [
        .name, TableColumn(name: "Data", description: "Data contains the configuration data."), .age,
    ]) { o, now in
        ([name(o), .int(count(o["data"]) + count(o["binaryData"])), age(o, now)], nil)
    }

    static let secret = TableConvertor(columns: [
        .name, TableColumn(name: "Type", description: "Used to facilitate programmatic handling of secret data."),
        TableColumn(name: "Data", description: "Data contains the secret data."), .age,
    ]) { o, now in
        ([name(o), .string(o["type"]?.stringValue ?? ""), .int(count(o["data"])), age(o, now)], nil)
    }

    static let namespace = TableConvertor(columns: [
        .name, TableColumn(name: "Status", description: "The status of the namespace"), .age,
    ]) { o, now in
        ([name(o), .string(o[path: ["status", "phase"]]?.stringValue ?? ""), age(o, now)], nil)
    }

    // MARK: Deployment

    static let deployment = TableConvertor(columns: [
        .name, TableColumn(name: "Ready", description: "Number of the pod with ready state"),
        TableColumn(name: "Up-to-date", description: "Total number of non-terminated pods targeted by this deployment that have the desired template spec."),
        TableColumn(name: "Available", description: "Total number of available pods (ready for at least minReadySeconds) targeted by this deployment."),
        .age,
        TableColumn(name: "Containers", description: "Names of each container in the template.", priority: 1),
        TableColumn(name: "Images", description: "Images referenced by each container in the template.", priority: 1),
        TableColumn(name: "Selector", description: "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.", priority: 1),
    ]) { o, now in
        // The internal type is defaulted: a Deployment without spec.replicas wants 1.
        let desired = o[path: ["spec", "replicas"]]?.intValue ?? 1
        let ready = o[path: ["status", "readyReplicas"]]?.intValue ?? 0
        let containers = o[path: ["spec", "template", "spec", "containers"]]?.arrayValue ?? []
        return ([
            name(o), .string("\(ready)/\(desired)"), .int(o[path: ["status", "updatedReplicas"]]?.intValue ?? 0),
            .int(o[path: ["status", "availableReplicas"]]?.intValue ?? 0), age(o, now),
            .string(containers.map { $0["name"]?.stringValue ?? "" }.joined(separator: ",")),
            .string(containers.map { $0["image"]?.stringValue ?? "" }.joined(separator: ",")),
            .string(formatLabelSelector(o[path: ["spec", "selector"]])),
        ], nil)
    }

    /// `metav1.FormatLabelSelector`: the selector's string, `<none>` when empty, `<error>`
    /// when invalid.
    static func formatLabelSelector(_ v: JSONValue?) -> String {
        guard let selector = try? LabelSelector(structured: v) else { return "<error>" }
        let s = selector.description
        return s.isEmpty ? "<none>" : s
    }

    /// `labels.FormatLabels`: sorted `k=v` pairs, `<none>` when empty.
    static func formatLabels(_ v: JSONValue?) -> String {
        let pairs = (v?.objectValue ?? [:]).map { ($0.key, $0.value.stringValue ?? "") }
            .sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
        return pairs.isEmpty ? "<none>" : pairs.map { "\($0.0)=\($0.1)" }.joined(separator: ",")
    }

    // MARK: Service

    static let service = TableConvertor(columns: [
        .name,
        TableColumn(name: "Type", description: "type determines how the Service is exposed. Defaults to ClusterIP."),
        TableColumn(name: "Cluster-IP", description: "clusterIP is the IP address of the service and is usually assigned randomly."),
        TableColumn(name: "External-IP", description: "externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service."),
        TableColumn(name: "Port(s)", description: "The list of ports that are exposed by this service."),
        .age,
        TableColumn(name: "Selector", description: "Route service traffic to pods with label keys and values matching this selector.", priority: 1),
    ]) { o, now in
        let spec = o["spec"] ?? .emptyObject
        let type = spec["type"]?.stringValue ?? "ClusterIP"
        let clusterIP = spec["clusterIPs"]?.arrayValue?.first?.stringValue ?? spec["clusterIP"]?.stringValue ?? "<none>"
        let ports = (spec["ports"]?.arrayValue ?? []).map { p -> String in
            let port = p["port"]?.intValue ?? 0
            let proto = p["protocol"]?.stringValue ?? "TCP"
            if let nodePort = p["nodePort"]?.intValue, nodePort > 0 { return "\(port):\(nodePort)/\(proto)" }
            return "\(port)/\(proto)"
        }.joined(separator: ",")
        return ([
            name(o), .string(type), .string(clusterIP), .string(externalIP(o, type: type)),
            .string(ports.isEmpty ? "<none>" : ports), age(o, now), .string(formatLabels(spec["selector"])),
        ], nil)
    }

    /// `getServiceExternalIP` with `wide` (the server always prints wide).
    static func externalIP(_ o: JSONValue, type: String) -> String {
        let external = (o[path: ["spec", "externalIPs"]]?.arrayValue ?? []).compactMap(\.stringValue)
        switch type {
        case "ClusterIP", "NodePort":
            return external.isEmpty ? "<none>" : external.joined(separator: ",")
        case "LoadBalancer":
            let ingress = (o[path: ["status", "loadBalancer", "ingress"]]?.arrayValue ?? []).compactMap { i -> String? in
                if let ip = i["ip"]?.stringValue, !ip.isEmpty { return ip }
                if let host = i["hostname"]?.stringValue, !host.isEmpty { return host }
                return nil
            }
            let all = ingress + external
            return all.isEmpty ? "<pending>" : all.joined(separator: ",")
        case "ExternalName":
            return o[path: ["spec", "externalName"]]?.stringValue ?? ""
        default:
            return "<unknown>"
        }
    }

    // MARK: Pod

    static let pod = TableConvertor(columns: [
        .name,
        TableColumn(name: "Ready", description: "The aggregate readiness state of this pod for accepting traffic."),
        TableColumn(name: "Status", description: "The aggregate status of the containers in this pod."),
        TableColumn(name: "Restarts", description: "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
        .age,
        TableColumn(name: "IP", description: "podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.", priority: 1),
        TableColumn(name: "Node", description: "NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName.", priority: 1),
        TableColumn(name: "Nominated Node", description: "nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods.", priority: 1),
        TableColumn(name: "Readiness Gates", description: "If specified, all readiness gates will be evaluated for pod readiness.", priority: 1),
    ]) { o, now in podRow(o, now) }
}
