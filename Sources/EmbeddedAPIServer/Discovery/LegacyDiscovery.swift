import KubeObjects

/// The legacy (unaggregated) discovery documents: `APIVersions` for `/api`, `APIGroupList`
/// for `/apis`, `APIGroup` for `/apis/G` and `APIResourceList` for each group version.
/// kubectl 1.20 can only use this form; it fetches `/api/v1` and every `/apis/G/V` after.
extension DiscoveryDocuments {
    /// `GET /api`. `APIVersions` has no `apiVersion` on a real server either.
    public func apiVersions() -> JSONValue {
        [
            "kind": "APIVersions",
            "versions": .array(coreVersions.map(JSONValue.string)),
            "serverAddressByClientCIDRs": [["clientCIDR": "0.0.0.0/0", "serverAddress": .string(serverAddress)]],
        ]
    }

    /// `GET /apis`.
    public func apiGroupList() -> JSONValue {
        ["kind": "APIGroupList", "apiVersion": "v1", "groups": .array(namedGroups.map(Self.groupEntry))]
    }

    /// `GET /apis/<group>`; `nil` when the group is not served (or is the core group, which has no such path).
    public func apiGroup(named name: String) -> JSONValue? {
        guard !name.isEmpty, let group = namedGroups.first(where: { $0.name == name }) else { return nil }
        var body = Self.groupEntry(group)
        body["kind"] = "APIGroup"
        body["apiVersion"] = "v1"
        return body
    }

    /// `GET /api/v1` and `GET /apis/<group>/<version>`; `nil` when nothing is served there.
    /// Subresources are entries of their own, named `pods/status`, with an empty singular name.
    public func apiResourceList(_ gv: GroupVersion) -> JSONValue? {
        let resources = registry.resources(in: gv)
        guard !resources.isEmpty else { return nil }
        var entries: [JSONValue] = []
        for r in resources.sorted(by: { $0.plural < $1.plural }) {
            var entry: JSONValue = [
                "name": .string(r.plural), "singularName": .string(r.singular), "namespaced": .bool(r.namespaced),
                "kind": .string(r.kind), "verbs": .array(r.verbs.map(JSONValue.string)),
            ]
            if !r.shortNames.isEmpty { entry["shortNames"] = .array(r.shortNames.map(JSONValue.string)) }
            if !r.categories.isEmpty { entry["categories"] = .array(r.categories.map(JSONValue.string)) }
            entries.append(entry)
            for sub in r.subresources.sorted() {
                let kind = r.responseKind(ofSubresource: sub)
                var subEntry: JSONValue = [
                    "name": .string("\(r.plural)/\(sub)"), "singularName": "", "namespaced": .bool(r.namespaced),
                    "kind": .string(kind.kind), "verbs": .array(APIResource.subresourceVerbs.map(JSONValue.string)),
                ]
                // A subresource of another group's kind says so; omitted when it is the resource's own.
                if kind.groupVersion != r.groupVersion {
                    subEntry["group"] = .string(kind.group)
                    subEntry["version"] = .string(kind.version)
                }
                entries.append(subEntry)
            }
        }
        return [
            "kind": "APIResourceList", "apiVersion": "v1", "groupVersion": .string(gv.apiVersion),
            "resources": .array(entries),
        ]
    }

    /// An `APIGroup` entry: its versions in preference order and the first as preferred.
    static func groupEntry(_ group: (name: String, versions: [String])) -> JSONValue {
        let versions: [JSONValue] = group.versions.map { v in
            ["groupVersion": .string(GroupVersion(group: group.name, version: v).apiVersion), "version": .string(v)]
        }
        var entry: JSONValue = ["name": .string(group.name), "versions": .array(versions)]
        if let preferred = versions.first { entry["preferredVersion"] = preferred }
        return entry
    }
}
