import KubeObjects

/// The form a resource answer takes, as the client's `Accept` header negotiates it the way
/// kube-apiserver does (`negotiation.NegotiateOutputMediaType` with the endpoint's
/// `AllowsMediaTypeTransform`): the resource's own kind, a `meta.k8s.io` Table
/// (`kubectl get`), or metadata only (controller-runtime's metadata-only informers and
/// client-go's metadata client: `as=PartialObjectMetadata` on get and watch,
/// `as=PartialObjectMetadataList` on list).
enum ResponseShape: Sendable, Equatable {
    case object
    case table
    case metadata(PartialObjectMetadata.Version)
    case metadataList(PartialObjectMetadata.Version)

    /// Media ranges in the client's preference (q, then specificity, then order); the first
    /// one that is JSON and whose `as`/`g`/`v` names a transform served here wins.
    ///
    /// Answers are JSON only. A range of another type without `as=` (protobuf, YAML) still
    /// gets JSON when nothing better is offered, as this server always did; a header whose
    /// every range asks for a transform not served here (`as=Foo`, `v=v2`, protobuf-only
    /// `as=PartialObjectMetadata`) is 406 NotAcceptable, as kube-apiserver answers.
    static func negotiate(accept: String?) throws(APIError) -> ResponseShape {
        guard let accept, !accept.allSatisfy({ $0 == " " || $0 == "\t" }) else { return .object }
        var untransformedOther = false
        for range in MediaRange.parseAccept(accept) {
            guard range.coversJSON else {
                if !range.asksForTransform { untransformedOther = true }
                continue
            }
            guard range.asksForTransform else { return .object }
            if let shape = transform(range.parameters) { return shape }
        }
        if untransformedOther { return .object }
        throw APIError.notAcceptable("only the following media types are accepted: application/json")
    }

    /// `as`, `g` and `v` together name the transform; any of them alone already asks for
    /// one (kube-apiserver treats `application/json;v=v1` as a conversion to kind "" and refuses it).
    private static func transform(_ parameters: [String: String]) -> ResponseShape? {
        guard parameters["g"] == "meta.k8s.io", let version = parameters["v"].flatMap(PartialObjectMetadata.Version.init(rawValue:))
        else { return nil }
        switch parameters["as"] {
        case "Table": return .table
        case PartialObjectMetadata.kind: return .metadata(version)
        case PartialObjectMetadata.listKind: return .metadataList(version)
        default: return nil
        }
    }
}

/// One range of an `Accept` header: `type/subtype;param=value…`.
struct MediaRange: Sendable, Equatable {
    var type: String
    var subtype: String
    var parameters: [String: String]
    var quality: Double

    /// What the answer's JSON serializer matches: `application/json`, `application/*`, `*/*`.
    var coversJSON: Bool {
        (type == "application" || type == "*") && (subtype == "json" || subtype == "*")
    }

    var asksForTransform: Bool { parameters["as"] != nil || parameters["g"] != nil || parameters["v"] != nil }

    /// Ranges with q > 0, best first; equal ones keep the client's order (goautoneg's sort
    /// puts concrete types before wildcards).
    static func parseAccept(_ header: String) -> [MediaRange] {
        let ranges = header.split(separator: ",").map(MediaRange.init(parsing:)).filter { $0.quality > 0 }
        return ranges.enumerated().sorted { a, b in
            let (x, y) = (a.element, b.element)
            if x.quality != y.quality { return x.quality > y.quality }
            if x.specificity != y.specificity { return x.specificity > y.specificity }
            return a.offset < b.offset
        }.map(\.element)
    }

    private var specificity: Int { (type == "*" ? 0 : 1) + (subtype == "*" ? 0 : 1) }

    /// Never fails: a malformed range (`*`, `text`) is just one that is not JSON, which the
    /// lenient fallback answers with JSON anyway.
    init(parsing text: Substring) {
        let parts = text.split(separator: ";").map { $0.trimmingBlanks }
        let full = parts.first?.lowercased() ?? ""
        let typeParts = full.split(separator: "/", maxSplits: 1)
        type = typeParts.first.map(String.init) ?? ""
        subtype = typeParts.count == 2 ? String(typeParts[1]) : ""
        parameters = [:]
        quality = 1
        for p in parts.dropFirst() {
            let kv = p.split(separator: "=", maxSplits: 1)
            guard kv.count == 2 else { continue }
            let name = kv[0].trimmingBlanks.lowercased()
            let value = kv[1].trimmingBlanks
            if name == "q" {
                quality = Double(value) ?? 1
            } else {
                parameters[name] = value
            }
        }
    }
}

extension Substring {
    fileprivate var trimmingBlanks: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}

extension APIError {
    /// 406: kube-apiserver's `errNotAcceptable` Status.
    static func notAcceptable(_ message: String) -> APIError {
        APIError(code: 406, reason: "NotAcceptable", message: message)
    }
}
