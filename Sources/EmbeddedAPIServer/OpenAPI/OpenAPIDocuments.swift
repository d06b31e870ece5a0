import KubeObjects

/// The OpenAPI v3 documents of one registry state: the `/openapi/v3` root and one document
/// per served group version, CRD groups included.
///
/// kubectl 1.37 (`apply`, `create -f`, `replace`, `edit`, `diff`, `explain`) and Helm 4
/// (install, upgrade) read them first: they look for the PATCH operation whose
/// `x-kubernetes-group-version-kind` is the object's kind, and when it takes a
/// `fieldValidation` parameter they send `fieldValidation=Strict` instead of validating on
/// the client against `/openapi/v2` (which they still do for the items of a `kind: List`;
/// see `OpenAPIV2Document`). `kubectl explain` walks `components.schemas`, matched by their
/// `x-kubernetes-group-version-kind`.
///
/// Documents are values; serialize them once per registry revision through
/// `OpenAPIDocumentCache`.
public struct OpenAPIDocuments: Sendable {
    public let registry: ResourceRegistry

    public init(registry: ResourceRegistry) {
        self.registry = registry
    }

    /// Every served group version: core first, then the groups in discovery order, each
    /// group's versions in preference order.
    public var groupVersions: [GroupVersion] {
        registry.groups.flatMap { g in g.versions.map { GroupVersion(group: g.name, version: $0) } }
    }

    /// The key of a group version in the root document, and its URL below `/openapi/v3/`:
    /// `api/v1`, `apis/apps/v1`.
    public static func urlPath(for gv: GroupVersion) -> String {
        gv.group.isEmpty ? "api/\(gv.version)" : "apis/\(gv.group)/\(gv.version)"
    }

    /// The group version a path below `/openapi/v3/` names (`api/v1`, `apis/apps/v1`), whether
    /// or not it is served; `nil` for anything else.
    public static func groupVersion(forURLPath path: String) -> GroupVersion? {
        let s = path.split(separator: "/").map(String.init)
        switch s.count {
        case 2 where s[0] == "api": return GroupVersion(group: "", version: s[1])
        case 3 where s[0] == "apis": return GroupVersion(group: s[1], version: s[2])
        default: return nil
        }
    }

    /// `GET /openapi/v3`: each group version with the URL clients fetch it from. `hashes`
    /// holds each document's content hash: clients cache documents by URL, so the hash in the
    /// URL must change whenever the document does.
    public static func root(hashes: [(GroupVersion, String)]) -> JSONValue {
        var paths: [String: JSONValue] = [:]
        for (gv, hash) in hashes {
            let path = urlPath(for: gv)
            paths[path] = ["serverRelativeURL": .string("/openapi/v3/\(path)?hash=\(hash)")]
        }
        return ["paths": .object(paths)]
    }

    /// `GET /openapi/v3/<api/v1 | apis/G/V>`; `nil` when nothing is served in `gv`.
    public func document(for gv: GroupVersion) -> JSONValue? {
        let resources = registry.resources(in: gv)
        guard !resources.isEmpty else { return nil }
        var paths: [String: JSONValue] = [:]
        var schemas = OpenAPIMetaSchemas.all
        for r in resources {
            let custom = registry.customVersions[r.groupVersionResource]
            let names = OpenAPISchemaNames(resource: r, isCustom: custom != nil)
            for (path, item) in OpenAPIOperations(resource: r, names: names).pathItems() {
                paths[path] = item
            }
            let kindSchema = custom.map { OpenAPIKindSchemas.custom(r, schema: $0.schema) }
                ?? OpenAPIKindSchemas.builtin(r)
            schemas[names.kind] = kindSchema
            schemas[names.list] = OpenAPIKindSchemas.list(
                of: r, listKind: custom?.listKind ?? r.kind + "List", itemSchema: names.kind)
        }
        return [
            "openapi": "3.0.0",
            "info": ["title": "Kubernetes", "version": .string(VersionInfo.current.gitVersion)],
            "paths": .object(paths),
            "components": ["schemas": .object(schemas)],
        ]
    }
}

/// How the real server names a kind's schema in `components.schemas`: the Go package path
/// for built-ins (`io.k8s.api.core.v1.ConfigMap`, `io.k8s.api.rbac.v1.Role`), the reversed
/// group for custom resources (`helm.rudder.dev` → `dev.rudder.helm.v1.HelmRelease`).
struct OpenAPISchemaNames {
    var kind: String
    var list: String

    init(resource r: APIResource, isCustom: Bool) {
        let prefix: String
        if isCustom {
            prefix = r.group.split(separator: ".").reversed().joined(separator: ".")
        } else if r.group.isEmpty {
            prefix = "io.k8s.api.core"
        } else if r.group == "apiextensions.k8s.io" {
            prefix = "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions"
        } else if r.group.hasSuffix(".k8s.io") {
            prefix = "io.k8s.api." + r.group.prefix { $0 != "." }
        } else {
            prefix = "io.k8s.api.\(r.group)"
        }
        kind = "\(prefix).\(r.version).\(r.kind)"
        list = kind + "List"
    }

    static func ref(_ name: String) -> JSONValue {
        ["$ref": .string("#/components/schemas/\(name)")]
    }
}
