import Values

extension RepoIndex {
    /// index.yaml as Helm writes it (`yaml.Marshal(indexFile)`): Go's JSON of
    /// `repo.IndexFile` turned into YAML by sigs.k8s.io/yaml, so keys are sorted, lists
    /// sit at their key's indentation, long strings fold at 80 columns and timestamps
    /// are quoted. Entries are written in their current order (call `sortEntries` first
    /// for Helm's newest-first order, as `helm repo index` does).
    public func encodedYAML() -> String {
        // Everything here is strings, bools and maps of them (import-values and
        // serverInfo were decoded from JSON/YAML), which the encoder always accepts.
        (try? YAML.encode(jsonValue)) ?? ""
    }

    /// The index as Go's `encoding/json` sees `repo.IndexFile`.
    public var jsonValue: Value {
        var m: [String: Value] = [
            "apiVersion": .string(apiVersion),
            "generated": .string(generated),
            "entries": .map(entries.mapValues { .list($0.map(\.jsonValue)) }),
        ]
        if !serverInfo.isEmpty { m["serverInfo"] = .map(serverInfo) }
        if !publicKeys.isEmpty { m["publicKeys"] = .strings(publicKeys) }
        if !annotations.isEmpty { m["annotations"] = .map(annotations.mapValues { .string($0) }) }
        return .map(m)
    }
}

extension RepoChartVersion {
    /// `repo.ChartVersion`: the embedded `*chart.Metadata` fields flattened beside
    /// `urls` (always), `created` (a `time.Time`, so `omitempty` never drops it),
    /// `removed` and `digest` (omitted when empty), and the deprecated strings.
    public var jsonValue: Value {
        var m = metadata.jsonFields()
        m["urls"] = .strings(urls)
        m["created"] = .string(created)
        if removed { m["removed"] = .bool(true) }
        if !digest.isEmpty { m["digest"] = .string(digest) }
        if !metadata.engine.isEmpty { m["engine"] = .string(metadata.engine) }
        for (k, v) in deprecatedFields where !v.isEmpty { m[k] = .string(v) }
        return .map(m)
    }
}
