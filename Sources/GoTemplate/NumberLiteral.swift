/// Number literals as Go's `parse.Tree.newNumber` reads them: a literal keeps every
/// interpretation that fits (`1` is int, uint and float; `1e3` float, int and uint;
/// `9223372036854775808` uint and float), because the executor picks the one the
/// context needs and reports `overflows int` and the like from the flags.
enum NumberLiteral {
    /// A failed literal: the message Go's `newNumber` would return.
    struct Failure: Error {
        let message: String
    }

    /// Builds a number node from a lexed number, complex or character constant.
    static func make(pos: Int, text: String, bytes: ArraySlice<UInt8>, type: ItemType) throws(Failure) -> NumberNode {
        var n = NumberNode(pos: pos, text: text)
        switch type {
        case .charConstant:
            guard let c = GoStrconv.unquoteChar(bytes, from: bytes.startIndex + 1, quote: 0x27) else {
                throw Failure(message: GoStrconv.syntaxError)
            }
            guard c.rest == bytes.endIndex - 1, bytes.last == 0x27 else {
                throw Failure(message: "malformed character constant: \(text)")
            }
            n.isInt = true
            n.int64 = Int64(c.value)
            n.isUint = true
            n.uint64 = UInt64(c.value)
            n.isFloat = true  // odd, but those are Go's rules
            n.float64 = Double(c.value)
            return n
        case .complex:
            n.complex = try parseComplex(bytes)
            n.isComplex = true
            simplifyComplex(&n)
            return n
        default:
            break
        }
        // Imaginary constants can only be complex unless they are zero.
        if bytes.last == UInt8(ascii: "i"), let f = parseFloat(bytes.dropLast()) {
            n.isComplex = true
            n.complex = (0, f)
            simplifyComplex(&n)
            return n
        }
        // Integers first, so that 0x123 and friends work.
        let u = parseUint(bytes)
        if let u {
            n.isUint = true
            n.uint64 = u
        }
        if let i = parseInt(bytes) {
            n.isInt = true
            n.int64 = i
            if i == 0 {
                n.isUint = true  // -0
                n.uint64 = u ?? 0
            }
        }
        if n.isInt {
            n.isFloat = true
            n.float64 = Double(n.int64)
        } else if n.isUint {
            n.isFloat = true
            n.float64 = Double(n.uint64)
        } else if let f = parseFloat(bytes) {
            // A float that looks like an integer is an integer too large for int64.
            if !bytes.contains(where: { $0 == 0x2E || $0 == 0x65 || $0 == 0x45 || $0 == 0x70 || $0 == 0x50 }) {
                throw Failure(message: "integer overflow: \(GoStrconv.quote(text))")
            }
            n.isFloat = true
            n.float64 = f
            if let i = exactInt64(f) {
                n.isInt = true
                n.int64 = i
            }
            if let u = exactUint64(f) {
                n.isUint = true
                n.uint64 = u
            }
        }
        if !n.isInt && !n.isUint && !n.isFloat {
            throw Failure(message: "illegal number syntax: \(GoStrconv.quote(text))")
        }
        return n
    }

    /// Go's `simplifyComplex`: a complex with no imaginary part is also a float, and an
    /// int or uint when integral.
    private static func simplifyComplex(_ n: inout NumberNode) {
        n.isFloat = n.complex.1 == 0
        guard n.isFloat else { return }
        n.float64 = n.complex.0
        if let i = exactInt64(n.float64) {
            n.isInt = true
            n.int64 = i
        }
        if let u = exactUint64(n.float64) {
            n.isUint = true
            n.uint64 = u
        }
    }

    /// `float64(int64(f)) == f`, without Swift's trap for values out of range.
    static func exactInt64(_ f: Double) -> Int64? {
        guard f >= -9223372036854775808.0, f < 9223372036854775808.0, f.rounded(.towardZero) == f else { return nil }
        return Int64(f)
    }

    static func exactUint64(_ f: Double) -> UInt64? {
        guard f >= 0, f < 18446744073709551616.0, f.rounded(.towardZero) == f else { return nil }
        return UInt64(f)
    }

    /// `fmt.Sscan` into a complex128 for a lexed `real±imagi` literal. The real part
    /// ends where the lexer's first `scanNumber` stopped.
    private static func parseComplex(_ bytes: ArraySlice<UInt8>) throws(Failure) -> (Double, Double) {
        let split = scanNumberEnd(bytes)
        let realPart = bytes[bytes.startIndex..<split]
        let imagPart = bytes[split..<(bytes.endIndex - 1)]
        for part in [realPart, imagPart] where parseFloat(part) == nil {
            let quoted = GoStrconv.quote(String(decoding: part, as: UTF8.self))
            throw Failure(message: "strconv.ParseFloat: parsing \(quoted): invalid syntax")
        }
        return (parseFloat(realPart) ?? 0, parseFloat(imagPart) ?? 0)
    }

    /// Where the lexer's `scanNumber` stops, on bytes.
    private static func scanNumberEnd(_ s: ArraySlice<UInt8>) -> Int {
        var i = s.startIndex
        let end = s.endIndex
        func accept(_ ok: (UInt8) -> Bool) -> Bool {
            if i < end, ok(s[i]) {
                i += 1
                return true
            }
            return false
        }
        _ = accept { $0 == 0x2B || $0 == 0x2D }
        var base = 10
        if accept({ $0 == 0x30 }) {
            if accept({ $0 | 0x20 == 0x78 }) { base = 16 } else if accept({ $0 | 0x20 == 0x6F }) { base = 8 } else if accept({ $0 | 0x20 == 0x62 }) { base = 2 }
        }
        let digit: (UInt8) -> Bool = { c in
            if c == 0x5F { return true }
            switch base {
            case 16: return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66)
            case 8: return c >= 0x30 && c <= 0x37
            case 2: return c == 0x30 || c == 0x31
            default: return c >= 0x30 && c <= 0x39
            }
        }
        while accept(digit) {}
        if accept({ $0 == 0x2E }) { while accept(digit) {} }
        if (base == 10 && accept({ $0 | 0x20 == 0x65 })) || (base == 16 && accept({ $0 | 0x20 == 0x70 })) {
            _ = accept { $0 == 0x2B || $0 == 0x2D }
            while accept({ $0 == 0x5F || ($0 >= 0x30 && $0 <= 0x39) }) {}
        }
        _ = accept { $0 == 0x69 }
        return i
    }

    // MARK: - strconv

    private static func digitValue(_ b: UInt8) -> UInt64? {
        switch b {
        case 0x30...0x39: return UInt64(b - 0x30)
        case 0x61...0x7A: return UInt64(b - 0x61 + 10)
        case 0x41...0x5A: return UInt64(b - 0x41 + 10)
        default: return nil
        }
    }

    /// Go's `strconv.ParseUint(s, 0, 64)`: base prefixes, a leading 0 meaning octal,
    /// underscores only where Go's literal syntax allows them.
    static func parseUint(_ s0: ArraySlice<UInt8>) -> UInt64? {
        guard !s0.isEmpty else { return nil }
        var s = s0
        var base: UInt64 = 10
        if s.first == 0x30 {
            if s.count >= 3, let k = Optional(s[s.startIndex + 1] | 0x20), k == 0x62 || k == 0x6F || k == 0x78 {
                base = k == 0x62 ? 2 : k == 0x6F ? 8 : 16
                s = s.dropFirst(2)
            } else {
                base = 8
                s = s.dropFirst(1)
            }
        }
        var n: UInt64 = 0
        var underscores = false
        for c in s {
            if c == 0x5F {
                underscores = true
                continue
            }
            guard let d = digitValue(c), d < base else { return nil }
            let (m, o1) = n.multipliedReportingOverflow(by: base)
            let (a, o2) = m.addingReportingOverflow(d)
            if o1 || o2 { return nil }
            n = a
        }
        if underscores && !underscoreOK(s0) { return nil }
        return n
    }

    /// Go's `strconv.ParseInt(s, 0, 64)`.
    static func parseInt(_ s: ArraySlice<UInt8>) -> Int64? {
        guard let first = s.first else { return nil }
        var body = s
        var negative = false
        if first == 0x2B || first == 0x2D {
            negative = first == 0x2D
            body = s.dropFirst()
        }
        guard let u = parseUint(body) else { return nil }
        if negative {
            if u > 1 << 63 { return nil }
            return u == 1 << 63 ? Int64.min : -Int64(u)
        }
        if u >= 1 << 63 { return nil }
        return Int64(u)
    }

    /// Go's `underscoreOK`: underscores only between digits (or after a base prefix).
    static func underscoreOK(_ s0: ArraySlice<UInt8>) -> Bool {
        var s = s0
        if let f = s.first, f == 0x2B || f == 0x2D { s = s.dropFirst() }
        var saw: UInt8 = 0x5E  // '^'
        var i = s.startIndex
        var hex = false
        if s.count >= 2, s.first == 0x30 {
            let k = s[s.startIndex + 1] | 0x20
            if k == 0x62 || k == 0x6F || k == 0x78 {
                i += 2
                saw = 0x30
                hex = k == 0x78
            }
        }
        while i < s.endIndex {
            let c = s[i]
            i += 1
            if (c >= 0x30 && c <= 0x39) || (hex && (c | 0x20) >= 0x61 && (c | 0x20) <= 0x66) {
                saw = 0x30
                continue
            }
            if c == 0x5F {
                if saw != 0x30 { return false }
                saw = 0x5F
                continue
            }
            if saw == 0x5F { return false }
            saw = 0x21
        }
        return saw != 0x5F
    }

    /// Go's `strconv.ParseFloat(s, 64)` for the syntax a template number can have:
    /// decimal or hex (`0x1p4`, exponent required) mantissas, underscores per Go's
    /// rules. Out-of-range values fail (Go returns ±Inf with ErrRange).
    static func parseFloat(_ s: ArraySlice<UInt8>) -> Double? {
        var i = s.startIndex
        let end = s.endIndex
        var clean: [UInt8] = []
        clean.reserveCapacity(s.count)
        if i < end, s[i] == 0x2B || s[i] == 0x2D {
            clean.append(s[i])
            i += 1
        }
        var hex = false
        if i + 2 < end, s[i] == 0x30, s[i + 1] | 0x20 == 0x78 {
            hex = true
            clean.append(contentsOf: [0x30, 0x78])
            i += 2
        }
        var underscores = false
        var sawDot = false
        var sawDigits = false
        while i < end {
            let c = s[i]
            if c == 0x5F {
                underscores = true
            } else if c == 0x2E {
                if sawDot { break }
                sawDot = true
                clean.append(c)
            } else if (c >= 0x30 && c <= 0x39) || (hex && (c | 0x20) >= 0x61 && (c | 0x20) <= 0x66) {
                sawDigits = true
                clean.append(c)
            } else {
                break
            }
            i += 1
        }
        guard sawDigits else { return nil }
        let expChar: UInt8 = hex ? 0x70 : 0x65
        if i < end, s[i] | 0x20 == expChar {
            clean.append(expChar)
            i += 1
            guard i < end else { return nil }
            if s[i] == 0x2B || s[i] == 0x2D {
                clean.append(s[i])
                i += 1
            }
            guard i < end, s[i] >= 0x30 && s[i] <= 0x39 else { return nil }
            while i < end, (s[i] >= 0x30 && s[i] <= 0x39) || s[i] == 0x5F {
                if s[i] == 0x5F { underscores = true } else { clean.append(s[i]) }
                i += 1
            }
        } else if hex {
            return nil  // a hex mantissa requires a 'p' exponent
        }
        guard i == end else { return nil }
        if underscores && !underscoreOK(s) { return nil }
        guard let f = Double(String(decoding: clean, as: UTF8.self)), f.isFinite else { return nil }
        return f
    }
}
