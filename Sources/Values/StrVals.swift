/// Helm's `pkg/strvals`: the parsers behind `--set`, `--set-string`, `--set-json`,
/// `--set-file` and `--set-literal`, producing values in Helm's shapes (maps are
/// `map[string]interface {}`, lists `[]interface {}`).
///
/// A line is `name=value` pairs separated by commas. Names are dotted paths with list
/// indices (`a.b[0].c=1`); lists grow with nulls up to `maxIndex`. Values may be brace
/// lists (`{a,b,c}`); `\` escapes the next rune (`\,` `\.` `\=` `\\`). The `…Into`
/// forms write into an existing map, overwriting what is there, which is how Helm
/// applies several flags in turn (see `StrVals.merge`). On error the map may hold
/// part of the line, as Helm's does; Helm's callers discard it.
public enum StrVals {
    /// Helm's `MaxIndex`: the largest list index a line may set.
    public static let maxIndex = 65536
    /// Helm's `MaxNestedNameLevel`: the most dots one name may have.
    public static let maxNestedNameLevel = 30

    /// `--set`: values typed by `typedValue`.
    public static func parse(_ line: String) throws(StrValsError) -> [String: Value] {
        var values: [String: Value] = [:]
        try parse(line, into: &values)
        return values
    }

    /// `strvals.ParseInto`.
    public static func parse(_ line: String, into values: inout [String: Value]) throws(StrValsError) {
        try run(line, .typed, &values)
    }

    /// `--set-string`: every value stays a string (`true`, `1` and `null` too).
    public static func parseString(_ line: String) throws(StrValsError) -> [String: Value] {
        var values: [String: Value] = [:]
        try parseString(line, into: &values)
        return values
    }

    /// `strvals.ParseIntoString`.
    public static func parseString(_ line: String, into values: inout [String: Value]) throws(StrValsError) {
        try run(line, .string, &values)
    }

    /// `--set-json` in its `key=json` form (`strvals.ParseJSON`): each value is one JSON
    /// document (numbers become float64); an empty value is null. The whole-object
    /// form (`--set-json '{"a":1}'`) is handled by `StrVals.merge`, as in Helm's CLI.
    public static func parseJSON(_ line: String, into values: inout [String: Value]) throws(StrValsError) {
        try run(line, .json, &values)
    }

    /// `--set-file` (`strvals.ParseIntoFile`): each value is a path that `reader` turns
    /// into the file's text (also inside `{a,b}` lists). A reader error is rethrown
    /// unchanged; parse failures are `StrValsError`.
    public static func parseFile(
        _ line: String, into values: inout [String: Value], reader: (String) throws -> String
    ) throws {
        try withoutActuallyEscaping(reader) { read in
            var parser = StrValsParser(line, mode: .file(read))
            try parser.parse(into: &values)
        }
    }

    /// `--set-literal` (`strvals.ParseLiteralInto`): one `name=value` whose value is
    /// the rest of the line verbatim (commas and backslashes included); the name has
    /// no escapes.
    public static func parseLiteral(_ line: String, into values: inout [String: Value]) throws(StrValsError) {
        try run(line, .literal, &values)
    }

    private static func run(_ line: String, _ mode: StrValsParser.Mode, _ values: inout [String: Value])
        throws(StrValsError)
    {
        var parser = StrValsParser(line, mode: mode)
        do {
            try parser.parse(into: &values)
        } catch let error as StrValsError {
            throw error
        } catch {
            // Only `.file` readers throw other errors, and they do not use this path.
            throw .json(String(describing: error))
        }
    }

    /// Helm's `typedVal` for `--set`: `true`/`false`/`null` in any case (Go's
    /// `strings.EqualFold`, so `falſe` counts), `0`, and decimal integers that fit int64
    /// and do not start with `0` become `bool`, nil and `int64`; everything else (floats
    /// like `1.5`, `0123`, `1_000`, `9223372036854775808`) stays a string.
    public static func typedValue(_ text: String) -> Value {
        if equalFold(text, "true") { return .bool(true) }
        if equalFold(text, "false") { return .bool(false) }
        if equalFold(text, "null") { return .null }
        if text == "0" { return .int64(0) }
        if let first = text.utf8.first, first != UInt8(ascii: "0"),
            case .value(let n) = StrValsGoText.atoi(text)
        {
            return .int64(Int64(n))
        }
        return .string(text)
    }

    /// `strings.EqualFold` against a lowercase ASCII word: ASCII case folds, plus `ſ`
    /// (U+017F), the only non-ASCII rune in the fold orbit of these words' letters.
    private static func equalFold(_ text: String, _ word: StaticString) -> Bool {
        var lhs = text.unicodeScalars.makeIterator()
        var matched = 0
        for byte in UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount) {
            guard let r = lhs.next() else { return false }
            let folded: UInt32 = (0x41...0x5A).contains(r.value) ? r.value + 0x20 : r.value
            if folded == UInt32(byte) || (byte == UInt8(ascii: "s") && r.value == 0x17F) {
                matched += 1
                continue
            }
            return false
        }
        return lhs.next() == nil && matched == word.utf8CodeUnitCount
    }
}
