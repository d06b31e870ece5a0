import KubeObjects

/// `GET /openapi/v2`: one Swagger 2.0 document for every served group version, built from the
/// same v3 documents `/openapi/v3` serves, so a CRD is in it the moment it is created.
///
/// kubectl 1.37 reads it for one thing that matters: client-side validation of the items of a
/// `kind: List` file (the List kind has no PATCH operation to take `fieldValidation`, so
/// kubectl validates each item against the definition whose `x-kubernetes-group-version-kind`
/// is the item's kind). `kubectl apply` (client-side) also looks at the PATCH operation's
/// `consumes`; strategic merge patch is not listed, as in v3, so kubectl keeps computing
/// patches from its compiled-in types.
///
/// Built-in kinds are published open (`type: object` and no properties). Their v3 schemas
/// come from `ObjectSchema`, which lists only the fields merging needs; kubectl treats a v2
/// object with `properties` as closed, and would reject a List item's valid fields
/// (`spec.replicas` of a Deployment) as unknown. Custom kinds carry their CRD schema, which is
/// complete, so their List items are checked like on a real cluster.
enum OpenAPIV2Document {
    /// The Swagger parts of one group version.
    struct Fragment: Sendable, Equatable {
        var paths: [String: JSONValue] = [:]
        var definitions: [String: JSONValue] = [:]
    }

    /// Converts the v3 document of a group version. `openKinds` names the definitions to
    /// publish open (the built-in kinds).
    static func fragment(v3 document: JSONValue, openKinds: Set<String>) -> Fragment {
        var f = Fragment()
        for (path, item) in document["paths"]?.objectValue ?? [:] {
            f.paths[path] = OpenAPIV2Conversion.pathItem(item)
        }
        for (name, schema) in document["components"]?["schemas"]?.objectValue ?? [:] {
            f.definitions[name] = openKinds.contains(name) ? open(schema) : OpenAPIV2Conversion.schema(schema)
        }
        return f
    }

    /// The built-in kind definitions of `gv` in `registry`.
    static func openKinds(_ gv: GroupVersion, in registry: ResourceRegistry) -> Set<String> {
        Set(registry.resources(in: gv).compactMap { r in
            registry.customVersions[r.groupVersionResource] == nil ? OpenAPISchemaNames(resource: r, isCustom: false).kind : nil
        })
    }

    /// The whole document. Definitions shared by every group version (`ObjectMeta`) appear once.
    static func document(_ fragments: [Fragment]) -> JSONValue {
        var paths: [String: JSONValue] = [:]
        var definitions: [String: JSONValue] = [:]
        for f in fragments {
            paths.merge(f.paths) { first, _ in first }
            definitions.merge(f.definitions) { first, _ in first }
        }
        return [
            "swagger": "2.0",
            "info": ["title": "Kubernetes", "version": .string(VersionInfo.current.gitVersion)],
            "paths": .object(paths),
            "definitions": .object(definitions),
        ]
    }

    private static func open(_ schema: JSONValue) -> JSONValue {
        var o: JSONValue = ["type": "object"]
        o["description"] = schema["description"]
        o["x-kubernetes-group-version-kind"] = schema["x-kubernetes-group-version-kind"]
        return o
    }
}
