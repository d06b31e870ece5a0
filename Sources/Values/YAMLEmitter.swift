/// go-yaml's emitter (its port of libyaml's `emitterc.go`), reduced to what `Marshal`
/// produces: block mappings and sequences, `[]`/`{}` for empty ones, and scalars in the
/// style the emitter settles on. The state machine's bookkeeping (`column`, `whitespace`,
/// `indention`, the indent stack) is kept as in the original so that line folding at
/// width 80, block-scalar indentation and the `- - x` compact forms come out identical.
///
/// Two dialects: `.v2` is what `toYaml` runs (`sigs.k8s.io/yaml` → go-yaml v2: sequences
/// under a mapping key are not indented, lines fold at 80 columns, tabs force double
/// quotes); `.v3` is `toYamlPretty` (go-yaml v3 with `SetIndent(2)`: sequences are indented
/// under keys, no folding, tabs allowed in block scalars).
struct YAMLEmitter {
    enum Dialect { case v2, v3 }

    /// Where a node sits, as `yaml_emitter_emit_node` records it.
    struct Context {
        var root = false
        var sequence = false
        var mapping = false
        var simpleKey = false

        static let root = Context(root: true)
        static let sequenceItem = Context(sequence: true)
        static let mappingValue = Context(mapping: true)
        static let simpleKey = Context(mapping: true, simpleKey: true)
        static let complexKey = Context(mapping: true)
    }

    enum Style { case plain, singleQuoted, doubleQuoted, literal }

    let dialect: Dialect
    private let bestIndent = 2
    private let bestWidth: Int
    private(set) var out: [UInt8] = []
    private var column = 0
    private var whitespace = true
    private var indention = true
    private var indent = -1
    private var indents: [Int] = []

    init(dialect: Dialect) {
        self.dialect = dialect
        bestWidth = dialect == .v2 ? 80 : Int(Int32.max)
        out.reserveCapacity(256)
    }

    /// `yaml_emitter_emit_document_end`: a final line break unless the output already ends
    /// on an empty indented line.
    mutating func finish() {
        writeIndent()
    }

    // MARK: Collections

    /// Starts a sequence. An empty one is written as `[]` at once and `false` returned;
    /// otherwise call `sequenceItem()` before each element and `endCollection()` after.
    mutating func beginSequence(count: Int, context: Context) -> Bool {
        if count == 0 {
            emptyFlow("[", "]")
            return false
        }
        // v2 (libyaml) writes a sequence that is a mapping's value at the key's own
        // indentation ("indentless"); v3 indents it.
        let indentless = dialect == .v2 && context.mapping && !indention
        increaseIndent(flow: false, indentless: indentless)
        return true
    }

    mutating func sequenceItem() {
        writeIndent()
        writeIndicator("-", needWhitespace: true, isWhitespace: false, isIndention: true)
    }

    /// Starts a mapping. An empty one is written as `{}` at once and `false` returned;
    /// otherwise call `mappingKey(_:)` before each value and `endCollection()` after.
    mutating func beginMapping(count: Int) -> Bool {
        if count == 0 {
            emptyFlow("{", "}")
            return false
        }
        increaseIndent(flow: false, indentless: false)
        return true
    }

    /// Writes a key and its `:`; the value follows with the `.mappingValue` context. Keys
    /// longer than 128 bytes or spanning lines are written in the explicit `? key` form.
    mutating func mappingKey(_ key: String) {
        writeIndent()
        var key = key
        let simple = key.withUTF8 { k in
            k.count <= 128 && !YAMLScalarAnalysis(k, tabsAreSpecial: dialect == .v2).multiline
        }
        if simple {
            string(key, context: .simpleKey)
            writeIndicator(":", needWhitespace: false, isWhitespace: false, isIndention: false)
        } else {
            writeIndicator("?", needWhitespace: true, isWhitespace: false, isIndention: true)
            string(key, context: .complexKey)
            writeIndent()
            writeIndicator(":", needWhitespace: true, isWhitespace: false, isIndention: true)
        }
    }

    mutating func endCollection() {
        popIndent()
    }

    private mutating func emptyFlow(_ open: StaticString, _ close: StaticString) {
        writeIndicator(open, needWhitespace: true, isWhitespace: true, isIndention: false)
        increaseIndent(flow: true, indentless: false)
        popIndent()
        writeIndicator(close, needWhitespace: false, isWhitespace: false, isIndention: false)
    }

    // MARK: Scalars

    /// A scalar whose text is known to be plain-safe (`null`, `true`, numbers).
    mutating func atom(_ text: String) {
        if !whitespace { put(UInt8(ascii: " ")) }
        out.append(contentsOf: text.utf8)
        column += text.utf8.count
        whitespace = false
        indention = false
    }

    /// A string, in the style go-yaml's `encoder.stringv` asks for (literal when it has a
    /// newline, plain when it would read back as the same string, else double-quoted) and
    /// the emitter then allows.
    mutating func string(_ s: String, context: Context) {
        var s = s
        s.withUTF8 { v in
            let requested: Style
            if v.contains(UInt8(ascii: "\n")) {
                requested = .literal
            } else if YAMLEmitter.canBePlain(v) {
                requested = .plain
            } else {
                requested = .doubleQuoted
            }
            scalar(v, requested: requested, context: context)
        }
    }

    /// Whether go-yaml's encoder lets a string go unquoted: it must resolve back to a
    /// string (`yes`, `1.5`, `~`, `2001-12-14` do not) and not look like a base-60 number.
    static func canBePlain(_ v: UnsafeBufferPointer<UInt8>) -> Bool {
        YAMLResolver.resolve(bytes: v) == .string && !YAMLResolver.isBase60Float(v)
    }

    private mutating func scalar(_ v: UnsafeBufferPointer<UInt8>, requested: Style, context: Context) {
        let a = YAMLScalarAnalysis(v, tabsAreSpecial: dialect == .v2)
        var style = requested
        // `yaml_emitter_select_scalar_style`; scalars are never inside a flow collection
        // here (only empty ones are written in flow style).
        if context.simpleKey && a.multiline { style = .doubleQuoted }
        if style == .plain {
            if !a.blockPlainAllowed { style = .singleQuoted }
            if v.isEmpty && context.simpleKey { style = .singleQuoted }
        }
        if style == .singleQuoted && !a.singleQuotedAllowed { style = .doubleQuoted }
        if style == .literal && (!a.blockAllowed || context.simpleKey) { style = .doubleQuoted }

        increaseIndent(flow: true, indentless: false)
        let allowBreaks = !context.simpleKey
        switch style {
        case .plain: writePlain(v, allowBreaks: allowBreaks)
        case .singleQuoted: writeSingleQuoted(v, allowBreaks: allowBreaks)
        case .doubleQuoted: writeDoubleQuoted(v, allowBreaks: allowBreaks)
        case .literal: writeLiteral(v)
        }
        popIndent()
    }

    private mutating func writePlain(_ v: UnsafeBufferPointer<UInt8>, allowBreaks: Bool) {
        if !whitespace && (dialect == .v2 || !v.isEmpty) { put(UInt8(ascii: " ")) }
        var spaces = false
        var breaks = false
        var i = 0
        while i < v.count {
            if YAMLBytes.isSpace(v, i) {
                if allowBreaks && !spaces && column > bestWidth && !YAMLBytes.isSpace(v, i + 1) {
                    writeIndent()
                    i += 1
                } else {
                    write(v, &i)
                }
                spaces = true
            } else if YAMLBytes.isBreak(v, i) {
                if !breaks && v[i] == UInt8(ascii: "\n") { putBreak() }
                writeBreak(v, &i)
                indention = true
                breaks = true
            } else {
                if breaks { writeIndent() }
                write(v, &i)
                indention = false
                spaces = false
                breaks = false
            }
        }
        if dialect == .v2 || !v.isEmpty { whitespace = false }
        indention = false
    }

    private mutating func writeSingleQuoted(_ v: UnsafeBufferPointer<UInt8>, allowBreaks: Bool) {
        writeIndicator("'", needWhitespace: true, isWhitespace: false, isIndention: false)
        var spaces = false
        var breaks = false
        var i = 0
        while i < v.count {
            if YAMLBytes.isSpace(v, i) {
                if allowBreaks && !spaces && column > bestWidth && i > 0 && i < v.count - 1
                    && !YAMLBytes.isSpace(v, i + 1)
                {
                    writeIndent()
                    i += 1
                } else {
                    write(v, &i)
                }
                spaces = true
            } else if YAMLBytes.isBreak(v, i) {
                if !breaks && v[i] == UInt8(ascii: "\n") { putBreak() }
                writeBreak(v, &i)
                indention = true
                breaks = true
            } else {
                if breaks { writeIndent() }
                if v[i] == UInt8(ascii: "'") { put(UInt8(ascii: "'")) }
                write(v, &i)
                indention = false
                spaces = false
                breaks = false
            }
        }
        writeIndicator("'", needWhitespace: false, isWhitespace: false, isIndention: false)
        whitespace = false
        indention = false
    }

    private mutating func writeDoubleQuoted(_ v: UnsafeBufferPointer<UInt8>, allowBreaks: Bool) {
        writeIndicator("\"", needWhitespace: true, isWhitespace: false, isIndention: false)
        // go-yaml's `is_bom` looks at the start of the string whatever the index, so a
        // string that starts with U+FEFF has every character escaped.
        let startsWithBOM = v.count >= 3 && v[0] == 0xEF && v[1] == 0xBB && v[2] == 0xBF
        var spaces = false
        var i = 0
        while i < v.count {
            let c = v[i]
            if startsWithBOM || !YAMLBytes.isPrintable(v, i) || YAMLBytes.isBreak(v, i) || c == UInt8(ascii: "\"")
                || c == UInt8(ascii: "\\")
            {
                let w = YAMLBytes.width(c)
                var r: UInt32
                switch w {
                case 2: r = UInt32(c & 0x1F)
                case 3: r = UInt32(c & 0x0F)
                case 4: r = UInt32(c & 0x07)
                default: r = UInt32(c & 0x7F)
                }
                for k in 1..<max(w, 1) where i + k < v.count { r = (r << 6) | UInt32(v[i + k] & 0x3F) }
                i += w
                put(UInt8(ascii: "\\"))
                writeEscape(r)
                spaces = false
            } else if c == UInt8(ascii: " ") {
                if allowBreaks && !spaces && column > bestWidth && i > 0 && i < v.count - 1 {
                    writeIndent()
                    if YAMLBytes.isSpace(v, i + 1) { put(UInt8(ascii: "\\")) }
                    i += 1
                } else {
                    write(v, &i)
                }
                spaces = true
            } else {
                write(v, &i)
                spaces = false
            }
        }
        writeIndicator("\"", needWhitespace: false, isWhitespace: false, isIndention: false)
        whitespace = false
        indention = false
    }

    private mutating func writeEscape(_ r: UInt32) {
        let simple: UInt8?
        switch r {
        case 0x00: simple = UInt8(ascii: "0")
        case 0x07: simple = UInt8(ascii: "a")
        case 0x08: simple = UInt8(ascii: "b")
        case 0x09: simple = UInt8(ascii: "t")
        case 0x0A: simple = UInt8(ascii: "n")
        case 0x0B: simple = UInt8(ascii: "v")
        case 0x0C: simple = UInt8(ascii: "f")
        case 0x0D: simple = UInt8(ascii: "r")
        case 0x1B: simple = UInt8(ascii: "e")
        case 0x22: simple = UInt8(ascii: "\"")
        case 0x5C: simple = UInt8(ascii: "\\")
        case 0x85: simple = UInt8(ascii: "N")
        case 0xA0: simple = UInt8(ascii: "_")
        case 0x2028: simple = UInt8(ascii: "L")
        case 0x2029: simple = UInt8(ascii: "P")
        default: simple = nil
        }
        if let simple {
            put(simple)
            return
        }
        let digits: Int
        if r <= 0xFF {
            put(UInt8(ascii: "x"))
            digits = 2
        } else if r <= 0xFFFF {
            put(UInt8(ascii: "u"))
            digits = 4
        } else {
            put(UInt8(ascii: "U"))
            digits = 8
        }
        var shift = (digits - 1) * 4
        while shift >= 0 {
            let d = UInt8((r >> UInt32(shift)) & 0xF)
            put(d < 10 ? d + UInt8(ascii: "0") : d - 10 + UInt8(ascii: "A"))
            shift -= 4
        }
    }

    private mutating func writeLiteral(_ v: UnsafeBufferPointer<UInt8>) {
        writeIndicator("|", needWhitespace: true, isWhitespace: false, isIndention: false)
        // Block scalar hints: an explicit indentation when the text starts with a space or
        // a break, `-` to strip a missing final break, `+` to keep several.
        if YAMLBytes.isSpace(v, 0) || YAMLBytes.isBreak(v, 0) {
            writeIndicatorByte(UInt8(ascii: "0") + UInt8(bestIndent))
        }
        var chomp: UInt8 = 0
        if v.isEmpty {
            chomp = UInt8(ascii: "-")
        } else {
            var i = v.count - 1
            while i > 0 && v[i] & 0xC0 == 0x80 { i -= 1 }
            if !YAMLBytes.isBreak(v, i) {
                chomp = UInt8(ascii: "-")
            } else if i == 0 {
                chomp = UInt8(ascii: "+")
            } else {
                i -= 1
                while i > 0 && v[i] & 0xC0 == 0x80 { i -= 1 }
                if YAMLBytes.isBreak(v, i) { chomp = UInt8(ascii: "+") }
            }
        }
        if chomp != 0 { writeIndicatorByte(chomp) }
        putBreak()
        indention = true
        whitespace = true
        var breaks = true
        var i = 0
        while i < v.count {
            if YAMLBytes.isBreak(v, i) {
                writeBreak(v, &i)
                indention = true
                breaks = true
            } else {
                if breaks { writeIndent() }
                write(v, &i)
                indention = false
                breaks = false
            }
        }
    }

    // MARK: Low-level writing

    private mutating func increaseIndent(flow: Bool, indentless: Bool) {
        indents.append(indent)
        if indent < 0 {
            indent = flow ? bestIndent : 0
        } else if !indentless {
            indent += bestIndent
        }
    }

    private mutating func popIndent() {
        indent = indents.removeLast()
    }

    private mutating func writeIndent() {
        let target = max(indent, 0)
        if !indention || column > target || (column == target && !whitespace) {
            putBreak()
        }
        while column < target { put(UInt8(ascii: " ")) }
        whitespace = true
        indention = true
    }

    private mutating func writeIndicator(
        _ indicator: StaticString, needWhitespace: Bool, isWhitespace: Bool, isIndention: Bool
    ) {
        if needWhitespace && !whitespace { put(UInt8(ascii: " ")) }
        indicator.withUTF8Buffer { b in
            out.append(contentsOf: b)
            column += b.count
        }
        whitespace = isWhitespace
        indention = indention && isIndention
    }

    private mutating func writeIndicatorByte(_ b: UInt8) {
        put(b)
        whitespace = false
        indention = false
    }

    @inline(__always) private mutating func put(_ b: UInt8) {
        out.append(b)
        column += 1
    }

    private mutating func putBreak() {
        out.append(UInt8(ascii: "\n"))
        column = 0
    }

    /// Copies one character; the column counts characters, not bytes.
    @inline(__always) private mutating func write(_ v: UnsafeBufferPointer<UInt8>, _ i: inout Int) {
        let w = YAMLBytes.width(v[i])
        let end = min(i + w, v.count)
        out.append(contentsOf: UnsafeBufferPointer(rebasing: v[i..<end]))
        column += 1
        i = end
    }

    private mutating func writeBreak(_ v: UnsafeBufferPointer<UInt8>, _ i: inout Int) {
        if v[i] == UInt8(ascii: "\n") {
            putBreak()
            i += 1
        } else {
            write(v, &i)
            column = 0
        }
    }
}
