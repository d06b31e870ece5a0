import GoTemplate
import Values

/// Sprig's string functions (`strings.go`, plus the Go `strings` and Masterminds/goutils
/// functions Sprig registers directly). Several goutils helpers — `nospace`, `initials`,
/// `abbrev`, `wrap` — and Sprig's own `trunc` and `substr` index bytes, not runes, so on
/// non-ASCII text they cut or re-encode bytes exactly as Helm does.
enum StringFunctions {
    static let all: [GoFunction] = [
        .string("hello", []) { _ in "Hello!" },
        .string("trim", [.string]) { GoStrings.trimSpace($0.string(0)) },
        .string("trimAll", [.string, .string]) { GoStrings.trim($0.string(1), cutset: $0.string(0)) },
        .string("trimall", [.string, .string]) { GoStrings.trim($0.string(1), cutset: $0.string(0)) },
        .string("trimPrefix", [.string, .string]) { GoStrings.trimPrefix($0.string(1), $0.string(0)) },
        .string("trimSuffix", [.string, .string]) { GoStrings.trimSuffix($0.string(1), $0.string(0)) },
        .string("repeat", [.int, .string]) { try GoStrings.repeated($0.string(1), $0.int(0)) },
        .string("substr", [.int, .int, .string]) { try substring($0.int(0), $0.int(1), $0.string(2)) },
        .string("trunc", [.int, .string]) { trunc($0.int(0), $0.string(1)) },
        .string("nospace", [.string]) { ByteStrings.deleteWhiteSpace($0.string(0)) },
        .string("initials", [.string]) { ByteStrings.initials($0.string(0)) },
        .string("abbrev", [.int, .string]) { args in
            let width = args.int(0), s = args.string(1)
            return width < 4 ? s : ByteStrings.abbreviate(s, offset: 0, maxWidth: width)
        },
        .string("abbrevboth", [.int, .int, .string]) { args in
            let left = args.int(0), right = args.int(1), s = args.string(2)
            if right < 4 || (left > 0 && right < 7) { return s }
            return ByteStrings.abbreviate(s, offset: left, maxWidth: right)
        },
        .string("wrap", [.int, .string]) { ByteStrings.wrap($0.string(1), width: $0.int(0), newline: "", wrapLongWords: false) },
        .string("wrapWith", [.int, .string, .string]) {
            ByteStrings.wrap($0.string(2), width: $0.int(0), newline: $0.string(1), wrapLongWords: true)
        },
        .bool("contains", [.string, .string]) { GoStrings.contains($0.string(1), $0.string(0)) },
        .bool("hasPrefix", [.string, .string]) { GoStrings.hasPrefix($0.string(1), $0.string(0)) },
        .bool("hasSuffix", [.string, .string]) { GoStrings.hasSuffix($0.string(1), $0.string(0)) },
        // quote(str ...interface{}): nils are dropped, the rest `%q` of their strval.
        .string("quote", [], variadic: .interface) { args in
            args.filter { !$0.isNull }.map { GoFmt.sprintf("%q", [.string(GoValue.strval($0))]) }
                .joined(separator: " ")
        },
        .string("squote", [], variadic: .interface) { args in
            args.filter { !$0.isNull }.map { "'" + GoFmt.formatValue($0) + "'" }.joined(separator: " ")
        },
        // cat: nils dropped, the rest `%v` joined by spaces.
        .string("cat", [], variadic: .interface) { args in
            args.filter { !$0.isNull }.map { GoFmt.formatValue($0) }.joined(separator: " ")
        },
        .string("indent", [.int, .string]) { try indent($0.int(0), $0.string(1)) },
        .string("nindent", [.int, .string]) { "\n" + (try indent($0.int(0), $0.string(1))) },
        .string("replace", [.string, .string, .string]) { GoStrings.replaceAll($0.string(2), $0.string(0), $0.string(1)) },
        .string("plural", [.string, .string, .int]) { $0.int(2) == 1 ? $0.string(0) : $0.string(1) },
        .string("shuffle", [.string]) { String(String.UnicodeScalarView($0.string(0).unicodeScalars.shuffled())) },
    ]

    /// `pad + strings.Replace(s, "\n", "\n"+pad, -1)`, built in one pass over the
    /// bytes: `indent`/`nindent` run on nearly every block a chart renders.
    static func indent(_ spaces: Int, _ s: String) throws -> String {
        let pad = try GoStrings.repeated(" ", spaces)
        var s = s
        return s.withUTF8 { bytes in
            var lines = 1
            for b in bytes where b == UInt8(ascii: "\n") { lines += 1 }
            let padBytes = Array(pad.utf8)
            var out: [UInt8] = []
            let (extra, overflow) = lines.multipliedReportingOverflow(by: padBytes.count)
            out.reserveCapacity(overflow ? bytes.count : bytes.count &+ extra)
            out.append(contentsOf: padBytes)
            var start = 0
            for i in bytes.indices where bytes[i] == UInt8(ascii: "\n") {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...i]))
                out.append(contentsOf: padBytes)
                start = i + 1
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Sprig's `trunc`: the first `c` bytes, or for negative `c` the last `-c` bytes.
    static func trunc(_ c: Int, _ s: String) -> String {
        let n = s.utf8.count
        if c < 0 && n + c > 0 { return GoValue.string(s.utf8.dropFirst(n + c)) }
        if c >= 0 && n > c { return GoValue.string(s.utf8.prefix(c)) }
        return s
    }

    /// Sprig's `substring`, byte-indexed, with Go's slice panics for bad bounds.
    static func substring(_ start: Int, _ end: Int, _ s: String) throws -> String {
        let b = s.utf8
        let n = b.count
        if start < 0 {
            if end < 0 { throw GoFunctionError("runtime error: slice bounds out of range [:\(end)]") }
            if end > n { throw GoFunctionError("runtime error: slice bounds out of range [:\(end)] with length \(n)") }
            return GoValue.string(b.prefix(end))
        }
        if end < 0 || end > n {
            if start > n { throw GoFunctionError("runtime error: slice bounds out of range [\(start):\(n)]") }
            return GoValue.string(b.dropFirst(start))
        }
        if start > end { throw GoFunctionError("runtime error: slice bounds out of range [\(start):\(end)]") }
        return GoValue.string(b.dropFirst(start).prefix(end - start))
    }
}
