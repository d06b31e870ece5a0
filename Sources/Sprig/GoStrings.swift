import Values

/// Go's `strings` package on UTF-8 bytes. Go strings are byte strings and its search,
/// split and replace work on bytes (and on runes only where documented), while Swift's
/// `String` compares by grapheme; these keep Go's answers (`contains "e" "é"` with a
/// decomposed é is true in Go).
public enum GoStrings {
    /// The byte offset of the first `needle` in `haystack` at or after `from`.
    static func index(_ haystack: [UInt8], _ needle: [UInt8], from: Int = 0) -> Int? {
        let n = needle.count, h = haystack.count
        if n == 0 { return from <= h ? from : nil }
        guard h - from >= n else { return nil }
        let first = needle[0]
        var i = from
        while i <= h - n {
            if haystack[i] == first {
                var j = 1
                while j < n && haystack[i + j] == needle[j] { j += 1 }
                if j == n { return i }
            }
            i += 1
        }
        return nil
    }

    static func hasPrefix(_ s: String, _ prefix: String) -> Bool {
        s.utf8.starts(with: prefix.utf8)
    }

    static func hasSuffix(_ s: String, _ suffix: String) -> Bool {
        s.utf8.count >= suffix.utf8.count && s.utf8.reversed().starts(with: suffix.utf8.reversed())
    }

    static func trimPrefix(_ s: String, _ prefix: String) -> String {
        guard !prefix.isEmpty, hasPrefix(s, prefix) else { return s }
        return GoValue.string(s.utf8.dropFirst(prefix.utf8.count))
    }

    static func trimSuffix(_ s: String, _ suffix: String) -> String {
        guard !suffix.isEmpty, hasSuffix(s, suffix) else { return s }
        return GoValue.string(s.utf8.dropLast(suffix.utf8.count))
    }

    /// `strings.Split`/`SplitN`: an empty separator splits into runes; `n < 0` means all.
    static func split(_ s: String, _ sep: String, n: Int = -1) -> [String] {
        if n == 0 { return [] }
        if sep.isEmpty {
            let runes = Array(s.unicodeScalars)
            var limit = runes.count
            if n > 0 && n < limit { limit = n }
            var out: [String] = []
            out.reserveCapacity(limit)
            for i in 0..<limit {
                if i == limit - 1 && limit < runes.count {
                    out.append(String(String.UnicodeScalarView(runes[i...])))
                } else {
                    out.append(String(runes[i]))
                }
            }
            return out
        }
        let b = Array(s.utf8), sepb = Array(sep.utf8)
        var out: [String] = []
        var start = 0
        while n < 0 || out.count < n - 1, let at = index(b, sepb, from: start) {
            out.append(GoValue.string(b[start..<at]))
            start = at + sepb.count
        }
        out.append(GoValue.string(b[start...]))
        return out
    }

    /// `strings.Replace(s, old, new, -1)`; an empty `old` matches before every rune and at the end.
    public static func replaceAll(_ s: String, _ old: String, _ new: String) -> String {
        if old.isEmpty {
            var out = new
            for r in s.unicodeScalars {
                out.unicodeScalars.append(r)
                out += new
            }
            return out
        }
        // Most texts hold no match (Helm strips "<no value>" from every rendered file):
        // look in place first and leave the string untouched.
        if !contains(s, old) { return s }
        let b = Array(s.utf8), oldb = Array(old.utf8), newb = Array(new.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var start = 0
        while let at = index(b, oldb, from: start) {
            out.append(contentsOf: b[start..<at])
            out.append(contentsOf: newb)
            start = at + oldb.count
        }
        if start == 0 { return s }
        out.append(contentsOf: b[start...])
        return GoValue.string(out)
    }

    /// `strings.Contains`, searched on the strings' own UTF-8 storage.
    static func contains(_ s: String, _ needle: String) -> Bool {
        var s = s
        var needle = needle
        return s.withUTF8 { h in
            needle.withUTF8 { n in
                guard let first = n.first else { return true }
                guard h.count >= n.count else { return false }
                var i = 0
                let last = h.count - n.count
                while i <= last {
                    if h[i] == first {
                        var j = 1
                        while j < n.count && h[i + j] == n[j] { j += 1 }
                        if j == n.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }

    /// `strings.Repeat`, which panics on a negative count.
    static func repeated(_ s: String, _ count: Int) throws -> String {
        if count < 0 { throw GoPanic.negativeRepeat }
        if count > 0 && s.utf8.count > Int.max / count {
            throw GoFunctionError("strings: Repeat output length overflow")
        }
        return String(repeating: s, count: count)
    }

    /// `strings.TrimSpace`: Unicode white space at both ends.
    static func trimSpace(_ s: String) -> String {
        trim(s) { GoUnicode.isSpace($0) }
    }

    /// `strings.Trim(s, cutset)`: every rune of the cutset, at both ends.
    static func trim(_ s: String, cutset: String) -> String {
        if s.isEmpty || cutset.isEmpty { return s }
        let set = Set(cutset.unicodeScalars)
        return trim(s) { set.contains($0) }
    }

    static func trim(_ s: String, where drop: (Unicode.Scalar) -> Bool) -> String {
        let scalars = s.unicodeScalars
        var lo = scalars.startIndex, hi = scalars.endIndex
        while lo < hi, drop(scalars[lo]) { lo = scalars.index(after: lo) }
        while hi > lo {
            let prev = scalars.index(before: hi)
            if !drop(scalars[prev]) { break }
            hi = prev
        }
        if lo == scalars.startIndex && hi == scalars.endIndex { return s }
        return String(scalars[lo..<hi])
    }

    /// `strings.Map` with a rune mapping.
    static func mapRunes(_ s: String, _ f: (Unicode.Scalar) -> Unicode.Scalar) -> String {
        var out = String.UnicodeScalarView()
        for r in s.unicodeScalars { out.append(f(r)) }
        return String(out)
    }
}
