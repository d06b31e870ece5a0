import Sprig
import Values

/// Helm v4's Chart.yaml rules (`pkg/chart/v2/lint/rules/chartfile.go`), in Helm's order.
/// Chart.yaml is read on its own here, as `chartutil.LoadChartfile` does: without
/// requirements.yaml, without the loader's validation, and once more strictly (unknown
/// keys are a warning) and once untyped (so `version: 1.0` is caught as a number).
enum LintChartfile {
    static let fileName = "Chart.yaml"

    static func run(_ linter: inout Linter) {
        let path = GoFilePath.join(linter.chartDir, fileName)
        if GoFilePath.isDirectory(path) {
            linter.rule(.error, fileName, "should be a file, not a directory")
        }
        let text: String
        do {
            text = String(decoding: try ChartDirectoryWalk.readFile(path, limit: nil), as: UTF8.self)
        } catch {
            linter.rule(.error, fileName, "unable to parse YAML\n\topen \(path): no such file or directory")
            return
        }
        let raw: Value
        do { raw = try YAML.decode(text) } catch {
            linter.rule(.error, fileName, "unable to parse YAML\n\t\(error)")
            return
        }
        var md = ChartMetadata()
        var reader = ChartYAMLReader(strict: true)
        if raw.isNull || raw.mapValue != nil {
            reader.metadata(raw, into: &md)
        }
        var loadError = reader.error
        if !(raw.isNull || raw.mapValue != nil) {
            loadError = "json: cannot unmarshal \(ChartYAMLReader.jsonKind(raw)) into Go value of type v2.Metadata"
        }
        if let loadError {
            linter.rule(.error, fileName, "unable to parse YAML\n\t" + ChartLoader.jsonFailure(loadError))
            return
        }
        if let unknown = unknownField(raw) {
            linter.rule(
                .warning, fileName,
                "failed to strictly parse chart metadata file\n\t" + ChartLoader.jsonFailure("json: unknown field \"\(unknown)\""))
        }
        let untyped = raw.mapValue ?? [:]

        linter.rule(.error, fileName, nameProblem(md.name))
        linter.rule(.error, fileName, apiVersionProblem(md.apiVersion))
        linter.rule(.error, fileName, typeProblem(untyped, "version"))
        linter.rule(.error, fileName, versionProblem(md.version))
        linter.rule(.error, fileName, typeProblem(untyped, "appVersion"))
        linter.rule(.error, fileName, maintainerProblem(md.maintainers, nullEntry: reader.nullMaintainer))
        linter.rule(.error, fileName, md.sources.first { $0.isEmpty || !LintURLs.isRequestURL($0) }.map { "invalid source URL '\($0)'" })
        linter.rule(.info, fileName, md.icon.isEmpty ? "icon is recommended" : nil)
        linter.rule(.error, fileName, !md.icon.isEmpty && !LintURLs.isRequestURL(md.icon) ? "invalid icon URL '\(md.icon)'" : nil)
        if !md.type.isEmpty && md.apiVersion != "v2" {
            linter.rule(.error, fileName, "chart type is not valid in apiVersion '\(md.apiVersion)'. It is valid in apiVersion 'v2'")
        }
        if !md.dependencies.isEmpty && md.apiVersion != "v2" {
            linter.rule(
                .error, fileName,
                "dependencies are not valid in the Chart file with apiVersion '\(md.apiVersion)'. They are valid in apiVersion 'v2'")
        }
        if (try? SemverVersion.strict(md.version)) == nil {
            linter.rule(.warning, fileName, "version '\(md.version)' is not a valid SemVerV2")
        }
    }

    static func nameProblem(_ name: String) -> String? {
        if name.isEmpty { return "name is required" }
        if GoFilePath.base(name) != name { return "chart name \(ChartValidation.goQuote(name)) is invalid" }
        return nil
    }

    static func apiVersionProblem(_ v: String) -> String? {
        if v.isEmpty { return "apiVersion is required. The value must be either \"v1\" or \"v2\"" }
        if v != "v1" && v != "v2" { return "apiVersion '\(v)' is not valid. The value must be either \"v1\" or \"v2\"" }
        return nil
    }

    /// Helm checks `%T` of the untyped value: YAML numbers read as `float64`.
    static func typeProblem(_ m: [String: Value], _ key: String) -> String? {
        guard let v = m[key] else { return nil }
        if case .string = v { return nil }
        return "\(key) should be of type string but it's of type \(v.typeName)"
    }

    /// Masterminds' loose `NewVersion`, then the constraint `>0.0.0-0`.
    static func versionProblem(_ version: String) -> String? {
        if version.isEmpty { return "version is required" }
        guard let v = try? SemverVersion(version) else { return "version '\(version)' is not a valid SemVer" }
        if let c = try? SemverConstraints(">0.0.0-0") {
            let (ok, reasons) = c.validate(v)
            if !ok, let first = reasons.first { return "version " + first }
        }
        return nil
    }

    static func maintainerProblem(_ maintainers: [ChartMetadata.Maintainer], nullEntry: Bool) -> String? {
        if nullEntry { return "a maintainer entry is empty" }
        for m in maintainers {
            if m.name.isEmpty { return "each maintainer requires a name" }
            if !m.email.isEmpty && !LintURLs.isEmail(m.email) {
                return "invalid email '\(m.email)' for maintainer '\(m.name)'"
            }
            if !m.url.isEmpty && !LintURLs.isURL(m.url) { return "invalid url '\(m.url)' for maintainer '\(m.name)'" }
        }
        return nil
    }

    static let metadataKeys: Set<String> = [
        "name", "home", "sources", "version", "description", "keywords", "maintainers", "icon", "apiversion",
        "condition", "tags", "appversion", "deprecated", "annotations", "kubeversion", "dependencies", "type",
    ]
    static let maintainerKeys: Set<String> = ["name", "email", "url"]
    static let dependencyKeys: Set<String> = [
        "name", "version", "repository", "condition", "tags", "enabled", "import-values", "alias",
    ]

    /// The first key `encoding/json` with `DisallowUnknownFields` stops at: keys are
    /// visited in the sorted order sigs.k8s.io/yaml writes them, and matched to fields
    /// without regard to case, as encoding/json does.
    static func unknownField(_ raw: Value) -> String? {
        guard case .map(let m, _) = raw else { return nil }
        for key in m.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
            guard metadataKeys.contains(key.lowercased()) else { return key }
            let nested: Set<String>
            switch key.lowercased() {
            case "maintainers": nested = maintainerKeys
            case "dependencies": nested = dependencyKeys
            default: continue
            }
            for item in m[key]?.listValue ?? [] {
                guard case .map(let inner, _) = item else { continue }
                for k in inner.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) })
                where !nested.contains(k.lowercased()) {
                    return k
                }
            }
        }
        return nil
    }
}
