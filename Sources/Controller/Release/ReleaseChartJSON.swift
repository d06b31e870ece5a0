import Charts
import Values

/// `ReleaseChart` as Go marshals `chart.Chart`: `metadata` and `lock` as Helm's
/// `Metadata` and `Lock` structs (their `omitempty` tags kept), files as `{name, data}`
/// with `data` a base64 `[]byte`.
extension ReleaseChart {
    static let subchartsKey = "rudder_subcharts"

    func jsonValue() -> Value {
        var m = unknownFields
        m["metadata"] = .map(ReleaseChartMetadataJSON.metadata(metadata))
        m["lock"] = lock.map { ReleaseChartMetadataJSON.lock($0) } ?? .null
        m["templates"] = .list(templates.map(Self.file))
        m["values"] = .map(values)
        m["schema"] = schema.map { .string(StdBase64.encode($0)) } ?? .null
        m["files"] = .list(files.map(Self.file))
        if !subcharts.isEmpty { m[Self.subchartsKey] = .list(subcharts.map { $0.jsonValue() }) }
        return .map(m)
    }

    private static func file(_ f: ChartFile) -> Value {
        .map(["name": .string(f.name), "data": .string(StdBase64.encode(f.data))])
    }

    init(_ r: ReleaseJSONReader) throws(ReleaseDecodingError) {
        let metadata = try r.map("metadata")
        var lock: ChartLock?
        if let l = try ReleaseJSONReader.object(r.object["lock"], path: r.sub("lock")) {
            let deps = try l.list("dependencies")
            lock = ChartLock(
                generated: try l.string("generated"), digest: try l.string("digest"),
                dependencies: l.object["dependencies"].map { $0.isNull ? nil : deps.map { ChartDependency($0) } } ?? nil)
        }
        var subcharts: [ReleaseChart] = []
        for (i, item) in try r.list(Self.subchartsKey).enumerated() {
            guard let sub = try ReleaseJSONReader.object(item, path: "\(r.sub(Self.subchartsKey))[\(i)]") else { continue }
            subcharts.append(try ReleaseChart(sub))
        }
        self.init(
            metadata: ChartMetadata(.map(metadata)), lock: lock, templates: try Self.files(r, "templates"), values: try r.map("values"),
            schema: try r.bytes("schema"), files: try Self.files(r, "files"), subcharts: subcharts,
            unknownFields: r.unknown(known: ["metadata", "lock", "templates", "values", "schema", "files", Self.subchartsKey]))
    }

    private static func files(_ r: ReleaseJSONReader, _ key: String) throws(ReleaseDecodingError) -> [ChartFile] {
        var out: [ChartFile] = []
        for (i, item) in try r.list(key).enumerated() {
            guard let f = try ReleaseJSONReader.object(item, path: "\(r.sub(key))[\(i)]") else { continue }
            out.append(ChartFile(name: try f.string("name"), data: try f.bytes("data") ?? []))
        }
        return out
    }
}

/// Helm's `chart.Metadata`, `chart.Dependency` and `chart.Lock` JSON tags.
enum ReleaseChartMetadataJSON {
    static func metadata(_ md: ChartMetadata) -> [String: Value] {
        var m: [String: Value] = [:]
        func put(_ key: String, _ s: String) { if !s.isEmpty { m[key] = .string(s) } }
        func put(_ key: String, _ list: [String]) { if !list.isEmpty { m[key] = .strings(list) } }
        put("name", md.name)
        put("home", md.home)
        put("sources", md.sources)
        put("version", md.version)
        put("description", md.description)
        put("keywords", md.keywords)
        if !md.maintainers.isEmpty {
            m["maintainers"] = .list(
                md.maintainers.map { mt in
                    var o: [String: Value] = [:]
                    if !mt.name.isEmpty { o["name"] = .string(mt.name) }
                    if !mt.email.isEmpty { o["email"] = .string(mt.email) }
                    if !mt.url.isEmpty { o["url"] = .string(mt.url) }
                    return .map(o)
                })
        }
        put("icon", md.icon)
        put("apiVersion", md.apiVersion)
        put("condition", md.condition)
        put("tags", md.tags)
        put("appVersion", md.appVersion)
        if md.deprecated { m["deprecated"] = .bool(true) }
        if !md.annotations.isEmpty { m["annotations"] = .map(md.annotations.mapValues { .string($0) }) }
        put("kubeVersion", md.kubeVersion)
        if !md.dependencies.isEmpty { m["dependencies"] = .list(md.dependencies.map { .map(dependency($0)) }) }
        put("type", md.type)
        return m
    }

    /// `name` and `repository` carry no `omitempty`: always written.
    static func dependency(_ d: ChartDependency) -> [String: Value] {
        var o: [String: Value] = ["name": .string(d.name), "repository": .string(d.repository)]
        if !d.version.isEmpty { o["version"] = .string(d.version) }
        if !d.condition.isEmpty { o["condition"] = .string(d.condition) }
        if !d.tags.isEmpty { o["tags"] = .strings(d.tags) }
        if d.enabled { o["enabled"] = .bool(true) }
        if !d.importValues.isEmpty { o["import-values"] = .list(d.importValues) }
        if !d.alias.isEmpty { o["alias"] = .string(d.alias) }
        return o
    }

    /// `Lock` has no `omitempty`: every field written, a nil list as `null`.
    static func lock(_ l: ChartLock) -> Value {
        .map([
            "generated": .string(l.generated), "digest": .string(l.digest),
            "dependencies": l.dependencies.map { .list($0.map { .map(dependency($0)) }) } ?? .null,
        ])
    }
}
