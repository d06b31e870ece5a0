import ArgumentParser
import Charts
import Foundation
import Values

/// The values flags Helm's chart commands share (`addValueOptionsFlags`): values files
/// first, then `--set-json`, `--set`, `--set-string`, `--set-file`, `--set-literal`,
/// merged as Helm's `values.Options.MergeValues` does.
struct ValuesOptions: ParsableArguments {
    @Option(name: [.customShort("f"), .long], help: "A values file (repeatable; later files win).")
    var values: [String] = []

    @Option(name: .customLong("set"), help: "Set a value: a.b=c (repeatable).")
    var set: [String] = []

    @Option(name: .customLong("set-string"), help: "Set a string value: a.b=c (repeatable).")
    var setString: [String] = []

    @Option(name: .customLong("set-json"), help: "Set a JSON value: a.b={\"x\":1} (repeatable).")
    var setJSON: [String] = []

    @Option(name: .customLong("set-file"), help: "Set a value from a file: a.b=path (repeatable).")
    var setFile: [String] = []

    @Option(name: .customLong("set-literal"), help: "Set a literal string value: a.b=c (repeatable).")
    var setLiteral: [String] = []

    /// The user's values, every source merged in Helm's order.
    func merged() throws -> [String: Value] {
        var files: [[String: Value]] = []
        for path in values {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            files.append(try ValuesFile.load(text, name: path))
        }
        let flags = StrVals.Flags(json: setJSON, set: set, setString: setString, setFile: setFile, setLiteral: setLiteral)
        return try StrVals.merge(valueFiles: files, flags: flags) { try String(contentsOfFile: $0, encoding: .utf8) }
    }
}
