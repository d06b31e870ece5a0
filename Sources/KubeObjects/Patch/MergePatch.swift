/// A JSON merge patch (RFC 7386, `application/merge-patch+json`) applied and created the way
/// the API server does it: through evanphx/json-patch's `MergePatch` and `CreateMergePatch`,
/// which kube-apiserver calls for `kubectl patch --type merge`, `label`, `annotate` and every
/// custom-resource `apply`.
///
/// Go's reading differs from the RFC in one visible way, mirrored here: `null` members of
/// objects nested *inside arrays* of the patch are pruned too (`pruneAryNulls` recurses into
/// array elements), while `null` array elements themselves are kept.
public enum MergePatch {
    /// Applies `patch` to `document`.
    ///
    /// A patch that is not an object replaces the document, as RFC 7386 says, except `null`
    /// and scalars, which evanphx rejects as "Invalid JSON Patch" (the API server answers
    /// 400 BadRequest with that text). An array patch replaces the document with the array,
    /// nulls pruned inside its objects.
    public static func apply(_ patch: JSONValue, to document: JSONValue) throws(MergePatchError) -> JSONValue {
        switch patch {
        case .object(let members):
            guard case .object(var target) = document else {
                // evanphx: a document that is not an object turns straight into the patch.
                return .object(pruneNulls(in: members))
            }
            merge(members, into: &target)
            return .object(target)
        case .array(let items):
            return .array(items.map(pruneNulls))
        case .null, .bool, .int, .double, .string:
            throw .invalidPatch
        }
    }

    /// Parses `patchText` and applies it, with evanphx's errors for text that is not JSON.
    public static func apply(patchText: String, to document: JSONValue) throws(MergePatchError) -> JSONValue {
        let patch: JSONValue
        do { patch = try JSONValue.parse(patchText) } catch { throw .invalidPatch }
        return try apply(patch, to: document)
    }

    /// The merge patch that turns `original` into `modified` (evanphx `CreateMergePatch`):
    /// changed and added members carry their new value, removed ones `null`, nested objects
    /// recurse, and arrays that differ in any way are replaced whole. Numbers compare by value
    /// (Go decodes both sides to float64), so `1` and `1.0` are equal.
    public static func create(from original: JSONValue, to modified: JSONValue) throws(MergePatchError) -> JSONValue {
        guard case .object(let a) = original else { throw .invalidDocument }
        guard case .object(let b) = modified else { throw .invalidDocument }
        return .object(diff(a, b))
    }

    static func merge(_ patch: [String: JSONValue], into doc: inout [String: JSONValue]) {
        for (key, value) in patch {
            if value.isNull {
                doc.removeValue(forKey: key)
                continue
            }
            guard let current = doc[key], !current.isNull else {
                doc[key] = pruneNulls(value)
                continue
            }
            doc[key] = mergeValue(current, value)
        }
    }

    /// evanphx `merge`: only two objects merge; otherwise the patch value wins. A patch value
    /// replacing a non-object is pruned; one replacing an object is not (Go's asymmetry).
    static func mergeValue(_ current: JSONValue, _ patch: JSONValue) -> JSONValue {
        guard case .object(var currentMembers) = current else { return pruneNulls(patch) }
        guard case .object(let patchMembers) = patch else { return patch }
        merge(patchMembers, into: &currentMembers)
        return .object(currentMembers)
    }

    static func pruneNulls(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members): return .object(pruneNulls(in: members))
        case .array(let items): return .array(items.map(pruneNulls))
        default: return value
        }
    }

    static func pruneNulls(in members: [String: JSONValue]) -> [String: JSONValue] {
        var out: [String: JSONValue] = [:]
        out.reserveCapacity(members.count)
        for (key, value) in members where !value.isNull {
            out[key] = pruneNulls(value)
        }
        return out
    }

    static func diff(_ a: [String: JSONValue], _ b: [String: JSONValue]) -> [String: JSONValue] {
        var into: [String: JSONValue] = [:]
        for (key, bv) in b {
            guard let av = a[key] else {
                into[key] = bv
                continue
            }
            switch (av, bv) {
            case (.object(let ao), .object(let bo)):
                let nested = diff(ao, bo)
                if !nested.isEmpty { into[key] = .object(nested) }
            case (.null, .null):
                break
            default:
                if !av.semanticallyEquals(bv) { into[key] = bv }
            }
        }
        for key in a.keys where b[key] == nil {
            into[key] = .null
        }
        return into
    }
}

/// Why a merge patch could not be applied or created; the texts are evanphx/json-patch's
/// `ErrBadJSONPatch` and `ErrBadJSONDoc`, which the API server passes on in a 400.
public enum MergePatchError: Error, CustomStringConvertible, Sendable, Equatable {
    case invalidPatch
    case invalidDocument

    public var description: String {
        switch self {
        case .invalidPatch: return "Invalid JSON Patch"
        case .invalidDocument: return "Invalid JSON Document"
        }
    }
}
