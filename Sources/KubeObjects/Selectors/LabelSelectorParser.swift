/// apimachinery's label selector lexer and recursive-descent parser (`labels.Parse`), token
/// for token, so that odd inputs (`x in (,a)`, `a=`, `in in (in)`) mean what they mean to
/// kube-apiserver and fail with the same messages.
struct LabelSelectorParser {
    enum Token: Equatable {
        case error, endOfString, closedPar, comma, doesNotExist, doubleEquals, equals
        case greaterThan, identifier, `in`, lessThan, notEquals, notIn, openPar
    }

    enum Context { case keyAndOperator, values }

    private var items: [(token: Token, literal: String)] = []
    private var position = 0

    init(_ text: String) {
        items = Self.scan(Array(text.utf8))
    }

    // MARK: Lexer

    private static func token(for literal: [UInt8]) -> Token? {
        switch String(decoding: literal, as: UTF8.self) {
        case ")": return .closedPar
        case ",": return .comma
        case "!": return .doesNotExist
        case "==": return .doubleEquals
        case "=": return .equals
        case ">": return .greaterThan
        case "in": return .in
        case "<": return .lessThan
        case "!=": return .notEquals
        case "notin": return .notIn
        case "(": return .openPar
        default: return nil
        }
    }

    private static func isWhitespace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A }

    private static func isSpecial(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "="), UInt8(ascii: "!"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ","),
            UInt8(ascii: ">"), UInt8(ascii: "<"):
            return true
        default: return false
        }
    }

    /// Go's lexer reads a NUL byte as the end of input; so does this one.
    private static func scan(_ s: [UInt8]) -> [(Token, String)] {
        var out: [(Token, String)] = []
        var pos = 0
        func peek() -> UInt8 { pos < s.count ? s[pos] : 0 }
        while true {
            while pos < s.count, isWhitespace(s[pos]) { pos += 1 }
            let ch = peek()
            if ch == 0 {
                out.append((.endOfString, ""))
                return out
            }
            if isSpecial(ch) {
                // Longest run of special characters that still forms a token.
                var buffer: [UInt8] = []
                var last: (Token, String)?
                while pos < s.count, s[pos] != 0, isSpecial(s[pos]) {
                    buffer.append(s[pos])
                    if let t = token(for: buffer) {
                        last = (t, String(decoding: buffer, as: UTF8.self))
                        pos += 1
                    } else if last != nil {
                        break
                    } else {
                        pos += 1
                    }
                }
                out.append(last ?? (.error, "error expected: keyword found '\(String(decoding: buffer, as: UTF8.self))'"))
            } else {
                let start = pos
                while pos < s.count, s[pos] != 0, !isSpecial(s[pos]), !isWhitespace(s[pos]) { pos += 1 }
                let literal = Array(s[start..<pos])
                let text = String(decoding: literal, as: UTF8.self)
                out.append((token(for: literal) ?? .identifier, text))
            }
        }
    }

    // MARK: Parser

    /// In a values context `in` and `notin` are plain identifiers (`x in (in)`).
    private func lookahead(_ context: Context) -> (Token, String) {
        // Never read past the end-of-string token (the scanner always appends one).
        let item = items[min(position, items.count - 1)]
        if context == .values, item.token == .in || item.token == .notIn { return (.identifier, item.literal) }
        return (item.token, item.literal)
    }

    private mutating func consume(_ context: Context) -> (Token, String) {
        let item = lookahead(context)
        position += 1
        return item
    }

    private static func fail(_ message: String) -> LabelSelectorError { LabelSelectorError(message: message) }

    mutating func parse() throws(LabelSelectorError) -> [LabelSelector.Requirement] {
        var requirements: [LabelSelector.Requirement] = []
        while true {
            let (tok, lit) = lookahead(.values)
            switch tok {
            case .identifier, .doesNotExist:
                do throws(LabelSelectorError) { requirements.append(try parseRequirement()) } catch {
                    throw Self.fail("unable to parse requirement: \(error.message)")
                }
                let (t, l) = consume(.values)
                switch t {
                case .endOfString:
                    return requirements
                case .comma:
                    let (t2, l2) = lookahead(.values)
                    if t2 != .identifier && t2 != .doesNotExist {
                        throw Self.fail("found '\(l2)', expected: identifier after ','")
                    }
                default:
                    throw Self.fail("found '\(l)', expected: ',' or 'end of string'")
                }
            case .endOfString:
                return requirements
            default:
                throw Self.fail("found '\(lit)', expected: !, identifier, or 'end of string'")
            }
        }
    }

    private mutating func parseRequirement() throws(LabelSelectorError) -> LabelSelector.Requirement {
        let (key, inferred) = try parseKeyAndInferOperator()
        if let inferred {
            return try LabelSelector.Requirement(key: key, operator: inferred, values: [])
        }
        let op = try parseOperator()
        let values: Set<String>
        switch op {
        case .in, .notIn: values = try parseValues()
        default: values = try parseExactValue()
        }
        return try LabelSelector.Requirement(key: key, operator: op, values: values.sorted())
    }

    /// A key, optionally after `!`; a key followed by `,` or the end means "exists".
    private mutating func parseKeyAndInferOperator() throws(LabelSelectorError) -> (String, LabelSelector.Operator?) {
        var op: LabelSelector.Operator?
        var (tok, literal) = consume(.values)
        if tok == .doesNotExist {
            op = .doesNotExist
            (tok, literal) = consume(.values)
        }
        guard tok == .identifier else { throw Self.fail("found '\(literal)', expected: identifier") }
        let errs = LabelValidation.qualifiedNameErrors(literal)
        if !errs.isEmpty {
            // Go validates here with a nil field path, which prints as `<nil>`.
            throw Self.fail(LabelValidation.invalid("<nil>", literal, errs.joined(separator: "; ")))
        }
        let (next, _) = lookahead(.values)
        if next == .endOfString || next == .comma, op == nil { op = .exists }
        return (literal, op)
    }

    private mutating func parseOperator() throws(LabelSelectorError) -> LabelSelector.Operator {
        let (tok, lit) = consume(.keyAndOperator)
        switch tok {
        case .in: return .in
        case .equals: return .equals
        case .doubleEquals: return .doubleEquals
        case .greaterThan: return .greaterThan
        case .lessThan: return .lessThan
        case .notIn: return .notIn
        case .notEquals: return .notEquals
        default: throw Self.fail("found '\(lit)', expected: in, notin, =, ==, !=, gt, lt")
        }
    }

    private mutating func parseValues() throws(LabelSelectorError) -> Set<String> {
        let (tok, lit) = consume(.values)
        guard tok == .openPar else { throw Self.fail("found '\(lit)' expected: '('") }
        let (next, nextLit) = lookahead(.values)
        switch next {
        case .identifier, .comma:
            let s = try parseIdentifiersList()
            let (closing, _) = consume(.values)
            // Go reports the literal it looked at before the list, not the offending one.
            guard closing == .closedPar else { throw Self.fail("found '\(nextLit)', expected: ')'") }
            return s
        case .closedPar:
            _ = consume(.values)
            return [""]
        default:
            throw Self.fail("found '\(nextLit)', expected: ',', ')' or identifier")
        }
    }

    /// A comma-separated list whose entries may be empty (`(a,,b)`, `(,a)`, `(a,)`).
    private mutating func parseIdentifiersList() throws(LabelSelectorError) -> Set<String> {
        var s: Set<String> = []
        while true {
            let (tok, lit) = consume(.values)
            switch tok {
            case .identifier:
                s.insert(lit)
                let (t2, l2) = lookahead(.values)
                switch t2 {
                case .comma: continue
                case .closedPar: return s
                default: throw Self.fail("found '\(l2)', expected: ',' or ')'")
                }
            case .comma:
                if s.isEmpty { s.insert("") }
                let (t2, _) = lookahead(.values)
                if t2 == .closedPar {
                    s.insert("")
                    return s
                }
                if t2 == .comma {
                    _ = consume(.values)
                    s.insert("")
                }
            default:
                throw Self.fail("found '\(lit)', expected: ',', or identifier")
            }
        }
    }

    private mutating func parseExactValue() throws(LabelSelectorError) -> Set<String> {
        let (next, _) = lookahead(.values)
        if next == .endOfString || next == .comma { return [""] }
        let (tok, lit) = consume(.values)
        guard tok == .identifier else { throw Self.fail("found '\(lit)', expected: identifier") }
        return [lit]
    }
}
