import KubeObjects

/// Reads API discovery: the aggregated form (`apidiscovery.k8s.io/v2`, two requests for the
/// whole server, Kubernetes 1.30+), falling back to the legacy per-group-version documents
/// for servers that answer the plain form.
public struct DiscoveryClient: Sendable {
    public let client: APIClient
    /// Asks for the aggregated form first; off, only the legacy documents are read (for
    /// servers or proxies that mishandle the aggregated media type).
    public var aggregated = true

    public init(client: APIClient, aggregated: Bool = true) {
        self.client = client
        self.aggregated = aggregated
    }

    /// Every resource the server serves (no subresources), preferred versions of a group first.
    public func resources() async throws -> [ResourceMapping] {
        var out: [ResourceMapping] = []
        for root in ["/api", "/apis"] {
            let document = try await client.json(
                TransportRequest(path: root, headers: ["Accept": aggregated ? Self.aggregatedAccept : "application/json"]))
            if document["kind"]?.stringValue == "APIGroupDiscoveryList" {
                out += Self.aggregated(document)
            } else {
                out += try await legacy(root: root, document: document)
            }
        }
        return out
    }

    // The v2 form, then v2beta1 (1.26–1.29), then plain JSON: what kubectl 1.30+ sends.
    static let aggregatedAccept =
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
        + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json"

    static func aggregated(_ document: JSONValue) -> [ResourceMapping] {
        var out: [ResourceMapping] = []
        for group in document["items"]?.arrayValue ?? [] {
            let groupName = group[path: ["metadata", "name"]]?.stringValue ?? ""
            for version in group["versions"]?.arrayValue ?? [] {
                guard let v = version["version"]?.stringValue else { continue }
                for r in version["resources"]?.arrayValue ?? [] {
                    guard let plural = r["resource"]?.stringValue, let kind = r[path: ["responseKind", "kind"]]?.stringValue else { continue }
                    out.append(
                        ResourceMapping(
                            kind: GroupVersionKind(group: groupName, version: v, kind: kind),
                            resource: GroupVersionResource(group: groupName, version: v, resource: plural),
                            isNamespaced: r["scope"]?.stringValue == "Namespaced",
                            singular: r["singularResource"]?.stringValue ?? "",
                            shortNames: strings(r["shortNames"]), verbs: strings(r["verbs"]),
                            subresources: (r["subresources"]?.arrayValue ?? []).compactMap { $0["subresource"]?.stringValue }))
                }
            }
        }
        return out
    }

    /// `/api` lists versions; `/apis` lists groups with their versions, preferred first.
    private func legacy(root: String, document: JSONValue) async throws -> [ResourceMapping] {
        var groupVersions: [String] = []
        if root == "/api" {
            groupVersions = strings(document["versions"])
        } else {
            for group in document["groups"]?.arrayValue ?? [] {
                let preferred = group[path: ["preferredVersion", "groupVersion"]]?.stringValue
                var versions = (group["versions"]?.arrayValue ?? []).compactMap { $0["groupVersion"]?.stringValue }
                if let preferred, let i = versions.firstIndex(of: preferred) { versions.insert(versions.remove(at: i), at: 0) }
                groupVersions += versions
            }
        }
        var out: [ResourceMapping] = []
        for groupVersion in groupVersions {
            guard let gv = GroupVersion(apiVersion: groupVersion) else { continue }
            let list: JSONValue
            do {
                list = try await client.json(TransportRequest(path: "\(root)/\(groupVersion)", headers: ["Accept": "application/json"]))
            } catch let error as KubeAPIError where error.code == 503 || error.isNotFound {
                // An aggregated API whose backend is down: skip it, as kubectl does.
                continue
            }
            var subresources: [String: [String]] = [:]
            for r in list["resources"]?.arrayValue ?? [] {
                guard let name = r["name"]?.stringValue else { continue }
                let parts = name.split(separator: "/", maxSplits: 1).map(String.init)
                if parts.count == 2 { subresources[parts[0], default: []].append(parts[1]) }
            }
            for r in list["resources"]?.arrayValue ?? [] {
                guard let name = r["name"]?.stringValue, !name.contains("/"), let kind = r["kind"]?.stringValue else { continue }
                out.append(
                    ResourceMapping(
                        kind: GroupVersionKind(gv, kind: kind),
                        resource: GroupVersionResource(group: gv.group, version: gv.version, resource: name),
                        isNamespaced: r["namespaced"]?.boolValue ?? false, singular: r["singularName"]?.stringValue ?? "",
                        shortNames: strings(r["shortNames"]), verbs: strings(r["verbs"]), subresources: subresources[name] ?? []))
            }
        }
        return out
    }
}

private func strings(_ value: JSONValue?) -> [String] {
    (value?.arrayValue ?? []).compactMap(\.stringValue)
}
