/// Walks a value into a `YAMLEmitter` the way Helm's two YAML writers see it.
///
/// `toYaml` is `sigs.k8s.io/yaml.Marshal`: `encoding/json` first (objects become their
/// JSON form, `[]byte` a base64 string, `NaN` an error), then go-yaml v2 reads that JSON
/// back and writes it out. The round trip is mirrored on the value directly: a float64
/// that JSON prints as an integer (`1000000`) is read back as an int and written as one,
/// other floats come out with `%g` (`1.234567895e+08`), and a raw U+0085 in a string is a
/// line break to the YAML reader, so it is folded like one.
///
/// `toYamlPretty` hands the value straight to go-yaml v3, which writes float64 with `%g`
/// (`1e+06`), `NaN` as `.nan`, and `[]byte` as a list of numbers.
struct YAMLEncoder {
    let dialect: YAMLEmitter.Dialect
    var emitter: YAMLEmitter
    /// A failure of go-yaml reading the JSON text back (v2 only). `json.Marshal` errors win
    /// over it because they happen first in Helm, so it is only thrown at the end.
    var deferredError: YAMLError?
    /// Raw U+0085 seen so far: each is a line of the JSON text go-yaml reads back.
    private var linesBefore = 0

    init(dialect: YAMLEmitter.Dialect) {
        self.dialect = dialect
        emitter = YAMLEmitter(dialect: dialect)
    }

    static func encode(_ v: Value, dialect: YAMLEmitter.Dialect) throws(YAMLError) -> String {
        var e = YAMLEncoder(dialect: dialect)
        try e.emit(v, context: .root)
        if let err = e.deferredError { throw err }
        e.emitter.finish()
        return String(decoding: e.emitter.out, as: UTF8.self)
    }

    mutating func emit(_ v: Value, context: YAMLEmitter.Context) throws(YAMLError) {
        switch v {
        case .null:
            emitter.atom("null")
        case .bool(let b):
            emitter.atom(b ? "true" : "false")
        case .int(let x, let t):
            emitter.atom(t.isUnsignedInteger ? String(UInt64(bitPattern: x)) : String(x))
        case .float(let d):
            emitter.atom(try floatText(d))
        case .string(let s):
            emitString(s, context: context)
        case .bytes(let b):
            if dialect == .v2 {
                emitString(StdBase64.encode(b), context: context)
            } else {
                guard emitter.beginSequence(count: b.count, context: context) else { return }
                for x in b {
                    emitter.sequenceItem()
                    emitter.atom(String(x))
                }
                emitter.endCollection()
            }
        case .list(let items, _):
            guard emitter.beginSequence(count: items.count, context: context) else { return }
            for item in items {
                emitter.sequenceItem()
                try emit(item, context: .sequenceItem)
            }
            emitter.endCollection()
        case .map(let dict, _):
            guard emitter.beginMapping(count: dict.count) else { return }
            for key in YAMLKeyOrder.sorted(Array(dict.keys), dialect: dialect) {
                let shown = dialect == .v2 ? jsonRoundTrip(key, isKey: true) ?? key : key
                emitter.mappingKey(shown)
                try emit(dict[key] ?? .null, context: .mappingValue)
            }
            emitter.endCollection()
        case .object(let o):
            if dialect == .v3 {
                try emitPrettyObject(o, context: context)
            } else {
                try emit(o.jsonValue, context: context)
            }
        case .function(let f):
            throw YAMLError(stage: .jsonEncode, message: "json: unsupported type: func \(f.name)")
        }
    }

    /// go-yaml v3 on a Go object: `time.Time` as a plain RFC 3339 scalar, text marshalers
    /// (`*semver.Version`) as their text, other structs as their fields in declaration
    /// order under lower-cased names.
    private mutating func emitPrettyObject(_ o: any GoObject, context: YAMLEmitter.Context) throws(YAMLError) {
        let json = o.jsonValue
        if case .string(let text) = json {
            if o.goType.name == "time.Time" {
                emitter.atom(text)
            } else {
                emitString(text, context: context)
            }
            return
        }
        let fields = o.structFields
        guard !fields.isEmpty else {
            try emit(json, context: context)
            return
        }
        _ = emitter.beginMapping(count: fields.count)
        for field in fields {
            emitter.mappingKey(field.name.lowercased())
            try emit(field.value, context: .mappingValue)
        }
        emitter.endCollection()
    }

    private mutating func emitString(_ s: String, context: YAMLEmitter.Context) {
        if dialect == .v2, let folded = jsonRoundTrip(s, isKey: false) {
            emitter.string(folded, context: context)
        } else {
            emitter.string(s, context: context)
        }
    }

    /// The text of a float64 after the JSON round trip (v2) or as go-yaml v3 writes it.
    private func floatText(_ d: Double) throws(YAMLError) -> String {
        if dialect == .v3 {
            if d.isNaN { return ".nan" }
            if d.isInfinite { return d > 0 ? ".inf" : "-.inf" }
            return GoFloat.format(d, "g")
        }
        guard d.isFinite else {
            throw YAMLError(stage: .jsonEncode, message: "json: unsupported value: " + GoFloat.format(d, "g"))
        }
        return YAMLEncoder.jsonFloatAsYAML(d)
    }

    /// `encoding/json` prints a float64 below 1e21 without exponent; when that text is an
    /// integer go-yaml reads it as an int (or uint64) and writes it back unchanged (`-0`
    /// becomes `0`); otherwise it is a float, written with `%g`.
    static func jsonFloatAsYAML(_ d: Double) -> String {
        let a = d.magnitude
        if a < 1e21 && a.rounded(.towardZero) == a {
            if a == 0 { return "0" }
            let text = Array(GoFloat.format(d, "f").utf8)
            if let i = YAMLIntParse.parseInt(text) { return String(i) }
            if let u = YAMLIntParse.parseUint(text) { return String(u) }
        }
        return GoFloat.format(d, "g")
    }

    /// What a string becomes after `encoding/json` writes it and go-yaml v2 reads it back,
    /// or nil when it is unchanged (the usual case). JSON leaves U+0085 raw, and YAML reads
    /// it as a line break inside the double-quoted string, folding it like one; JSON also
    /// leaves DEL, the C1 controls and U+FFFE/U+FFFF raw, which the YAML reader refuses.
    private mutating func jsonRoundTrip(_ s: String, isKey: Bool) -> String? {
        var breaks = 0
        for u in s.unicodeScalars where u.value >= 0x7F {
            switch u.value {
            case 0x85: breaks += 1
            case 0x7F...0x9F, 0xFFFE, 0xFFFF:
                // The reader fails before the parser gets far: this error wins.
                if deferredError?.message != YAMLEncoder.controlCharacters {
                    deferredError = YAMLError(stage: .jsonToYAML, message: YAMLEncoder.controlCharacters)
                }
            default: break
            }
        }
        guard breaks > 0 else { return nil }
        linesBefore += breaks
        if isKey {
            // A line break inside a flow mapping key: go-yaml's parser gives up on the map.
            // It names the (0-based) line of the JSON text where that happened.
            fail("yaml: line \(linesBefore): did not find expected ',' or '}'", line: linesBefore)
            return nil
        }
        let (folded, indicatorAt) = YAMLEncoder.foldLineBreaks(s)
        if let k = indicatorAt {
            let line = linesBefore - breaks + k + 1
            fail("yaml: line \(line): found unexpected document indicator", line: line)
        }
        return folded
    }

    private static let controlCharacters = "yaml: control characters are not allowed"

    private mutating func fail(_ message: String, line: Int) {
        if deferredError == nil { deferredError = YAMLError(stage: .jsonToYAML, message: message, line: line) }
    }

    /// libyaml's line folding inside a double-quoted scalar, where only raw spaces are
    /// blanks and only U+0085 is a break (JSON escapes every other one): spaces around a
    /// break vanish, a single break becomes a space, each further break a newline. Also
    /// returns after how many breaks a `---`/`...` document marker starts a line, which
    /// the scanner rejects.
    static func foldLineBreaks(_ s: String) -> (String, Int?) {
        var indicatorAt: Int?
        var breaksSeen = 0
        var out = String.UnicodeScalarView()
        var whitespace = String.UnicodeScalarView()
        let scalars = Array(s.unicodeScalars)
        var i = 0
        while i < scalars.count {
            while i < scalars.count && scalars[i] != " " && scalars[i] != "\u{85}" {
                out.append(scalars[i])
                i += 1
            }
            if i >= scalars.count { break }
            var leadingBlanks = false
            var trailingBreaks = 0
            whitespace.removeAll()
            while i < scalars.count && (scalars[i] == " " || scalars[i] == "\u{85}") {
                if scalars[i] == " " {
                    if !leadingBlanks { whitespace.append(" ") }
                } else {
                    if !leadingBlanks {
                        whitespace.removeAll()
                        leadingBlanks = true
                    } else {
                        trailingBreaks += 1
                    }
                    breaksSeen += 1
                    if indicatorAt == nil && startsDocumentMarker(scalars, i + 1) { indicatorAt = breaksSeen }
                }
                i += 1
            }
            if leadingBlanks {
                if trailingBreaks == 0 {
                    out.append(" ")
                } else {
                    for _ in 0..<trailingBreaks { out.append("\n") }
                }
            } else {
                out.append(contentsOf: whitespace)
            }
        }
        return (String(out), indicatorAt)
    }

    /// `---` or `...` followed by a blank or break, at the start of a line.
    private static func startsDocumentMarker(_ s: [Unicode.Scalar], _ i: Int) -> Bool {
        guard i + 3 < s.count, s[i] == "-" || s[i] == "." else { return false }
        guard s[i + 1] == s[i], s[i + 2] == s[i] else { return false }
        return s[i + 3] == " " || s[i + 3] == "\u{85}"
    }
}
