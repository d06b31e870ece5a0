import KubeObjects

/// A CRD object that cannot be served, with the API server's field path and reason.
public struct CRDError: Error, CustomStringConvertible, Sendable {
    public var field: String
    public var reason: String
    public var description: String { "\(field): \(reason)" }
}

/// The parts of an `apiextensions.k8s.io/v1` CustomResourceDefinition the server acts on.
struct CustomResourceDefinition {
    struct Version {
        var name: String
        var served: Bool
        var storage: Bool
        var schema: JSONValue?
        var subresources: [String]
        var printerColumns: [JSONValue]
    }

    var name: String
    var group: String
    var kind: String
    var listKind: String
    var plural: String
    var singular: String
    var shortNames: [String]
    var categories: [String]
    var namespaced: Bool
    var versions: [Version]

    init(_ crd: JSONValue) throws(CRDError) {
        func required(_ path: [String]) throws(CRDError) -> String {
            guard let s = crd[path: path]?.stringValue, !s.isEmpty else {
                throw CRDError(field: path.joined(separator: "."), reason: "Required value")
            }
            return s
        }
        name = try required(["metadata", "name"])
        group = try required(["spec", "group"])
        plural = try required(["spec", "names", "plural"])
        kind = try required(["spec", "names", "kind"])
        guard name == "\(plural).\(group)" else {
            throw CRDError(field: "metadata.name", reason: "Invalid value: \"\(name)\": must be spec.names.plural+\".\"+spec.group")
        }
        singular = crd[path: ["spec", "names", "singular"]]?.stringValue ?? kind.lowercased()
        listKind = crd[path: ["spec", "names", "listKind"]]?.stringValue ?? kind + "List"
        shortNames = (crd[path: ["spec", "names", "shortNames"]]?.arrayValue ?? []).compactMap(\.stringValue)
        categories = (crd[path: ["spec", "names", "categories"]]?.arrayValue ?? []).compactMap(\.stringValue)
        switch crd[path: ["spec", "scope"]]?.stringValue {
        case "Namespaced": namespaced = true
        case "Cluster": namespaced = false
        case let other:
            throw CRDError(field: "spec.scope", reason: other == nil ? "Required value" : "Unsupported value: \"\(other!)\": supported values: \"Cluster\", \"Namespaced\"")
        }
        guard let list = crd[path: ["spec", "versions"]]?.arrayValue, !list.isEmpty else {
            throw CRDError(field: "spec.versions", reason: "Invalid value: null: must have exactly one version marked as storage version")
        }
        versions = []
        for (i, v) in list.enumerated() {
            guard let vname = v["name"]?.stringValue, !vname.isEmpty else {
                throw CRDError(field: "spec.versions[\(i)].name", reason: "Required value")
            }
            var sub: [String] = []
            if v[path: ["subresources", "status"]] != nil { sub.append("status") }
            if v[path: ["subresources", "scale"]] != nil { sub.append("scale") }
            versions.append(Version(
                name: vname, served: v["served"]?.boolValue ?? false, storage: v["storage"]?.boolValue ?? false,
                schema: v[path: ["schema", "openAPIV3Schema"]], subresources: sub,
                printerColumns: v["additionalPrinterColumns"]?.arrayValue ?? []))
        }
        guard versions.filter(\.storage).count == 1 else {
            throw CRDError(field: "spec.versions", reason: "Invalid value: must have exactly one version marked as storage version")
        }
    }
}
