/// A compiled RE2 pattern with the methods of Go's `*regexp.Regexp` that Sprig calls.
/// Positions are byte offsets into the UTF-8 text, as in Go.
public struct Regexp: Sendable {
    public let pattern: String
    /// Group names by index; "" for unnamed groups and for index 0 (Go's `SubexpNames`).
    public let subexpNames: [String]
    let program: RegexProgram

    /// Go's `regexp.Compile`.
    public init(_ pattern: String) throws(RegexSyntaxError) {
        var parser = RegexParser(pattern)
        let root = try parser.parse()
        self.pattern = pattern
        self.subexpNames = parser.names
        self.program = RegexProgram(root, captureCount: parser.captureCount)
    }

    /// The number of parenthesized groups (Go's `NumSubexp`).
    public var numSubexp: Int { subexpNames.count - 1 }

    /// Go's `MatchString`.
    public func matches(_ s: String) -> Bool {
        var text = s
        return text.withUTF8 { bytes in
            var vm = PikeVM(program, slotCount: 0)
            return vm.search(bytes, from: 0) != nil
        }
    }

    /// Go's `FindString`: the leftmost match, or "" when there is none.
    public func findString(_ s: String) -> String {
        var text = s
        return text.withUTF8 { bytes in
            var vm = PikeVM(program, slotCount: 2)
            guard let m = vm.search(bytes, from: 0) else { return "" }
            return Regexp.slice(bytes, m[0], m[1])
        }
    }

    /// Go's `FindStringSubmatchIndex`: slots of the leftmost match, or nil.
    public func findSubmatchIndex(_ s: String) -> [Int]? {
        var text = s
        return text.withUTF8 { bytes in
            var vm = PikeVM(program, slotCount: program.slotCount)
            return vm.search(bytes, from: 0)
        }
    }

    /// Go's `FindAllStringIndex`: up to `n` (all if negative) successive matches as
    /// `[start, end]`, with Go's rule that an empty match right after a previous match is
    /// skipped, and the search then advances one rune.
    public func findAllIndex(_ s: String, _ n: Int) -> [[Int]] {
        var text = s
        return text.withUTF8 { bytes in allMatches(bytes, n, slots: 2) }
    }

    private func allMatches(_ bytes: UnsafeBufferPointer<UInt8>, _ n: Int, slots: Int) -> [[Int]] {
        let limit = n < 0 ? bytes.count + 1 : n
        var out: [[Int]] = []
        var vm = PikeVM(program, slotCount: slots)
        var pos = 0
        var prevMatchEnd = -1
        while out.count < limit && pos <= bytes.count {
            guard let m = vm.search(bytes, from: pos) else { break }
            var accept = true
            if m[1] == pos {
                // An empty match: not right after a previous match; step over one rune.
                if m[0] == prevMatchEnd { accept = false }
                pos += pos < bytes.count ? UTF8Decoding.decode(bytes, at: pos).width : 1
            } else {
                pos = m[1]
            }
            prevMatchEnd = m[1]
            if accept { out.append(m) }
        }
        return out
    }

    /// Go's `FindAllString`; nil (Go's nil slice) when nothing matches.
    public func findAllString(_ s: String, _ n: Int) -> [String]? {
        var text = s
        return text.withUTF8 { bytes -> [String]? in
            let matches = allMatches(bytes, n, slots: 2)
            return matches.isEmpty ? nil : matches.map { Regexp.slice(bytes, $0[0], $0[1]) }
        }
    }

    /// Go's `ReplaceAllString`: `$1`, `${1}`, `$name`, `${name}` and `$$` in `replacement`
    /// expand as `Regexp.Expand` does.
    public func replaceAllString(_ s: String, _ replacement: String) -> String {
        let template = Array(replacement.utf8)
        let slots = template.contains(UInt8(ascii: "$")) ? program.slotCount : 2
        return replaceAll(s, slots: slots) { out, bytes, m in
            expand(&out, template, bytes, m)
        }
    }

    /// Go's `ReplaceAllLiteralString`: the replacement is inserted as is.
    public func replaceAllLiteralString(_ s: String, _ replacement: String) -> String {
        let literal = Array(replacement.utf8)
        return replaceAll(s, slots: 2) { out, _, _ in out.append(contentsOf: literal) }
    }

    private func replaceAll(
        _ s: String, slots: Int,
        _ replace: (inout [UInt8], UnsafeBufferPointer<UInt8>, [Int]) -> Void
    ) -> String {
        var text = s
        return text.withUTF8 { bytes in
            var out: [UInt8] = []
            var vm = PikeVM(program, slotCount: slots)
            var lastMatchEnd = 0
            var searchPos = 0
            while searchPos <= bytes.count {
                guard let m = vm.search(bytes, from: searchPos) else { break }
                out.append(contentsOf: bytes[lastMatchEnd..<m[0]])
                // No replacement for an empty match right after the previous match.
                if m[1] > lastMatchEnd || m[0] == 0 {
                    replace(&out, bytes, m)
                }
                lastMatchEnd = m[1]
                let width = searchPos < bytes.count ? UTF8Decoding.decode(bytes, at: searchPos).width : 0
                if searchPos + width > m[1] {
                    searchPos += width
                } else if searchPos + 1 > m[1] {
                    searchPos += 1
                } else {
                    searchPos = m[1]
                }
            }
            out.append(contentsOf: bytes[lastMatchEnd..<bytes.count])
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Go's `Regexp.expand` for a string template.
    private func expand(_ out: inout [UInt8], _ template: [UInt8], _ src: UnsafeBufferPointer<UInt8>, _ m: [Int]) {
        var i = 0
        let n = template.count
        while i < n {
            guard let dollar = template[i...].firstIndex(of: UInt8(ascii: "$")) else { break }
            out.append(contentsOf: template[i..<dollar])
            i = dollar + 1
            if i < n && template[i] == UInt8(ascii: "$") {
                out.append(UInt8(ascii: "$"))
                i += 1
                continue
            }
            guard let (name, number, rest) = Regexp.extractReference(template, at: i) else {
                // Malformed: the `$` is literal text.
                out.append(UInt8(ascii: "$"))
                continue
            }
            i = rest
            if let k = number {
                if 2 * k + 1 < m.count && m[2 * k] >= 0 {
                    out.append(contentsOf: src[m[2 * k]..<m[2 * k + 1]])
                }
            } else {
                for (k, groupName) in subexpNames.enumerated()
                where groupName == name && 2 * k + 1 < m.count && m[2 * k] >= 0 {
                    out.append(contentsOf: src[m[2 * k]..<m[2 * k + 1]])
                    break
                }
            }
        }
        if i < n { out.append(contentsOf: template[i...]) }
    }

    /// Go's `extract`: the name after `$` (letters, digits, `_`, as long as possible, so
    /// `$1x` names group "1x"), braced or not; a number if all digits without a leading 0.
    private static func extractReference(_ t: [UInt8], at start: Int) -> (String, Int?, Int)? {
        var i = start
        guard i < t.count else { return nil }
        let brace = t[i] == UInt8(ascii: "{")
        if brace { i += 1 }
        let nameStart = i
        t.withUnsafeBufferPointer { buf in
            while i < buf.count {
                let (r, w) = UTF8Decoding.decode(buf, at: i)
                guard r == 0x5F || UnicodeClasses.isLetter(r) || UnicodeClasses.isDigit(r) else { break }
                i += w
            }
        }
        if i == nameStart { return nil }
        let nameBytes = t[nameStart..<i]
        if brace {
            guard i < t.count, t[i] == UInt8(ascii: "}") else { return nil }
            i += 1
        }
        var number: Int? = 0
        for b in nameBytes {
            guard b >= 0x30 && b <= 0x39, let n = number, n < 100_000_000 else {
                number = nil
                break
            }
            number = n * 10 + Int(b - 0x30)
        }
        if nameBytes.first == 0x30 && nameBytes.count > 1 { number = nil }
        return (String(decoding: nameBytes, as: UTF8.self), number, i)
    }

    /// Go's `Split`: the text between up to `n` matches (all if negative); nil when n == 0.
    public func split(_ s: String, _ n: Int) -> [String]? {
        if n == 0 { return nil }
        if !pattern.isEmpty && s.isEmpty { return [""] }
        var text = s
        return text.withUTF8 { bytes in
            let matches = allMatches(bytes, n, slots: 2)
            var out: [String] = []
            var begin = 0
            var end = 0
            for m in matches {
                if n > 0 && out.count == n - 1 { break }
                end = m[0]
                if m[1] != 0 { out.append(Regexp.slice(bytes, begin, end)) }
                begin = m[1]
            }
            if end != bytes.count { out.append(Regexp.slice(bytes, begin, bytes.count)) }
            return out
        }
    }

    /// Go's `QuoteMeta`: a backslash before each of `\.+*?()|[]{}^$`.
    public static func quoteMeta(_ s: String) -> String {
        let special = Set("\\.+*?()|[]{}^$".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        for b in s.utf8 {
            if special.contains(b) { out.append(UInt8(ascii: "\\")) }
            out.append(b)
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func slice(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self)
    }
}
