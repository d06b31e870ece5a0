import KubeObjects

/// The aggregated `APIGroupDiscoveryList` (KEP-3352) that kubectl 1.37 and Helm 4 read from
/// `/api` and `/apis` in two requests instead of one per group version.
///
/// Measured against the clients: without `responseKind` every resource vanishes; without
/// `scope` a namespaced kind is addressed without `/namespaces/x` (404); without `shortNames`
/// `ns`, `hr`… stop resolving; without `verbs` `kubectl api-resources` lists nothing. Empty
/// lists are omitted, as Go's `omitempty` does on a real server.
extension DiscoveryDocuments {
    /// `GET /api` in the aggregated form: one item, the core group (which has no name).
    public func aggregatedCore(version: AggregatedDiscoveryVersion = .v2) -> JSONValue {
        let item = groupDiscovery(name: "", versions: coreVersions)
        return Self.list(items: coreVersions.isEmpty ? [] : [item], version: version)
    }

    /// `GET /apis` in the aggregated form: every named group, CRD groups included.
    public func aggregatedGroups(version: AggregatedDiscoveryVersion = .v2) -> JSONValue {
        Self.list(items: namedGroups.map { groupDiscovery(name: $0.name, versions: $0.versions) }, version: version)
    }

    static func list(items: [JSONValue], version: AggregatedDiscoveryVersion) -> JSONValue {
        ["kind": "APIGroupDiscoveryList", "apiVersion": .string(version.apiVersion), "metadata": [:], "items": .array(items)]
    }

    /// One `APIGroupDiscovery`; its `versions` are in preference order (the first is preferred).
    func groupDiscovery(name: String, versions: [String]) -> JSONValue {
        var metadata: JSONValue = ["creationTimestamp": nil]
        if !name.isEmpty { metadata["name"] = .string(name) }
        let versionEntries: [JSONValue] = versions.map { v in
            let resources = registry.resources(in: GroupVersion(group: name, version: v))
                .sorted { $0.plural < $1.plural }
                .map(Self.resourceDiscovery)
            return ["version": .string(v), "resources": .array(resources), "freshness": "Current"]
        }
        return ["metadata": metadata, "versions": .array(versionEntries)]
    }

    static func resourceDiscovery(_ r: APIResource) -> JSONValue {
        var entry: JSONValue = [
            "resource": .string(r.plural),
            "responseKind": kindJSON(r.groupVersionKind),
            "scope": r.namespaced ? "Namespaced" : "Cluster",
            "singularResource": .string(r.singular),
            "verbs": .array(r.verbs.map(JSONValue.string)),
        ]
        if !r.shortNames.isEmpty { entry["shortNames"] = .array(r.shortNames.map(JSONValue.string)) }
        if !r.categories.isEmpty { entry["categories"] = .array(r.categories.map(JSONValue.string)) }
        if !r.subresources.isEmpty {
            entry["subresources"] = .array(r.subresources.sorted().map { sub in
                [
                    "subresource": .string(sub),
                    "responseKind": kindJSON(r.responseKind(ofSubresource: sub)),
                    "verbs": .array(APIResource.subresourceVerbs.map(JSONValue.string)),
                ]
            })
        }
        return entry
    }

    static func kindJSON(_ gvk: GroupVersionKind) -> JSONValue {
        ["group": .string(gvk.group), "version": .string(gvk.version), "kind": .string(gvk.kind)]
    }
}
