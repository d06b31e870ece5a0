/// `.helmignore`: Helm's `pkg/ignore` rules, applied when a chart directory is loaded
/// (never to archives, and only the top chart's file: a subchart's own `.helmignore`
/// is just one of its files). Differences from gitignore that Helm has:
///
/// * Rules are tried in order and the first decisive one wins. A `!negated` rule is
///   decisive when it does NOT match: `!keep.txt` ignores everything except keep.txt.
/// * A rule without `/` matches the base name only; with `/` it matches the whole
///   path relative to the chart (a leading `/` is dropped); `*` never crosses `/`.
/// * A trailing `/` limits a rule to directories; an ignored directory is skipped whole.
/// * `**` is refused (`double-star (**) syntax is not supported`).
/// * `templates/.?*` (hidden files in templates/) is always appended after the user's rules.
public struct HelmIgnore: Sendable {
    struct Rule: Sendable {
        let raw: String
        let negate: Bool
        let mustDir: Bool
        let baseNameOnly: Bool
        let pattern: GoPathPattern
        /// The pattern on bytes, when it is ASCII.
        let ascii: ASCIIPathPattern?
    }

    private(set) var rules: [Rule] = []

    public static let fileName = ".helmignore"
    static let defaultRules = ["templates/.?*"]

    /// No rules at all.
    public init() {}

    /// Parses a `.helmignore` text (a UTF-8 BOM on the first line is dropped), then adds
    /// Helm's default rules after it, as `LoadDir` does.
    public init(parsing text: String, addDefaults: Bool = true) throws(ChartLoadError) {
        var first = true
        for var line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if first, line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
            first = false
            if line.hasSuffix("\r") { line = line.dropLast() }
            try add(String(line))
        }
        if addDefaults { self.addDefaults() }
    }

    /// The rules every chart directory gets.
    public mutating func addDefaults() {
        for r in Self.defaultRules { try? add(r) }
    }

    /// Helm's `parseRule`.
    public mutating func add(_ line: String) throws(ChartLoadError) {
        var rule = Substring(line).trimmingGoSpace()
        if rule.isEmpty || rule.hasPrefix("#") { return }
        if zip(rule.utf8, rule.utf8.dropFirst()).contains(where: { $0 == UInt8(ascii: "*") && $1 == UInt8(ascii: "*") }) {
            throw .invalidIgnoreRule(rule: String(rule), reason: "double-star (**) syntax is not supported")
        }
        let raw = String(rule)
        guard (try? GoPathPattern(raw)) != nil else {
            throw .invalidIgnoreRule(rule: raw, reason: "syntax error in pattern")
        }
        var negate = false
        if rule.hasPrefix("!") {
            negate = true
            rule = rule.dropFirst()
        }
        var mustDir = false
        if rule.hasSuffix("/") {
            mustDir = true
            rule = rule.dropLast()
        }
        let baseNameOnly: Bool
        if rule.hasPrefix("/") {
            rule = rule.dropFirst()
            baseNameOnly = false
        } else {
            baseNameOnly = !rule.contains("/")
        }
        // The rule passed the probe whole; with `!` or `/` trimmed it may still fail
        // (Helm then logs and never matches): such a rule matches nothing.
        let pattern = (try? GoPathPattern(String(rule))) ?? GoPathPattern.never
        rules.append(
            Rule(
                raw: raw, negate: negate, mustDir: mustDir, baseNameOnly: baseNameOnly, pattern: pattern,
                ascii: ASCIIPathPattern(pattern)))
    }

    /// Helm's `Rules.Ignore` for a path relative to the chart root, `/`-separated.
    public func ignores(_ path: String, isDirectory: Bool) -> Bool {
        if path.isEmpty || path == "." || path == "./" { return false }
        var path = path
        if let answer = path.withUTF8({ asciiIgnores($0, isDirectory: isDirectory) }) { return answer }
        // Every rule is tried against one of two names: split them into scalars once.
        let whole = Array(path.unicodeScalars)
        let base = Array(Self.baseName(path).unicodeScalars)
        for r in rules {
            let target = r.baseNameOnly ? base : whole
            if r.negate {
                if r.mustDir && !isDirectory { return true }
                if !r.pattern.matches(scalars: target) { return true }
                continue
            }
            if r.mustDir && !isDirectory { continue }
            if r.pattern.matches(scalars: target) { return true }
        }
        return false
    }

    /// `ignores` on an ASCII path when every rule has a byte form; nil otherwise.
    private func asciiIgnores(_ whole: UnsafeBufferPointer<UInt8>, isDirectory: Bool) -> Bool? {
        let slash = UInt8(ascii: "/")
        var end = whole.count
        var start = 0
        for (i, b) in whole.enumerated() {
            if b >= 0x80 { return nil }
            if b == slash { start = i + 1 }
        }
        // `filepath.Base` drops trailing slashes first.
        if start == end {
            while end > 1 && whole[end - 1] == slash { end -= 1 }
            start = end
            while start > 0 && whole[start - 1] != slash { start -= 1 }
            if start == end { start = end - 1 }  // all slashes: "/"
        }
        let base = UnsafeBufferPointer(rebasing: whole[start..<end])
        for r in rules {
            guard let ascii = r.ascii else { return nil }
            let target = r.baseNameOnly ? base : whole
            if r.negate {
                if r.mustDir && !isDirectory { return true }
                if !ascii.matches(target) { return true }
                continue
            }
            if r.mustDir && !isDirectory { continue }
            if ascii.matches(target) { return true }
        }
        return false
    }

    /// Go's `filepath.Base`: the last element, trailing slashes dropped.
    static func baseName(_ path: String) -> String {
        let slash = UInt8(ascii: "/")
        var p = path.utf8[...]
        if p.isEmpty { return "." }
        while p.count > 1, p.last == slash { p = p.dropLast() }
        if p.count > 1, let i = p.lastIndex(of: slash) { return String(Substring(p[p.index(after: i)...])) }
        return String(Substring(p))
    }
}

extension GoPathPattern {
    /// A pattern that matches no name (a `/` outside a set cannot be matched by `?`,
    /// and names never contain NUL).
    static let never = GoPathPattern(tokens: [.literal("\u{0}"), .literal("\u{0}")])
    private init(tokens: [Token]) { self.tokens = tokens }
}

extension Substring {
    /// Go's `strings.TrimSpace` (Unicode White_Space at both ends).
    func trimmingGoSpace() -> Substring {
        // Most lines have no space at either end: spare the Unicode property lookups.
        if let f = utf8.first, let l = utf8.last, f > 0x20 && f < 0x80 && l > 0x20 && l < 0x80 { return self }
        var s = self
        while let f = s.unicodeScalars.first, f.properties.isWhitespace { s = Substring(s.unicodeScalars.dropFirst()) }
        while let l = s.unicodeScalars.last, l.properties.isWhitespace { s = Substring(s.unicodeScalars.dropLast()) }
        return s
    }
}
