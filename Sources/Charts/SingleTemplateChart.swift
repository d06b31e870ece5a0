import Values

/// A chart made of one template (plus optional helpers, files and values.yaml), rendered
/// as Helm renders a chart. It is the renderer behind the template-case conformance
/// table (`../shared/conformance/template-cases/`) and handy for trying a snippet.
public struct SingleTemplateChart: Sendable {
    public var template: String
    public var helpers: String?
    public var files: [String: String]
    public var valuesYAML: String?
    public var userValues: [String: Value]

    public init(template: String, helpers: String? = nil, files: [String: String] = [:], valuesYAML: String? = nil,
                userValues: [String: Value] = [:]) {
        self.template = template
        self.helpers = helpers
        self.files = files
        self.valuesYAML = valuesYAML
        self.userValues = userValues
    }

    /// The fixed Chart.yaml of the conformance table.
    public static let metadata: ChartMetadata = {
        var m = ChartMetadata()
        m.apiVersion = "v2"
        m.name = "testchart"
        m.version = "1.2.3"
        m.appVersion = "4.5.6"
        m.description = "A chart for template conformance cases"
        m.type = "application"
        m.keywords = ["alpha", "beta"]
        m.home = "https://example.com/testchart"
        m.annotations = ["team": "platform"]
        return m
    }()

    public static let templatePath = "templates/case.yaml"

    /// Renders the template; throws `RenderError` as Helm would fail.
    public func render(release: ReleaseInfo = ReleaseInfo(name: "my-release", namespace: "my-namespace"))
        throws -> String
    {
        var defaults: [String: Value] = [:]
        if let valuesYAML {
            defaults = try ValuesFile.load(valuesYAML, name: "values.yaml")
        }
        var templates = [ChartFile(name: Self.templatePath, text: template)]
        if let helpers { templates.append(ChartFile(name: "templates/_helpers.tpl", text: helpers)) }
        let chart = Chart(
            metadata: Self.metadata, templates: templates,
            files: files.map { ChartFile(name: $0.key, text: $0.value) }, values: defaults)
        let values = Coalesce.coalesceValues(chartDefaults: defaults, user: userValues)
        let engine = RenderEngine(options: RenderOptions(release: release))
        let out = try LargeStack.run { try engine.render(chart, values: values) }
        return out[Self.metadata.name + "/" + Self.templatePath] ?? ""
    }
}

/// Reading a values file as Helm's chart loader does.
public enum ValuesFile {
    public static func load(_ text: String, name: String) throws -> [String: Value] {
        do {
            // Helm reads every document of a values file and merges them in order.
            var merged: [String: Value] = [:]
            for document in try YAML.decodeAll(text) {
                switch document {
                case .map(let m, _): merged = Coalesce.mergeMaps(merged, m.dictionary)
                case .null: continue
                case let other:
                    throw RenderError.values(
                        message: "cannot load \(name): cannot unmarshal yaml document: "
                            + HelmFunctions.unmarshalTypeError(other, into: "map[string]interface {}"))
                }
            }
            return merged
        } catch let e as RenderError {
            throw e
        } catch {
            throw RenderError.values(message: "cannot load \(name): cannot unmarshal yaml document: \(error)")
        }
    }
}
