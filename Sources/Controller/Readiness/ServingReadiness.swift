import KubeObjects

/// Objects that serve something once set up: claims, services, definitions, API services.
enum ServingReadiness {
    static func persistentVolumeClaim(_ s: StatusReading) -> ReadinessState {
        let phase = s.string("status", "phase") ?? "Pending"
        return phase == "Bound" ? .ready : .inProgress("the claim is \(phase), not Bound")
    }

    /// A LoadBalancer waits for an address (or external IPs given in its spec); other
    /// services are ready once they exist (kstatus; Helm 3 also waited for a cluster IP).
    static func service(_ s: StatusReading) -> ReadinessState {
        guard s.string("spec", "type") == "LoadBalancer" else { return .ready }
        if !(s.object[path: ["spec", "externalIPs"]]?.arrayValue ?? []).isEmpty { return .ready }
        if !(s.object[path: ["status", "loadBalancer", "ingress"]]?.arrayValue ?? []).isEmpty { return .ready }
        return .inProgress("the load balancer has no ingress address yet")
    }

    /// Established; names refused by the server (a conflict with another definition) will
    /// not resolve themselves.
    static func customResourceDefinition(_ s: StatusReading) -> ReadinessState {
        if let names = s.condition("NamesAccepted"), names.isFalse {
            return .failed("names not accepted: \(names.explanation)")
        }
        if let established = s.condition("Established"), established.isTrue { return .ready }
        return .inProgress("not Established yet")
    }

    static func apiService(_ s: StatusReading) -> ReadinessState {
        guard let available = s.condition("Available") else { return .inProgress("no Available condition yet") }
        return available.isTrue ? .ready : .inProgress("Available is \(available.status): \(available.explanation)")
    }
}
