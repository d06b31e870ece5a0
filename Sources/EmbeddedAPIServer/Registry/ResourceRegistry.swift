import KubeObjects

/// Every kind the server serves right now: the built-ins plus the versions of each
/// established CustomResourceDefinition. Discovery, OpenAPI, routing and validation all
/// read it; creating, changing or deleting a CRD changes it at once, because kubectl
/// applies a custom object in the very next command.
public struct ResourceRegistry: Sendable {
    public private(set) var resources: [APIResource]
    /// What each CRD-served version adds beyond discovery, by resource.
    public private(set) var customVersions: [GroupVersionResource: CustomResourceVersion] = [:]
    /// Bumped on every change, so OpenAPI document hashes and caches change with it.
    public private(set) var revision = 1

    public init() {
        resources = BuiltinResources.all
    }

    /// The resource a URL names.
    public func resource(group: String, version: String, plural: String) -> APIResource? {
        resources.first { $0.plural == plural && $0.version == version && $0.group == group }
    }

    /// The resource serving a kind (an object's `apiVersion` + `kind`).
    public func resource(for gvk: GroupVersionKind) -> APIResource? {
        resources.first { $0.kind == gvk.kind && $0.version == gvk.version && $0.group == gvk.group }
    }

    /// Groups in the order a real server lists them, each with its versions, preferred first.
    public var groups: [(name: String, versions: [String])] {
        var order: [String] = []
        var versions: [String: [String]] = [:]
        for r in resources {
            if versions[r.group] == nil { order.append(r.group) }
            if !(versions[r.group]?.contains(r.version) ?? false) { versions[r.group, default: []].append(r.version) }
        }
        return order.map { ($0, versions[$0]!) }
    }

    public func resources(in gv: GroupVersion) -> [APIResource] {
        resources.filter { $0.group == gv.group && $0.version == gv.version }
    }

    /// Serves (or stops serving) what a CRD object declares; returns an error text for a
    /// CRD the server cannot accept.
    public mutating func apply(crd: JSONValue) throws(CRDError) {
        let parsed = try CustomResourceDefinition(crd)
        remove(crdNamed: parsed.name, bumping: false)
        for v in parsed.versions where v.served {
            let resource = APIResource(
                group: parsed.group, version: v.name, kind: parsed.kind, plural: parsed.plural,
                singular: parsed.singular, namespaced: parsed.namespaced, shortNames: parsed.shortNames,
                categories: parsed.categories, subresources: v.subresources)
            resources.append(resource)
            customVersions[resource.groupVersionResource] = CustomResourceVersion(
                crdName: parsed.name, listKind: parsed.listKind, schema: v.schema, printerColumns: v.printerColumns,
                storage: v.storage, validator: v.schema.map(CustomResourceSchema.init(openAPIV3Schema:)),
                objectSchema: ObjectSchema(crdOpenAPIV3Schema: v.schema ?? CustomResourceVersion.untypedSchema))
        }
        revision += 1
    }

    public mutating func remove(crdNamed name: String) {
        remove(crdNamed: name, bumping: true)
    }

    private mutating func remove(crdNamed name: String, bumping: Bool) {
        let gone = customVersions.filter { $0.value.crdName == name }.map(\.key)
        guard !gone.isEmpty else { return }
        for gvr in gone { customVersions[gvr] = nil }
        let goneSet = Set(gone)
        resources.removeAll { goneSet.contains($0.groupVersionResource) }
        if bumping { revision += 1 }
    }
}

/// A served version of a custom resource: its schema and printer columns.
public struct CustomResourceVersion: Sendable {
    public var crdName: String
    public var listKind: String
    public var schema: JSONValue?
    public var printerColumns: [JSONValue]
    public var storage: Bool
    /// Pruning, defaulting and validation for objects of this version (nil without a schema).
    public var validator: CustomResourceSchema?
    /// The schema merges and field ownership follow, built once per CRD version rather
    /// than on every write.
    public var objectSchema: ObjectSchema

    /// What a version without a schema holds: any object.
    static let untypedSchema: JSONValue = ["type": "object", "x-kubernetes-preserve-unknown-fields": true]
}
