/// String functions: CEL's standard `contains`, `startsWith`, `endsWith`, `matches`, and
/// the Kubernetes strings library (`charAt`, `indexOf`, `lastIndexOf`, `lowerAscii`,
/// `upperAscii`, `replace`, `split`, `substring`, `trim`). Indices count code points, as
/// cel-go's do.
enum CELStringFunctions {
    static func call(_ name: String, _ s: String, _ args: [CELValue]) throws(CELEvalError) -> CELValue {
        let scalars = Array(s.unicodeScalars)
        switch (name, args.count) {
        case ("contains", 1):
            return .bool(contains(scalars, try string(args[0])))
        case ("startsWith", 1):
            return .bool(scalars.starts(with: Array(try string(args[0]).unicodeScalars)))
        case ("endsWith", 1):
            return .bool(scalars.reversed().starts(with: Array(try string(args[0]).unicodeScalars).reversed()))
        case ("matches", 1):
            let pattern = try string(args[0])
            let regex: Regex<AnyRegexOutput>
            do {
                regex = try Regex(pattern)
            } catch {
                throw CELEvalError("error parsing regexp: \(pattern)")
            }
            return .bool(s.contains(regex))
        case ("charAt", 1):
            let i = try int(args[0])
            guard i >= 0, i <= scalars.count else { throw CELEvalError("index out of range: \(i)") }
            return .string(i == scalars.count ? "" : String(scalars[Int(i)]))
        case ("indexOf", _):
            let sub = Array(try string(args[0]).unicodeScalars)
            let from = args.count > 1 ? try int(args[1]) : 0
            guard from >= 0, from <= scalars.count else { throw CELEvalError("index out of range: \(from)") }
            return .int(Int64(firstIndex(of: sub, in: scalars, from: Int(from)) ?? -1))
        case ("lastIndexOf", _):
            let sub = Array(try string(args[0]).unicodeScalars)
            let from = args.count > 1 ? try int(args[1]) : Int64(scalars.count)
            guard from >= 0, from <= scalars.count else { throw CELEvalError("index out of range: \(from)") }
            var i = min(Int(from), scalars.count - sub.count)
            while i >= 0 {
                if Array(scalars[i..<i + sub.count]) == sub { return .int(Int64(i)) }
                i -= 1
            }
            return .int(-1)
        case ("lowerAscii", 0):
            return .string(String(String.UnicodeScalarView(scalars.map { ("A"..."Z").contains($0) ? Unicode.Scalar($0.value + 32)! : $0 })))
        case ("upperAscii", 0):
            return .string(String(String.UnicodeScalarView(scalars.map { ("a"..."z").contains($0) ? Unicode.Scalar($0.value - 32)! : $0 })))
        case ("trim", 0):
            var view = Substring(s).unicodeScalars
            while let f = view.first, f.properties.isWhitespace { view.removeFirst() }
            while let l = view.last, l.properties.isWhitespace { view.removeLast() }
            return .string(String(view))
        case ("replace", _):
            let old = try string(args[0]), new = try string(args[1])
            let n = args.count > 2 ? try int(args[2]) : -1
            return .string(replace(scalars, Array(old.unicodeScalars), Array(new.unicodeScalars), limit: n))
        case ("split", _):
            let sep = Array(try string(args[0]).unicodeScalars)
            let n = args.count > 1 ? try int(args[1]) : -1
            return .list(split(scalars, sep, limit: n).map { .string($0) })
        case ("substring", _):
            let start = try int(args[0])
            let end = args.count > 1 ? try int(args[1]) : Int64(scalars.count)
            guard start >= 0, start <= scalars.count else { throw CELEvalError("index out of range: \(start)") }
            guard end >= 0, end <= scalars.count else { throw CELEvalError("index out of range: \(end)") }
            guard start <= end else { throw CELEvalError("invalid substring range. start: \(start), end: \(end)") }
            return .string(String(String.UnicodeScalarView(scalars[Int(start)..<Int(end)])))
        default:
            throw .noSuchOverload
        }
    }

    private static func string(_ v: CELValue) throws(CELEvalError) -> String {
        guard case .string(let s) = v else { throw .noSuchOverload }
        return s
    }

    private static func int(_ v: CELValue) throws(CELEvalError) -> Int64 {
        guard case .int(let i) = v else { throw .noSuchOverload }
        return i
    }

    private static func contains(_ s: [Unicode.Scalar], _ sub: String) -> Bool {
        firstIndex(of: Array(sub.unicodeScalars), in: s, from: 0) != nil
    }

    static func firstIndex(of sub: [Unicode.Scalar], in s: [Unicode.Scalar], from: Int) -> Int? {
        guard sub.count <= s.count else { return nil }
        var i = from
        while i + sub.count <= s.count {
            if s[i..<i + sub.count].elementsEqual(sub) { return i }
            i += 1
        }
        return nil
    }

    private static func text(_ s: ArraySlice<Unicode.Scalar>) -> String { String(String.UnicodeScalarView(s)) }

    /// Go's strings.Replace: an empty `old` matches before every code point and at the end.
    private static func replace(_ s: [Unicode.Scalar], _ old: [Unicode.Scalar], _ new: [Unicode.Scalar], limit: Int64) -> String {
        var out: [Unicode.Scalar] = []
        var i = 0
        var done: Int64 = 0
        while i <= s.count {
            if limit >= 0, done >= limit { break }
            if old.isEmpty {
                out += new
                done += 1
                if i < s.count { out.append(s[i]) }
                i += 1
                continue
            }
            guard let j = firstIndex(of: old, in: s, from: i) else { break }
            out += s[i..<j]
            out += new
            i = j + old.count
            done += 1
        }
        if i < s.count { out += s[i...] }
        return text(out[...])
    }

    /// Go's strings.SplitN: n == 0 gives no parts, n < 0 all of them, and an empty
    /// separator splits into code points.
    private static func split(_ s: [Unicode.Scalar], _ sep: [Unicode.Scalar], limit n: Int64) -> [String] {
        if n == 0 { return [] }
        if sep.isEmpty {
            var parts = s.map { String($0) }
            if n > 0, parts.count > Int(n) {
                parts = Array(parts.prefix(Int(n) - 1)) + [text(s[(Int(n) - 1)...])]
            }
            return parts
        }
        var parts: [String] = []
        var i = 0
        while n < 0 || parts.count < Int(n) - 1, let j = firstIndex(of: sep, in: s, from: i) {
            parts.append(text(s[i..<j]))
            i = j + sep.count
        }
        parts.append(text(s[i...]))
        return parts
    }
}
