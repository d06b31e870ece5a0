import Values

/// Answers one case of the template-case conformance table (JSON in, JSON out).
public enum TemplateCaseRenderer {
    public static func answer(_ json: String) -> String {
        let result: Value
        do {
            let c = try JSON.decodeObject(json)
            var files: [String: String] = [:]
            for (k, v) in c["files"]?.mapValue ?? [:] { files[k] = v.stringValue ?? "" }
            let chart = SingleTemplateChart(
                template: c["template"]?.stringValue ?? "", helpers: c["helpers"]?.stringValue, files: files,
                valuesYAML: c["valuesYaml"]?.stringValue, userValues: c["values"]?.mapValue ?? [:])
            result = .map(["output": .string(try chart.render())])
        } catch {
            result = .map(["error": .string("\(error)")])
        }
        return (try? JSON.encode(result, escapeHTML: false)) ?? #"{"error":"unencodable result"}"#
    }
}
