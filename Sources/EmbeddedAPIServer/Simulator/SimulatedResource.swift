import KubeObjects

/// The resources the workload simulator reads or writes: the workloads it makes ready and
/// the ReplicaSets and Pods it creates for Deployments, as kube-controller-manager does.
public enum SimulatedResource: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case deployments
    case replicaSets
    case statefulSets
    case daemonSets
    case jobs
    case pods

    public var groupVersionResource: GroupVersionResource {
        switch self {
        case .deployments: GroupVersionResource(group: "apps", version: "v1", resource: "deployments")
        case .replicaSets: GroupVersionResource(group: "apps", version: "v1", resource: "replicasets")
        case .statefulSets: GroupVersionResource(group: "apps", version: "v1", resource: "statefulsets")
        case .daemonSets: GroupVersionResource(group: "apps", version: "v1", resource: "daemonsets")
        case .jobs: GroupVersionResource(group: "batch", version: "v1", resource: "jobs")
        case .pods: GroupVersionResource(group: "", version: "v1", resource: "pods")
        }
    }

    public var groupResource: GroupResource {
        GroupResource(group: groupVersionResource.group, resource: groupVersionResource.resource)
    }

    public var apiVersion: String { groupVersionResource.groupVersion.apiVersion }

    public var kind: String {
        switch self {
        case .deployments: "Deployment"
        case .replicaSets: "ReplicaSet"
        case .statefulSets: "StatefulSet"
        case .daemonSets: "DaemonSet"
        case .jobs: "Job"
        case .pods: "Pod"
        }
    }

    public var description: String { groupVersionResource.groupResource }
}
