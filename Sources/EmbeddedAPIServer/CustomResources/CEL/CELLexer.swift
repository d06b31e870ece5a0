/// Splits a CEL expression into tokens: numbers (decimal and hex ints, `u` unsigned,
/// doubles with fraction or exponent), quoted strings and bytes (single, double and
/// triple quotes, `r` raw and `b` bytes prefixes, every CEL escape), identifiers and the
/// operators. Comments (`// …`) and whitespace are skipped.
struct CELLexer {
    private let text: [Unicode.Scalar]
    private let source: String
    private var i = 0

    init(_ source: String) {
        self.source = source
        text = Array(source.unicodeScalars)
    }

    static func tokens(_ source: String) throws(CELIssue) -> [CELToken] {
        var lexer = CELLexer(source)
        var out: [CELToken] = []
        while true {
            let t = try lexer.next()
            out.append(t)
            if t.kind == .end { return out }
        }
    }

    private func peek(_ k: Int = 0) -> Unicode.Scalar? { i + k < text.count ? text[i + k] : nil }

    private func issue(_ message: String, at offset: Int) -> CELIssue {
        CELIssue("Syntax error: " + message, at: offset, in: source)
    }

    private static func isDigit(_ c: Unicode.Scalar?) -> Bool { c.map { ("0"..."9").contains($0) } ?? false }
    private static func isHex(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return false }
        return ("0"..."9").contains(c) || ("a"..."f").contains(c) || ("A"..."F").contains(c)
    }
    private static func isIdentStart(_ c: Unicode.Scalar?) -> Bool {
        guard let c else { return false }
        return ("a"..."z").contains(c) || ("A"..."Z").contains(c) || c == "_"
    }

    private mutating func skipSpaceAndComments() {
        while let c = peek() {
            if c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" {
                i += 1
            } else if c == "/", peek(1) == "/" {
                while let d = peek(), d != "\n" { _ = d; i += 1 }
            } else {
                return
            }
        }
    }

    mutating func next() throws(CELIssue) -> CELToken {
        skipSpaceAndComments()
        let start = i
        guard let c = peek() else { return CELToken(kind: .end, offset: i) }

        if Self.isDigit(c) || (c == "." && Self.isDigit(peek(1))) { return try number(start) }
        if c == "\"" || c == "'" { return try quoted(start, raw: false, bytes: false) }
        if Self.isIdentStart(c) {
            // String prefixes: r/R raw, b/B bytes, in either order.
            var raw = false, bytes = false, k = 0
            while let p = peek(k), k < 2 {
                if (p == "r" || p == "R"), !raw { raw = true } else if (p == "b" || p == "B"), !bytes { bytes = true } else { break }
                k += 1
            }
            if k > 0, let q = peek(k), q == "\"" || q == "'" {
                i += k
                return try quoted(start, raw: raw, bytes: bytes)
            }
            var name = ""
            while let d = peek(), Self.isIdentStart(d) || Self.isDigit(d) {
                name.unicodeScalars.append(d)
                i += 1
            }
            return CELToken(kind: .identifier(name), offset: start)
        }
        for op in ["==", "!=", "<=", ">=", "&&", "||"] where matches(op) {
            i += 2
            return CELToken(kind: .symbol(op), offset: start)
        }
        if "()[]{}.,:?!-+*/%<>".unicodeScalars.contains(c) {
            i += 1
            return CELToken(kind: .symbol(String(c)), offset: start)
        }
        throw issue("token recognition error at: '\(c)'", at: start)
    }

    private func matches(_ s: String) -> Bool {
        for (k, u) in s.unicodeScalars.enumerated() where peek(k) != u { return false }
        return true
    }

    private mutating func number(_ start: Int) throws(CELIssue) -> CELToken {
        if peek() == "0", peek(1) == "x" || peek(1) == "X" {
            i += 2
            var digits = ""
            while Self.isHex(peek()) { digits.unicodeScalars.append(peek()!); i += 1 }
            if digits.isEmpty { throw issue("invalid hex literal", at: start) }
            if peek() == "u" || peek() == "U" { i += 1; return CELToken(kind: .uint("0x" + digits), offset: start) }
            return CELToken(kind: .int("0x" + digits), offset: start)
        }
        var text = ""
        var isDouble = false
        while Self.isDigit(peek()) { text.unicodeScalars.append(peek()!); i += 1 }
        if peek() == ".", Self.isDigit(peek(1)) {
            isDouble = true
            text += "."
            i += 1
            while Self.isDigit(peek()) { text.unicodeScalars.append(peek()!); i += 1 }
        }
        if peek() == "e" || peek() == "E" {
            var k = 1
            if peek(k) == "+" || peek(k) == "-" { k += 1 }
            if Self.isDigit(peek(k)) {
                isDouble = true
                for _ in 0..<k { text.unicodeScalars.append(peek()!); i += 1 }
                while Self.isDigit(peek()) { text.unicodeScalars.append(peek()!); i += 1 }
            }
        }
        if isDouble {
            guard let d = Double(text.hasPrefix(".") ? "0" + text : text) else { throw issue("invalid double literal", at: start) }
            return CELToken(kind: .double(d), offset: start)
        }
        if peek() == "u" || peek() == "U" { i += 1; return CELToken(kind: .uint(text), offset: start) }
        return CELToken(kind: .int(text), offset: start)
    }

    private mutating func quoted(_ start: Int, raw: Bool, bytes: Bool) throws(CELIssue) -> CELToken {
        let quote = peek()!
        let triple = peek(1) == quote && peek(2) == quote
        i += triple ? 3 : 1
        var out: [UInt8] = []
        while true {
            guard let c = peek() else { throw issue("unterminated string literal", at: start) }
            if c == quote, !triple || (peek(1) == quote && peek(2) == quote) {
                i += triple ? 3 : 1
                break
            }
            if !triple, c == "\n" || c == "\r" { throw issue("unterminated string literal", at: start) }
            if c == "\\", !raw {
                try escape(into: &out, bytes: bytes)
                continue
            }
            out.append(contentsOf: Array(String(c).utf8))
            i += 1
        }
        if bytes { return CELToken(kind: .bytes(out), offset: start) }
        guard let s = String(validating: out, as: UTF8.self) else { throw issue("invalid UTF-8 in string literal", at: start) }
        return CELToken(kind: .string(s), offset: start)
    }

    /// One escape sequence at `i` (the backslash). `\x` and octal escapes are raw bytes
    /// in a bytes literal and code points in a string.
    private mutating func escape(into out: inout [UInt8], bytes: Bool) throws(CELIssue) {
        let at = i
        i += 1
        guard let c = peek() else { throw issue("unterminated string literal", at: at) }
        i += 1
        let simple: [Unicode.Scalar: UInt8] = [
            "\\": 0x5C, "?": 0x3F, "\"": 0x22, "'": 0x27, "`": 0x60, "a": 0x07, "b": 0x08, "f": 0x0C,
            "n": 0x0A, "r": 0x0D, "t": 0x09, "v": 0x0B,
        ]
        if let b = simple[c] { out.append(b); return }
        func hex(_ n: Int) throws(CELIssue) -> UInt32 {
            var v: UInt32 = 0
            for _ in 0..<n {
                guard let h = peek(), Self.isHex(h) else { throw issue("invalid escape sequence", at: at) }
                v = v * 16 + UInt32(String(h), radix: 16)!
                i += 1
            }
            return v
        }
        var code: UInt32
        var isByte = false
        switch c {
        case "x", "X": code = try hex(2); isByte = true
        case "u": code = try hex(4)
        case "U": code = try hex(8)
        case "0"..."3":
            code = c.value - 48
            for _ in 0..<2 {
                guard let d = peek(), ("0"..."7").contains(d) else { throw issue("invalid escape sequence", at: at) }
                code = code * 8 + d.value - 48
                i += 1
            }
            isByte = true
        default:
            throw issue("invalid escape sequence '\\\(c)'", at: at)
        }
        if bytes, isByte { out.append(UInt8(code)); return }
        guard let scalar = Unicode.Scalar(code) else { throw issue("invalid code point in escape sequence", at: at) }
        out.append(contentsOf: Array(String(scalar).utf8))
    }
}
