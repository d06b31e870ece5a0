import Values

/// A `values.schema.json` that is not JSON or not a schema, with the text Helm reports
/// (Go's `encoding/json` error, or the schema compiler's).
public struct ValuesSchemaError: Error, CustomStringConvertible, Sendable, Equatable {
    public let message: String
    public init(message: String) { self.message = message }
    public var description: String { message }
}

/// Helm's values schema validation (`pkg/chart/common/util/jsonschema.go` in Helm
/// v4.2.3, built on github.com/santhosh-tekuri/jsonschema/v6): before rendering, the
/// coalesced values of every chart in the tree are validated against that chart's
/// `values.schema.json`, and any failure stops the render with every problem listed.
public enum ValuesSchema {
    /// The problems of `values` against the schema text, worded as Helm lists them
    /// (e.g. "at '/x': got string, want integer"); empty when valid. A problem with
    /// causes (an `anyOf`, a group of failures) carries them on the following lines,
    /// indented as Helm prints them ("at '/a': 'anyOf' failed\n  - at '/a': …").
    /// Throws `ValuesSchemaError` when the schema is invalid JSON or not a valid schema.
    public static func validate(schema: String, values: Value) throws -> [String] {
        let program = try compile(schema)
        guard let failure = ValuesSchemaValidator(program: program).validate(program.root, values, []).failure else {
            return []
        }
        return failure.topLevel.map { problem in
            var lines: [String] = []
            problem.render(indent: 0, into: &lines)
            var text = lines.joined(separator: "\n")
            if text.hasPrefix("- ") { text.removeFirst(2) }
            return text
        }
    }

    /// Parses and compiles the schema text as v6's `UnmarshalJSON` and `Compile` do.
    static func compile(_ schema: String) throws(ValuesSchemaError) -> ValuesSchemaProgram {
        let root: Value
        do { root = try JSON.decode(schema) } catch { throw ValuesSchemaError(message: "\(error)") }
        return try ValuesSchemaCompiler.compile(root)
    }

    /// What Helm's `ValidateAgainstSingleSchema` returns as text: the problems as
    /// "- at …" lines ending in a newline, the schema's own error without one, or nil.
    public static func singleSchemaErrorText(schema: String, values: Value) -> String? {
        do {
            let problems = try validate(schema: schema, values: values)
            if problems.isEmpty { return nil }
            return problems.map { "- " + $0 }.joined(separator: "\n") + "\n"
        } catch {
            return "\(error)"
        }
    }

    /// A chart of the tree as schema validation sees it: its name (the alias when it
    /// has one), its `values.schema.json` text, and its enabled dependencies in order.
    public struct ChartNode: Sendable {
        public var name: String
        public var schema: String?
        public var dependencies: [ChartNode]

        public init(name: String, schema: String?, dependencies: [ChartNode] = []) {
            self.name = name
            self.schema = schema
            self.dependencies = dependencies
        }
    }

    /// Helm's whole error for a chart tree and its coalesced values, or nil when every
    /// chart's values meet its schema:
    /// "values don't meet the specifications of the schema(s) in the following chart(s):\n<chart>:\n- at …\n".
    public static func chartTreeError(_ chart: ChartNode, values: [String: Value]) -> String? {
        let text = treeText(chart, values: values)
        if text.isEmpty { return nil }
        return "values don't meet the specifications of the schema(s) in the following chart(s):\n" + text
    }

    /// Helm's `ValidateAgainstSchema`: this chart's problems under "<name>:", then each
    /// dependency's, with the values under the dependency's name. A dependency without
    /// values is skipped; values that are not a map are reported with their Go type.
    static func treeText(_ chart: ChartNode, values: [String: Value]) -> String {
        var out = ""
        if let schema = chart.schema,
            let problems = singleSchemaErrorText(schema: schema, values: .map(ValueMap(values), type: .interfaceMap))
        {
            out += chart.name + ":\n" + problems
        }
        for dependency in chart.dependencies {
            guard let raw = values[dependency.name], !raw.isNull else { continue }
            guard case .map(let m, _) = raw else {
                out += "\(dependency.name):\ninvalid type for values: expected object (map), got \(raw.typeName)\n"
                continue
            }
            out += treeText(dependency, values: m.dictionary)
        }
        return out
    }
}
