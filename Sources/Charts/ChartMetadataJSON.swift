import Values

/// `ChartMetadata` as Go's `encoding/json` marshals Helm's `chart.Metadata`, which is
/// what both Chart.yaml in a packaged chart (`yaml.Marshal(c.Metadata)`) and every entry
/// of index.yaml are made of. Every Metadata field is `omitempty`; a Dependency always
/// carries `name` and `repository` (no `omitempty` on those two tags).
extension ChartMetadata {
    /// The JSON object (key order does not matter: sigs.k8s.io/yaml sorts keys).
    /// `includeDependencies: false` is how `chartutil.Save` writes an apiVersion v1
    /// chart, whose dependencies live in requirements.yaml instead.
    public func jsonFields(includeDependencies: Bool = true) -> [String: Value] {
        var m: [String: Value] = [:]
        func put(_ key: String, _ s: String) { if !s.isEmpty { m[key] = .string(s) } }
        func put(_ key: String, _ list: [String]) { if !list.isEmpty { m[key] = .strings(list) } }
        put("name", name)
        put("home", home)
        put("sources", sources)
        put("version", version)
        put("description", description)
        put("keywords", keywords)
        if !maintainers.isEmpty {
            m["maintainers"] = .list(
                maintainers.map { mt in
                    var o: [String: Value] = [:]
                    if !mt.name.isEmpty { o["name"] = .string(mt.name) }
                    if !mt.email.isEmpty { o["email"] = .string(mt.email) }
                    if !mt.url.isEmpty { o["url"] = .string(mt.url) }
                    return .map(o)
                })
        }
        put("icon", icon)
        put("apiVersion", apiVersion)
        put("condition", condition)
        put("tags", tags)
        put("appVersion", appVersion)
        if deprecated { m["deprecated"] = .bool(true) }
        if !annotations.isEmpty { m["annotations"] = .map(annotations.mapValues { .string($0) }) }
        put("kubeVersion", kubeVersion)
        if includeDependencies && !dependencies.isEmpty {
            m["dependencies"] = .list(dependencies.map { .map($0.jsonFields()) })
        }
        put("type", type)
        return m
    }
}

extension ChartDependency {
    /// Helm's `chart.Dependency` JSON tags.
    public func jsonFields() -> [String: Value] {
        var o: [String: Value] = ["name": .string(name), "repository": .string(repository)]
        if !version.isEmpty { o["version"] = .string(version) }
        if !condition.isEmpty { o["condition"] = .string(condition) }
        if !tags.isEmpty { o["tags"] = .strings(tags) }
        if enabled { o["enabled"] = .bool(true) }
        if !importValues.isEmpty { o["import-values"] = .list(importValues) }
        if !alias.isEmpty { o["alias"] = .string(alias) }
        return o
    }
}
