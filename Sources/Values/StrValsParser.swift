/// The recursive-descent parser behind every `--set` flavour, mirroring Helm's
/// `pkg/strvals` parser (and its `literalParser`) step for step.
///
/// Helm's parser mutates Go maps and slices in place, and some results depend on that
/// sharing (`a[0].b=` alone leaves `a: []`, because the new inner map is dropped when
/// the line ends right after `=`, while an inner map that already existed keeps the
/// new key). The Swift code works on values and writes back exactly where Go's
/// sharing would have made a change visible. Each `key`/`listItem` step returns
/// `true` where Go returns a nil error (go on) and `false` where Go returns `io.EOF`
/// (the line is over, which `parse` treats as success).
struct StrValsParser {
    enum Mode {
        /// `--set`: values typed by `typedVal`.
        case typed
        /// `--set-string`: every value a string.
        case string
        /// `--set-json`: every value a JSON document; an empty value is null.
        case json
        /// `--set-file`: every value is handed to the reader (a path → the file's text).
        case file((String) throws -> String)
        /// `--set-literal`: the key's value is the rest of the line, verbatim.
        case literal
    }

    private var scanner: StrValsScanner
    private let mode: Mode

    init(_ line: String, mode: Mode) {
        scanner = StrValsScanner(line)
        self.mode = mode
    }

    private var isLiteral: Bool {
        if case .literal = mode { return true }
        return false
    }

    private var isJSON: Bool {
        if case .json = mode { return true }
        return false
    }

    mutating func parse(into data: inout [String: Value]) throws {
        while try key(&data, level: 0) {}
    }

    // MARK: Keys

    private mutating func key(_ data: inout [String: Value], level: Int) throws -> Bool {
        let stops: [Unicode.Scalar] = isLiteral ? ["=", "[", "."] : ["=", "[", ",", "."]
        let (runes, stop) = scanner.runesUntil(stops, escapes: !isLiteral)
        let name = StrValsScanner.text(runes)
        switch stop {
        case .end:
            if runes.isEmpty { return false }
            throw StrValsError.keyHasNoValue(key: name)
        case .rune("["):
            // Helm wraps an EOF inside `[…]` with %w, and `parse` stops quietly on it.
            guard let index = try keyIndex() else { return false }
            var list: [Value] = []
            if let existing = data[name] { list = try asList(existing) }
            defer { Self.set(&data, name, .list(list)) }
            return try listItem(&list, index, level: level)
        case .rune("="):
            return try keyValue(&data, name)
        case .rune(","):
            Self.set(&data, name, .string(""))
            throw StrValsError.keyEndsWithComma(key: name)
        default:  // "."
            let level = level + 1
            if level > StrVals.maxNestedNameLevel { throw StrValsError.nestedTooDeep(limit: StrVals.maxNestedNameLevel) }
            var inner: [String: Value] = [:]
            let existed = data[name] != nil
            if let existing = data[name] { inner = try asMap(existing) }
            // The inner map is Go's same map object when it existed, so its changes stick.
            defer { if existed || !inner.isEmpty { Self.set(&data, name, .map(inner)) } }
            let more = try key(&inner, level: level)
            if more && inner.isEmpty { throw StrValsError.keyMapHasNoValue(key: name) }
            return more
        }
    }

    /// The value after `key=`.
    private mutating func keyValue(_ data: inout [String: Value], _ name: String) throws -> Bool {
        switch mode {
        case .literal:
            Self.set(&data, name, .string(restOfLine()))
            return true
        case .json:
            if scanner.emptyValue() {
                Self.set(&data, name, .null)
                return true
            }
            Self.set(&data, name, try jsonValue())
            return true
        default:
            switch try valueList() {
            case .list(let items):
                Self.set(&data, name, .list(items))
                return true
            case .end:
                Self.set(&data, name, .string(""))
                return false
            case .notList:
                Self.set(&data, name, try convert(scalarRunes()))
                return true
            }
        }
    }

    // MARK: List items

    /// The rest of a path after `name[index]`, applied to `list`.
    private mutating func listItem(_ list: inout [Value], _ index: Int, level: Int) throws -> Bool {
        if index < 0 { throw StrValsError.negativeIndex(index) }
        let (runes, stop) = scanner.runesUntil(["[", ".", "="], escapes: !isLiteral)
        if !runes.isEmpty { throw StrValsError.unexpectedDataAfterIndex(runes) }
        switch stop {
        case .end:
            return false
        case .rune("="):
            try Self.setIndex(&list, index, try itemValue())
            return true
        case .rune("["):
            guard let next = try keyIndex() else { return false }
            var inner: [Value] = []
            var attached = false
            if index < list.count, !list[index].isNull {
                inner = try asList(list[index])
                attached = true
            }
            // An existing inner slice shares Go's backing array: in-place changes stick
            // even when the line ends or fails before the outer item is set.
            let more: Bool
            do {
                more = try listItem(&inner, next, level: level)
            } catch {
                if attached { list[index] = .list(inner) }
                throw error
            }
            guard more else {
                if attached { list[index] = .list(inner) }
                return false
            }
            try Self.setIndex(&list, index, .list(inner))
            return true
        default:  // "."
            var inner: [String: Value] = [:]
            let attached = index < list.count
            if attached {
                if case .map(let m, .interfaceMap) = list[index] { inner = m.dictionary } else { list[index] = .map([:]) }
            }
            let more: Bool
            do {
                more = try key(&inner, level: level)
            } catch {
                if attached { list[index] = .map(inner) }
                throw error
            }
            if attached { list[index] = .map(inner) }
            guard more else { return false }
            try Self.setIndex(&list, index, .map(inner))
            return true
        }
    }

    /// The value after `name[index]=`. Unlike a key's value, an empty value at the end
    /// of the line still sets `""` and goes on.
    private mutating func itemValue() throws -> Value {
        switch mode {
        case .literal:
            return .string(restOfLine())
        case .json:
            if scanner.emptyValue() { return .null }
            return try jsonValue()
        default:
            switch try valueList() {
            case .list(let items): return .list(items)
            case .end: return .string("")
            case .notList: return try convert(scalarRunes())
            }
        }
    }

    // MARK: Values

    private enum ValueList {
        case list([Value])
        case end
        case notList
    }

    /// Go's `valList`: `{a,b,c}` as a list (a `,` right after `}` is consumed).
    private mutating func valueList() throws -> ValueList {
        guard let first = scanner.readRune() else { return .end }
        guard first == "{" else {
            scanner.unreadRune()
            return .notList
        }
        var items: [Value] = []
        while true {
            let (runes, stop) = scanner.runesUntil([",", "}"])
            switch stop {
            case .end:
                throw StrValsError.unterminatedList
            case .rune("}"):
                if let next = scanner.readRune(), next != "," { scanner.unreadRune() }
                items.append(try convert(runes))
                return .list(items)
            default:
                items.append(try convert(runes))
            }
        }
    }

    /// Go's `val`: the runes up to the next unescaped comma.
    private mutating func scalarRunes() -> [Unicode.Scalar] {
        scanner.runesUntil([","]).0
    }

    private mutating func restOfLine() -> String {
        StrValsScanner.text(scanner.runesUntil([], escapes: false).0)
    }

    private mutating func jsonValue() throws -> Value {
        var decoder = StrValsJSONDecoder(scanner.runes, at: scanner.position)
        let value = try decoder.decode()
        scanner.position = decoder.position
        _ = scanner.emptyValue()
        return value
    }

    private func convert(_ runes: [Unicode.Scalar]) throws -> Value {
        let text = StrValsScanner.text(runes)
        switch mode {
        case .typed: return StrVals.typedValue(text)
        case .file(let read): return .string(try read(text))
        default: return .string(text)
        }
    }

    /// Go's `keyIndex`: the integer up to `]`; nil when the line ends first.
    private mutating func keyIndex() throws -> Int? {
        let (runes, stop) = scanner.runesUntil(["]"], escapes: !isLiteral)
        if stop == .end { return nil }
        let text = StrValsScanner.text(runes)
        switch StrValsGoText.atoi(text) {
        case .value(let i): return i
        case .invalidSyntax: throw StrValsError.indexNotParsed(.atoi(text: text, outOfRange: false))
        case .outOfRange: throw StrValsError.indexNotParsed(.atoi(text: text, outOfRange: true))
        }
    }

    // MARK: Go's map and slice operations

    private static func set(_ data: inout [String: Value], _ key: String, _ value: Value) {
        if key.isEmpty { return }
        data[key] = value
    }

    private static func setIndex(_ list: inout [Value], _ index: Int, _ value: Value) throws {
        if index < 0 { throw StrValsError.negativeIndex(index) }
        if index > StrVals.maxIndex { throw StrValsError.indexTooLarge(index, limit: StrVals.maxIndex) }
        if list.count <= index { list.append(contentsOf: repeatElement(.null, count: index + 1 - list.count)) }
        list[index] = value
    }

    private func asList(_ v: Value) throws -> [Value] {
        if case .list(let l, .interfaceSlice) = v { return l }
        throw StrValsError.typeMismatch(found: StrValsGoText.dynamicTypeName(v), expected: "[]interface {}")
    }

    private func asMap(_ v: Value) throws -> [String: Value] {
        if case .map(let m, .interfaceMap) = v { return m.dictionary }
        throw StrValsError.typeMismatch(found: StrValsGoText.dynamicTypeName(v), expected: "map[string]interface {}")
    }
}
