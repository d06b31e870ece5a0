import Values

/// Helm v4's values.yaml rule (`rules/values.go`): the file is optional (INFO when
/// absent), must parse as a map, and, when `values.schema.json` sits beside it, the
/// user's values laid over it must meet that schema. Only the top chart's values are
/// checked here, coalesced table by table as Helm 2 did; subcharts are covered by the
/// render in the templates rule.
enum LintValues {
    static let fileName = "values.yaml"

    static func run(_ linter: inout Linter, options: LintOptions) {
        let path = GoFilePath.join(linter.chartDir, fileName)
        guard linter.rule(.info, fileName, GoFilePath.exists(path) ? nil : "file does not exist") else { return }
        linter.rule(.error, fileName, problem(valuesPath: path, options: options))
    }

    static func problem(valuesPath: String, options: LintOptions) -> String? {
        let values: [String: Value]
        do {
            let text = String(decoding: try ChartDirectoryWalk.readFile(valuesPath, limit: nil), as: UTF8.self)
            switch try YAML.decode(text) {
            case .null: values = [:]
            case .map(let m, _): values = m.dictionary
            case let other:
                return "unable to parse YAML: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal "
                    + ChartYAMLReader.jsonKind(other) + " into Go value of type common.Values"
            }
        } catch {
            return "unable to parse YAML: \(error)"
        }
        // CoalesceTables(overrides, values.yaml): the user's values win.
        let coalesced = Coalesce.coalesceTables(options.values.mapValues { $0.deepCopy() }, values)
        let schemaPath = String(valuesPath.dropLast(".yaml".count)) + ".schema.json"
        guard let data = try? ChartDirectoryWalk.readFile(schemaPath, limit: nil), !data.isEmpty else { return nil }
        if options.skipSchemaValidation { return nil }
        return ValuesSchema.singleSchemaErrorText(
            schema: String(decoding: data, as: UTF8.self), values: .map(ValueMap(coalesced), type: .interfaceMap))
    }
}
