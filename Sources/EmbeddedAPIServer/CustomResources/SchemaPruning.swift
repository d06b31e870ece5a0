import Values
import KubeObjects

/// Pruning: what the API server does to a custom object while decoding it. Every field the
/// schema does not declare is removed (unless `x-kubernetes-preserve-unknown-fields` keeps
/// that subtree), `metadata` is reduced to ObjectMeta at the root and in every embedded
/// resource, and the removed paths are collected so that `fieldValidation=Strict` can
/// refuse the request and `Warn` can name them in `Warning` headers.
extension StructuralSchema {
    /// The object with unknown fields removed, and their paths in the server's order:
    /// unknown keys of the root `metadata` first, then the schema's (sorted), then those of
    /// embedded resources' `metadata` (sorted). Paths read `spec.foo`, `spec.list[0].bar`,
    /// `metadata.foo`; several are joined with ", " in the strict decoding error.
    public func prune(_ object: JSONValue) -> (pruned: JSONValue, unknownFields: [String]) {
        var x = object
        var unknown: [String] = []
        if case .object(var root) = x, let meta = root["metadata"] {
            let coerced = ObjectMetaCoercion.coerce(meta, prefix: "metadata")
            root["metadata"] = coerced.metadata
            unknown += coerced.unknown
            x = .object(root)
        }
        // At the root apiVersion, kind and metadata are never the schema's business.
        var rootSchema = self
        rootSchema.embeddedResource = true
        var pruned: [String] = []
        Self.pruneNode(&x, rootSchema, path: "", unknown: &pruned)
        unknown += pruned.sorted(by: String.goLess)
        var embedded: [String] = []
        Self.coerceEmbedded(&x, self, path: "", isRoot: true, unknown: &embedded)
        unknown += embedded.sorted(by: String.goLess)
        return (x, unknown)
    }

    private static let metaFields: Set<String> = ["apiVersion", "kind", "metadata"]

    private static func child(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }

    /// Removes what `s` does not declare below `x`. A `nil` schema declares nothing: an
    /// object under it loses every key (this is how `additionalProperties: true` and
    /// item-less arrays behave upstream).
    private static func pruneNode(_ x: inout JSONValue, _ s: StructuralSchema?, path: String, unknown: inout [String]) {
        if let s, s.preserveUnknownFields {
            skipPrune(&x, s, path: path, unknown: &unknown)
            return
        }
        switch x {
        case .object(var o):
            x = .null
            guard let s else {
                unknown += o.keys.map { child(path, $0) }
                x = .emptyObject
                return
            }
            for key in Array(o.keys) {
                if s.embeddedResource, metaFields.contains(key) { continue }
                if let prop = s.properties[key] {
                    pruneNode(&o[key]!, prop, path: child(path, key), unknown: &unknown)
                } else if let additional = s.additionalProperties {
                    pruneNode(&o[key]!, additional.schema, path: child(path, key), unknown: &unknown)
                } else {
                    if !metaFields.contains(key) || !path.isEmpty { unknown.append(child(path, key)) }
                    o[key] = nil
                }
            }
            x = .object(o)
        case .array(var a):
            x = .null
            for i in a.indices { pruneNode(&a[i], s?.items, path: "\(path)[\(i)]", unknown: &unknown) }
            x = .array(a)
        default:
            break
        }
    }

    /// Below `x-kubernetes-preserve-unknown-fields`, undeclared keys stay, but declared
    /// ones are still pruned by their own schemas.
    private static func skipPrune(_ x: inout JSONValue, _ s: StructuralSchema, path: String, unknown: inout [String]) {
        switch x {
        case .object(var o):
            x = .null
            for key in Array(o.keys) {
                if s.embeddedResource, metaFields.contains(key) { continue }
                if let prop = s.properties[key] {
                    pruneNode(&o[key]!, prop, path: child(path, key), unknown: &unknown)
                } else if let additional = s.additionalProperties {
                    pruneNode(&o[key]!, additional.schema, path: child(path, key), unknown: &unknown)
                }
            }
            x = .object(o)
        case .array(var a):
            x = .null
            if let items = s.items {
                for i in a.indices { skipPrune(&a[i], items, path: "\(path)[\(i)]", unknown: &unknown) }
            }
            x = .array(a)
        default:
            break
        }
    }

    /// Embedded resources below the root: `apiVersion`/`kind` that are not strings are
    /// dropped and `metadata` becomes ObjectMeta. Paths here are Go `field.Path`s, so a
    /// map key reads `spec.templates[web].metadata.foo`.
    private static func coerceEmbedded(_ x: inout JSONValue, _ s: StructuralSchema?, path: String, isRoot: Bool, unknown: inout [String]) {
        guard let s else { return }
        switch x {
        case .object(var o):
            x = .null
            if s.embeddedResource, !isRoot {
                for key in ["apiVersion", "kind"] where o[key] != nil && o[key]?.stringValue == nil {
                    o[key] = nil
                }
                if let meta = o["metadata"] {
                    let coerced = ObjectMetaCoercion.coerce(meta, prefix: child(path, "metadata"))
                    o["metadata"] = coerced.metadata
                    unknown += coerced.unknown
                }
            }
            for key in Array(o.keys) {
                if let prop = s.properties[key] {
                    coerceEmbedded(&o[key]!, prop, path: child(path, key), isRoot: false, unknown: &unknown)
                } else if let additional = s.additionalProperties?.schema {
                    coerceEmbedded(&o[key]!, additional, path: "\(path)[\(key)]", isRoot: false, unknown: &unknown)
                }
            }
            x = .object(o)
        case .array(var a):
            x = .null
            for i in a.indices { coerceEmbedded(&a[i], s.items, path: "\(path)[\(i)]", isRoot: false, unknown: &unknown) }
            x = .array(a)
        default:
            break
        }
    }
}
