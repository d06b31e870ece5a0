import KubeObjects

/// Whether an object is ready, read from the object alone, with Helm's wait rules
/// (`pkg/kube/ready.go`) and kstatus' (Helm 4's default waiter) where Helm has none:
/// workloads by their rollout counts, Jobs and Pods by their outcome, PVCs bound, load
/// balancers with an address, definitions and API services by their conditions, and any
/// other object by the standard `Ready`/`Available`/`Stalled`/`Reconciling` conditions.
/// An object with nothing to wait for is ready.
public enum ReadinessCheck {
    public static func check(_ object: JSONValue) -> ReadinessState {
        let status = StatusReading(object)
        if object.hasDeletionTimestamp { return .inProgress("being deleted") }
        let group = object.groupVersionKind?.group ?? ""
        switch (group, object["kind"]?.stringValue ?? "") {
        case ("apps", "Deployment"), ("extensions", "Deployment"): return WorkloadReadiness.deployment(status)
        case ("apps", "StatefulSet"): return WorkloadReadiness.statefulSet(status)
        case ("apps", "DaemonSet"), ("extensions", "DaemonSet"): return WorkloadReadiness.daemonSet(status)
        case ("apps", "ReplicaSet"), ("extensions", "ReplicaSet"), ("", "ReplicationController"):
            return WorkloadReadiness.replicaSet(status)
        case ("batch", "Job"): return RunReadiness.job(status)
        case ("", "Pod"): return RunReadiness.pod(status)
        case ("", "PersistentVolumeClaim"): return ServingReadiness.persistentVolumeClaim(status)
        case ("", "Service"): return ServingReadiness.service(status)
        case ("apiextensions.k8s.io", "CustomResourceDefinition"): return ServingReadiness.customResourceDefinition(status)
        case ("apiregistration.k8s.io", "APIService"): return ServingReadiness.apiService(status)
        default: return conditions(status)
        }
    }

    /// kstatus' generic rules for kinds it has no special knowledge of: a status that lags
    /// the spec is in progress; `Stalled=True` or `Failed=True` is a failure; `Reconciling=True`
    /// and `Ready`/`Available` other than True are in progress with their reason.
    static func conditions(_ status: StatusReading) -> ReadinessState {
        if status.observedGeneration != nil, let pending = status.generationPending { return .inProgress(pending) }
        for failure in ["Stalled", "Failed"] {
            if let c = status.condition(failure), c.isTrue { return .failed("\(failure): \(c.explanation)") }
        }
        if let c = status.condition("Reconciling"), c.isTrue { return .inProgress("Reconciling: \(c.explanation)") }
        for type in ["Ready", "Available"] {
            guard let c = status.condition(type) else { continue }
            return c.isTrue ? .ready : .inProgress("\(type) is \(c.status): \(c.explanation)")
        }
        return .ready
    }
}
