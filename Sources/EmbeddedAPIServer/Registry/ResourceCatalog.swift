import KubeObjects

/// The served kinds as the running server sees them: one `ResourceRegistry` value that
/// CRD writes change and every request reads. An actor, so a CRD's registration is seen
/// whole by the next request (kubectl applies a custom object in the very next command).
public actor ResourceCatalog {
    public private(set) var registry: ResourceRegistry

    public init(_ registry: ResourceRegistry = ResourceRegistry()) {
        self.registry = registry
    }

    public func apply(crd: JSONValue) throws(CRDError) {
        try registry.apply(crd: crd)
    }

    public func remove(crdNamed name: String) {
        registry.remove(crdNamed: name)
    }
}
