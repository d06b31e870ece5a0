/// Which discovery form a client asked for on `/api` and `/apis`.
///
/// kubectl 1.37 and Helm 4 ask for the aggregated `APIGroupDiscoveryList`, whose response
/// Content-Type must repeat `g`, `v` and `as` exactly: labelled plain `application/json`,
/// the same body makes every resource vanish ("the server doesn't have a resource type").
/// kubectl 1.20 and anything sending `application/json` or `*/*` get the legacy
/// `APIVersions` / `APIGroupList`.
public enum DiscoveryMediaType: Sendable, Equatable {
    case legacy
    case aggregated(AggregatedDiscoveryVersion)

    /// The Content-Type of a legacy answer (and of `/api/v1`, `/apis/G`, `/apis/G/V`).
    public static let legacyContentType = "application/json"

    /// Reads an Accept header: the first media range, in the client's order, that names an
    /// aggregated discovery version we serve wins; Helm lists v2 before v2beta1, so it gets v2.
    /// Anything else (absent header, `application/json`, `*/*`) means legacy.
    public static func negotiate(accept: String?) -> DiscoveryMediaType {
        guard let accept else { return .legacy }
        for range in accept.split(separator: ",") {
            let parts = range.split(separator: ";").map(trimmed)
            guard let type = parts.first, type.lowercased() == "application/json" else { continue }
            var params: [String: String] = [:]
            for p in parts.dropFirst() {
                let kv = p.split(separator: "=", maxSplits: 1)
                guard kv.count == 2 else { continue }
                params[trimmed(kv[0]).lowercased()] = trimmed(kv[1])
            }
            guard params["g"] == "apidiscovery.k8s.io", params["as"] == "APIGroupDiscoveryList",
                let v = params["v"].flatMap(AggregatedDiscoveryVersion.init(rawValue:))
            else { continue }
            return .aggregated(v)
        }
        return .legacy
    }

    private static func trimmed(_ s: Substring) -> String {
        String(s.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }

    /// The Content-Type to answer with.
    public var contentType: String {
        switch self {
        case .legacy: return Self.legacyContentType
        case .aggregated(let v): return v.contentType
        }
    }
}

/// The `apidiscovery.k8s.io` versions served; both have the same body shape.
public enum AggregatedDiscoveryVersion: String, Sendable, CaseIterable {
    case v2
    case v2beta1

    public var apiVersion: String { "apidiscovery.k8s.io/\(rawValue)" }

    /// Exactly as clients match it: no spaces, no `charset`.
    public var contentType: String { "application/json;g=apidiscovery.k8s.io;v=\(rawValue);as=APIGroupDiscoveryList" }
}

extension DiscoveryMediaType {
    /// `application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList`.
    public static let aggregatedV2ContentType = AggregatedDiscoveryVersion.v2.contentType
}
