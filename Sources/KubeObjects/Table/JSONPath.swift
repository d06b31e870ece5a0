import Values

/// The subset of client-go's `util/jsonpath` that CRD `additionalPrinterColumns` use, as the
/// API server's table convertor runs it (`AllowMissingKeys(true)`: a missing member yields
/// no result rather than an error):
///
/// - `.a.b`, `['a.b']`, `["a"]`, and `\.` to keep a dot inside a name (`.labels.app\.io/n`);
/// - `[0]`, `[-1]`, `[1:3]`, `[*]` and `.*`;
/// - filters `[?(@.type=="Ready")]` with `==`, `!=`, `<`, `<=`, `>`, `>=` against a string,
///   number or boolean literal, and `[?(@.x)]` for "has a non-null x".
///
/// The expression may be wrapped in `{…}` and start with `$`, as kubectl's templates do.
/// Recursive descent (`..`) and unions are not supported and fail to parse.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    indirect enum Step: Sendable, Hashable {
        case field(String)
        case wildcard
        case index(Int)
        case slice(Int?, Int?)
        case filter(path: [Step], op: String?, literal: JSONValue?)
    }

    let steps: [Step]
    public let description: String

    public init(_ expression: String) throws(JSONPathError) {
        var text = Substring(expression.trimmingSpaces)
        if text.hasPrefix("{") && text.hasSuffix("}") { text = text.dropFirst().dropLast() }
        var parser = JSONPathParser(Array(text.utf8), source: expression)
        steps = try parser.parsePath(inFilter: false)
        description = expression
    }

    /// Every value the path reaches, in document order; object wildcards go by sorted key.
    public func evaluate(_ root: JSONValue) -> [JSONValue] {
        Self.run(steps[...], on: [root])
    }

    static func run(_ steps: ArraySlice<Step>, on start: [JSONValue]) -> [JSONValue] {
        var current = start
        for step in steps {
            var next: [JSONValue] = []
            for value in current {
                switch step {
                case .field(let name):
                    if let v = value[name], !v.isNull { next.append(v) }
                case .wildcard:
                    switch value {
                    case .array(let items): next += items
                    case .object(let members):
                        for key in members.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                            next.append(members[key]!)
                        }
                    default: break
                    }
                case .index(let i):
                    guard let items = value.arrayValue else { continue }
                    let idx = i < 0 ? items.count + i : i
                    if idx >= 0 && idx < items.count { next.append(items[idx]) }
                case .slice(let from, let to):
                    guard let items = value.arrayValue else { continue }
                    let n = items.count
                    func clamp(_ v: Int?, _ fallback: Int) -> Int {
                        guard let v else { return fallback }
                        return Swift.min(Swift.max(v < 0 ? n + v : v, 0), n)
                    }
                    let lo = clamp(from, 0)
                    let hi = clamp(to, n)
                    if lo < hi { next += items[lo..<hi] }
                case .filter(let path, let op, let literal):
                    guard let items = value.arrayValue else { continue }
                    for item in items where matches(item, path, op, literal) { next.append(item) }
                }
            }
            current = next
        }
        return current
    }

    private static func matches(_ item: JSONValue, _ path: [Step], _ op: String?, _ literal: JSONValue?) -> Bool {
        let found = run(path[...], on: [item])
        guard let op, let literal else { return !found.isEmpty }
        guard let left = found.first else { return false }
        switch (left, literal) {
        case (.string(let a), .string(let b)):
            return compare(a, b, op)
        case (.bool(let a), .bool(let b)):
            return op == "==" ? a == b : op == "!=" ? a != b : false
        default:
            guard let a = number(left), let b = number(literal) else { return false }
            return compare(a, b, op)
        }
    }

    private static func number(_ v: JSONValue) -> Double? {
        switch v {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    private static func compare<T: Comparable>(_ a: T, _ b: T, _ op: String) -> Bool {
        switch op {
        case "==": return a == b
        case "!=": return a != b
        case "<": return a < b
        case "<=": return a <= b
        case ">": return a > b
        case ">=": return a >= b
        default: return false
        }
    }

    /// How `PrintResults` writes one value: strings bare, numbers as Go's `%v`, booleans
    /// `true`/`false`, objects and arrays as compact JSON.
    public static func text(of value: JSONValue) -> String {
        switch value {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .double(let d): return GoFloat.format(d, "g")
        case .bool(let b): return b ? "true" : "false"
        case .null: return "<nil>"
        case .array, .object: return value.serialized()
        }
    }
}

/// A JSONPath that does not parse; the API server rejects such a CRD column with
/// `unrecognized column definition <path>`.
public struct JSONPathError: Error, CustomStringConvertible, Sendable, Equatable {
    public let message: String
    public var description: String { message }
}

struct JSONPathParser {
    let b: [UInt8]
    let source: String
    var pos = 0

    init(_ bytes: [UInt8], source: String) {
        self.b = bytes
        self.source = source
    }

    func fail(_ why: String) -> JSONPathError { JSONPathError(message: "unrecognized column definition \(GoQuote.quote(source)): \(why)") }

    func peek(_ offset: Int = 0) -> UInt8? { pos + offset < b.count ? b[pos + offset] : nil }

    mutating func skipSpaces() { while let c = peek(), c == 0x20 { pos += 1 } }

    /// Steps until the end (or, inside a filter, until a comparison operator or `)`).
    mutating func parsePath(inFilter: Bool) throws(JSONPathError) -> [JSONPath.Step] {
        var steps: [JSONPath.Step] = []
        if peek() == UInt8(ascii: "$") || (inFilter && peek() == UInt8(ascii: "@")) { pos += 1 }
        while let c = peek() {
            if inFilter, c == 0x20 || c == UInt8(ascii: ")") || c == UInt8(ascii: "=") || c == UInt8(ascii: "!")
                || c == UInt8(ascii: "<") || c == UInt8(ascii: ">")
            {
                break
            }
            switch c {
            case UInt8(ascii: "."):
                pos += 1
                if peek() == UInt8(ascii: ".") { throw fail("recursive descent is not supported") }
                if peek() == UInt8(ascii: "*") {
                    pos += 1
                    steps.append(.wildcard)
                } else {
                    let name = try fieldName()
                    if !name.isEmpty { steps.append(.field(name)) }
                }
            case UInt8(ascii: "["):
                pos += 1
                steps.append(try bracket())
            default:
                if steps.isEmpty && !inFilter {
                    // A bare leading name (`status.phase`) reads as `.status.phase`.
                    steps.append(.field(try fieldName()))
                } else {
                    throw fail("unexpected \(GoQuote.quote(String(decoding: [c], as: UTF8.self)))")
                }
            }
        }
        return steps
    }

    mutating func fieldName() throws(JSONPathError) -> String {
        var out: [UInt8] = []
        while let c = peek() {
            if c == UInt8(ascii: "\\"), let n = peek(1) {
                out.append(n)
                pos += 2
                continue
            }
            if c == UInt8(ascii: ".") || c == UInt8(ascii: "[") || c == 0x20 || c == UInt8(ascii: ")") || c == UInt8(ascii: "=")
                || c == UInt8(ascii: "!") || c == UInt8(ascii: "<") || c == UInt8(ascii: ">")
            {
                break
            }
            out.append(c)
            pos += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    mutating func bracket() throws(JSONPathError) -> JSONPath.Step {
        skipSpaces()
        guard let c = peek() else { throw fail("unclosed [") }
        if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
            let name = try quoted()
            skipSpaces()
            try expect("]")
            return .field(name)
        }
        if c == UInt8(ascii: "*") {
            pos += 1
            try expect("]")
            return .wildcard
        }
        if c == UInt8(ascii: "?") {
            pos += 1
            try expect("(")
            skipSpaces()
            let path = try parsePath(inFilter: true)
            skipSpaces()
            var op: String?
            var literal: JSONValue?
            if peek() != UInt8(ascii: ")") {
                op = try comparison()
                skipSpaces()
                literal = try value()
                skipSpaces()
            }
            try expect(")")
            try expect("]")
            return .filter(path: path, op: op, literal: literal)
        }
        // Index or slice.
        let first = integer()
        skipSpaces()
        if peek() == UInt8(ascii: ":") {
            pos += 1
            skipSpaces()
            let second = integer()
            skipSpaces()
            if peek() == UInt8(ascii: ":") { throw fail("slice steps are not supported") }
            try expect("]")
            return .slice(first, second)
        }
        guard let index = first else { throw fail("invalid array index") }
        try expect("]")
        return .index(index)
    }

    mutating func integer() -> Int? {
        let start = pos
        if peek() == UInt8(ascii: "-") { pos += 1 }
        while let c = peek(), c >= 0x30, c <= 0x39 { pos += 1 }
        guard pos > start else { return nil }
        guard let n = Int(String(decoding: b[start..<pos], as: UTF8.self)) else {
            pos = start
            return nil
        }
        return n
    }

    mutating func quoted() throws(JSONPathError) -> String {
        guard let q = peek() else { throw fail("unterminated quote") }
        pos += 1
        var out: [UInt8] = []
        while let c = peek() {
            pos += 1
            if c == q { return String(decoding: out, as: UTF8.self) }
            if c == UInt8(ascii: "\\"), let n = peek() {
                pos += 1
                out.append(n)
                continue
            }
            out.append(c)
        }
        throw fail("unterminated quote")
    }

    mutating func comparison() throws(JSONPathError) -> String {
        for op in ["==", "!=", "<=", ">=", "<", ">"] {
            let u = Array(op.utf8)
            if pos + u.count <= b.count, Array(b[pos..<(pos + u.count)]) == u {
                pos += u.count
                return op
            }
        }
        throw fail("expected a comparison operator in filter")
    }

    mutating func value() throws(JSONPathError) -> JSONValue {
        guard let c = peek() else { throw fail("missing filter value") }
        if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") { return .string(try quoted()) }
        let start = pos
        while let c = peek(), c != 0x20, c != UInt8(ascii: ")") { pos += 1 }
        let word = String(decoding: b[start..<pos], as: UTF8.self)
        if word == "true" { return .bool(true) }
        if word == "false" { return .bool(false) }
        if let i = Int64(word) { return .int(i) }
        if let d = Double(word) { return .double(d) }
        throw fail("unsupported filter value \(GoQuote.quote(word))")
    }

    mutating func expect(_ s: Character) throws(JSONPathError) {
        guard let c = peek(), c == s.asciiValue else { throw fail("expected \(GoQuote.quote(String(s)))") }
        pos += 1
    }
}

extension String {
    var trimmingSpaces: Substring {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" || f == "\n" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\n" { s = s.dropLast() }
        return s
    }
}
