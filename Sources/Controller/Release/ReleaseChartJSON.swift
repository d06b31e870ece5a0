import Charts
import Values

/// `ReleaseChart` as Go marshals `chart.Chart`: `metadata` and `lock` as Helm's
/// `Metadata` and `Lock` structs (their `omitempty` tags kept), files as `{name, data}`
/// with `data` a base64 `[]byte`.
extension ReleaseChart {
    static let subchartsKey = "rudder_subcharts"

    func jsonValue() -> Value {
        var m = unknownFields
        m["metadata"] = .map(metadata.jsonFields())
        m["lock"] = lock?.jsonValue ?? .null
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
