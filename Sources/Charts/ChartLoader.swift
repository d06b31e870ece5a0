import Values

/// Loads charts as Helm v4's chart loader (`pkg/chart/v2/loader`) does: a chart
/// directory (with `.helmignore`) or a gzipped tarball, sorted into Chart.yaml,
/// values, schema, templates, other files and subcharts (`charts/`, recursively).
public enum ChartLoader {
    /// Helm's `loader.Load`: a directory is loaded as a chart folder (an empty one
    /// fails with `Chart.yaml file is missing`), anything else as a chart archive.
    public static func load(path: String) throws(ChartLoadError) -> Chart {
        switch ChartDirectoryWalk.kind(of: path) {
        case .missing(let reason):
            throw .io(path: path, reason: "stat \(path): \(reason)")
        case .directory:
            return try loadDirectory(path)
        case .file:
            return try loadArchiveFile(path)
        }
    }

    /// Helm's `LoadDir`: walks the folder (following symlinks), applies the top
    /// `.helmignore` plus Helm's defaults, and loads what is left.
    public static func loadDirectory(_ path: String) throws(ChartLoadError) -> Chart {
        let files = try ChartDirectoryWalk.files(in: path)
        return try loadFiles(files, source: path)
    }

    /// Helm's `LoadFile`: a `.tgz` on disk, checked to be gzip first so the user
    /// gets a useful message.
    public static func loadArchiveFile(_ path: String) throws(ChartLoadError) -> Chart {
        let data = try ChartDirectoryWalk.readFile(path, limit: nil)
        if !(data.count >= 3 && data[0] == 0x1F && data[1] == 0x8B && data[2] == 0x08) {
            if path.hasSuffix(".yml") || path.hasSuffix(".yaml") {
                throw .archive(name: "", reason: "file '\(path)' seems to be a YAML file, but expected a gzipped archive")
            }
            throw .archive(name: "", reason: "file '\(path)' does not appear to be a gzipped archive")
        }
        return try loadArchive(data, name: path)
    }

    /// Helm's `LoadArchive`: a gzipped tarball held in memory. `name` only labels errors.
    public static func loadArchive(_ data: [UInt8], name: String = "chart archive") throws(ChartLoadError) -> Chart {
        let files = try ArchiveChartFiles.load(data, name: name)
        return try loadFiles(files, source: name)
    }

    /// Helm's `LoadFiles`: sorts chart-relative files into a chart.
    public static func loadFiles(_ files: [ChartFile], source: String = "") throws(ChartLoadError) -> Chart {
        var md: ChartMetadata?
        var reader = ChartYAMLReader(strict: true)
        for f in files where f.name == "Chart.yaml" {
            var m = md ?? ChartMetadata()
            let v = try decodeYAML(f, file: "Chart.yaml")
            reader.metadata(v, into: &m)
            if let e = reader.error { throw .invalidFile(file: "Chart.yaml", reason: Self.jsonFailure(e)) }
            // Helm 2 charts could omit apiVersion: they are v1.
            if m.apiVersion.isEmpty { m.apiVersion = "v1" }
            md = m
        }
        var templates: [ChartFile] = []
        var other: [ChartFile] = []
        var values: [String: Value] = [:]
        var rawValues: String?
        var schema: String?
        var subcharts: [String: [ChartFile]] = [:]
        for f in files {
            switch f.name {
            case "Chart.yaml":
                continue
            case "Chart.lock", "requirements.lock":
                let v = try decodeYAML(f, file: f.name)
                if !(v.isNull || v.mapValue != nil) {
                    throw .invalidFile(
                        file: f.name,
                        reason: jsonFailure(
                            "json: cannot unmarshal \(ChartYAMLReader.jsonKind(v)) into Go value of type v2.Lock"))
                }
                if f.name == "requirements.lock", md?.apiVersion == "v1" { other.append(f) }
            case "values.yaml":
                let text = String(decoding: f.data, as: UTF8.self)
                do { values = try ValuesFile.load(text, name: "values.yaml") } catch {
                    let message = "\(error)"
                    let prefix = "cannot load values.yaml: "
                    throw .invalidFile(
                        file: "values.yaml", reason: message.hasPrefix(prefix) ? String(message.dropFirst(prefix.count)) : message)
                }
                rawValues = text
            case "values.schema.json":
                schema = String(decoding: f.data, as: UTF8.self)
            case "requirements.yaml":
                // Deprecated since apiVersion v2 but still read, over Chart.yaml's list.
                var m = md ?? ChartMetadata()
                let v = try decodeYAML(f, file: f.name)
                var r = ChartYAMLReader(strict: true)
                if case .map(let map, _) = v {
                    r.dependencies(map, into: &m)
                } else if !v.isNull {
                    throw .invalidFile(
                        file: f.name,
                        reason: jsonFailure("json: cannot unmarshal \(ChartYAMLReader.jsonKind(v)) into Go value of type v2.Metadata"))
                }
                if let e = r.error { throw .invalidFile(file: f.name, reason: jsonFailure(e)) }
                if v.mapValue?["dependencies"] != nil { reader.nullDependency = r.nullDependency }
                md = m
                if m.apiVersion == "v1" { other.append(f) }
            default:
                if f.name.hasPrefix("templates/") {
                    templates.append(f)
                } else if f.name.hasPrefix("charts/") {
                    if f.name.hasSuffix(".prov") {
                        other.append(f)
                        continue
                    }
                    let rest = f.name.dropFirst("charts/".count)
                    let cname = String(rest.prefix { $0 != "/" })
                    subcharts[cname, default: []].append(ChartFile(name: String(rest), data: f.data))
                } else {
                    other.append(f)
                }
            }
        }
        guard var metadata = md else { throw .missingChartYAML }
        try ChartValidation.validate(&metadata, nullMaintainer: reader.nullMaintainer, nullDependency: reader.nullDependency)

        var chart = Chart(metadata: metadata, templates: templates, files: other, values: values)
        chart.schema = schema
        chart.rawValues = rawValues
        chart.source = source
        chart.crds = other.filter { f in
            f.name.hasPrefix("crds/") && (f.name.hasSuffix(".yaml") || f.name.hasSuffix(".yml") || f.name.hasSuffix(".json"))
        }
        // Go ranges over a map here, so Helm's order is random; sorted is as good and stable.
        for n in subcharts.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            if n.hasPrefix("_") || n.hasPrefix(".") { continue }
            let group = subcharts[n]!
            var sub: Chart
            do throws(ChartLoadError) {
                if n.hasSuffix(".tgz") && n.count > 4 {
                    let file = group[0]
                    guard file.name == n else {
                        throw ChartLoadError.archive(
                            name: "", reason: "error unpacking subchart tar in \(metadata.name): expected \(n), got \(file.name)")
                    }
                    sub = try loadArchive(file.data, name: "charts/" + n)
                } else {
                    var inner: [ChartFile] = []
                    for f in group {
                        guard let slash = f.name.firstIndex(of: "/") else { continue }
                        inner.append(ChartFile(name: String(f.name[f.name.index(after: slash)...]), data: f.data))
                    }
                    sub = try loadFiles(inner, source: source.isEmpty ? "charts/" + n : source + "/charts/" + n)
                }
            } catch {
                if case .archive(let name, let reason) = error, name.isEmpty, reason.hasPrefix("error unpacking subchart tar") {
                    throw error
                }
                throw .subchart(name: n, parent: metadata.name, underlying: .init(error))
            }
            sub.isRoot = false
            chart.dependencies.append(sub)
        }
        return chart
    }

    private static func decodeYAML(_ f: ChartFile, file: String) throws(ChartLoadError) -> Value {
        do {
            return try YAML.decode(String(decoding: f.data, as: UTF8.self))
        } catch {
            throw .invalidFile(file: file, reason: "\(error)")
        }
    }

    /// sigs.k8s.io/yaml's wording around an encoding/json failure.
    static func jsonFailure(_ e: String) -> String { "error unmarshaling JSON: while decoding JSON: " + e }
}
