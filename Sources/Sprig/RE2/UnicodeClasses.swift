/// The named rune sets of RE2 syntax: Unicode categories and scripts (`\pL`, `\p{Greek}`),
/// POSIX classes (`[:alpha:]`), Perl classes (`\d \s \w`), and the case-folding orbits
/// behind `(?i)`.
enum UnicodeClasses {
    /// Go 1.25+ resolves `\p{NAME}` after lower-casing NAME and dropping spaces,
    /// underscores and hyphens; general-category aliases (`Letter`, `digit`, `punct`…)
    /// resolve too. Script names of Go's table that contain `_` (`Old_Italic`) never match
    /// the normalised query, so Go rejects them, and so do we: only the keys below exist.
    static func table(named name: String) -> (set: RuneSet, folds: Bool)? {
        var key = normalized(name)
        if let canonical = categoryAliases[key] { key = canonical }
        guard let set = tables[key] else { return nil }
        // Under (?i) Go adds a table's fold companion (`FoldCategory`, `FoldScript`);
        // `LC`, new in Go 1.25, has none, so `(?i)\p{LC}` does not gain U+0345. For every
        // other table the companion is exactly the case-folding closure.
        return (set, key != "lc")
    }

    private static func normalized(_ name: String) -> String {
        String(String.UnicodeScalarView(name.unicodeScalars.compactMap { s -> Unicode.Scalar? in
            if s == " " || s == "_" || s == "-" { return nil }
            if s.value >= 65 && s.value <= 90 { return Unicode.Scalar(s.value + 32) }
            return s
        }))
    }

    /// Every table from `UnicodeTables.classRanges`, keyed by normalised name, decoded once.
    private static let tables: [String: RuneSet] = {
        var out: [String: RuneSet] = [:]
        for (name, text) in UnicodeTables.classRanges {
            out[normalized(name)] = decodeRanges(text)
        }
        return out
    }()

    private static func decodeRanges(_ text: String) -> RuneSet {
        var ranges: [(UInt32, UInt32)] = []
        for item in text.split(separator: " ") {
            let parts = item.split(separator: "-")
            guard let lo = UInt32(parts[0], radix: 16) else { continue }
            let hi = parts.count > 1 ? UInt32(parts[1], radix: 16) ?? lo : lo
            ranges.append((lo, hi))
        }
        return RuneSet(ranges: ranges)
    }

    /// Unicode's long names for the general categories, normalised (Go's `CategoryAliases`).
    private static let categoryAliases: [String: String] = [
        "casedletter": "lc", "closepunctuation": "pe", "connectorpunctuation": "pc",
        "control": "cc", "cntrl": "cc", "currencysymbol": "sc", "dashpunctuation": "pd",
        "decimalnumber": "nd", "digit": "nd", "enclosingmark": "me", "finalpunctuation": "pf",
        "format": "cf", "initialpunctuation": "pi", "letter": "l", "letternumber": "nl",
        "lineseparator": "zl", "lowercaseletter": "ll", "mark": "m", "combiningmark": "m",
        "mathsymbol": "sm", "modifierletter": "lm", "modifiersymbol": "sk",
        "nonspacingmark": "mn", "number": "n", "openpunctuation": "ps", "other": "c",
        "otherletter": "lo", "othernumber": "no", "otherpunctuation": "po",
        "othersymbol": "so", "paragraphseparator": "zp", "privateuse": "co",
        "punctuation": "p", "punct": "p", "separator": "z", "spaceseparator": "zs",
        "spacingmark": "mc", "surrogate": "cs", "symbol": "s", "titlecaseletter": "lt",
        "unassigned": "cn", "uppercaseletter": "lu",
    ]

    /// `unicode.IsLetter`, which Go's `Regexp.Expand` uses to read `$name`.
    static func isLetter(_ r: UInt32) -> Bool { letter.contains(r) }
    /// `unicode.IsDigit` (category Nd).
    static func isDigit(_ r: UInt32) -> Bool { digit.contains(r) }
    private static let letter = tables["l"] ?? RuneSet()
    private static let digit = tables["nd"] ?? RuneSet()

    /// A POSIX class by its bracketed spelling (`[:alpha:]`, `[:^space:]`), as Go's
    /// `posixGroup`: ASCII-only.
    static func posix(_ spelling: String) -> (set: RuneSet, negated: Bool)? {
        var name = spelling.dropFirst(2).dropLast(2)
        var negated = false
        if name.first == "^" {
            negated = true
            name = name.dropFirst()
        }
        guard let ranges = posixClasses[String(name)] else { return nil }
        return (RuneSet(ranges: ranges), negated)
    }

    private static let posixClasses: [String: [(UInt32, UInt32)]] = [
        "alnum": [(0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A)],
        "alpha": [(0x41, 0x5A), (0x61, 0x7A)],
        "ascii": [(0x00, 0x7F)],
        "blank": [(0x09, 0x09), (0x20, 0x20)],
        "cntrl": [(0x00, 0x1F), (0x7F, 0x7F)],
        "digit": [(0x30, 0x39)],
        "graph": [(0x21, 0x7E)],
        "lower": [(0x61, 0x7A)],
        "print": [(0x20, 0x7E)],
        "punct": [(0x21, 0x2F), (0x3A, 0x40), (0x5B, 0x60), (0x7B, 0x7E)],
        "space": [(0x09, 0x0D), (0x20, 0x20)],
        "upper": [(0x41, 0x5A)],
        "word": [(0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A), (0x5F, 0x5F)],
        "xdigit": [(0x30, 0x39), (0x41, 0x46), (0x61, 0x66)],
    ]

    /// Perl's `\d \s \w` (and their capitals, negated), ASCII-only as in Go's `perlGroup`.
    /// Note `\s` lacks `\v`, unlike `[[:space:]]`.
    static func perl(_ letter: UInt8) -> (set: RuneSet, negated: Bool)? {
        switch letter {
        case UInt8(ascii: "d"): return (digits, false)
        case UInt8(ascii: "D"): return (digits, true)
        case UInt8(ascii: "s"): return (spaces, false)
        case UInt8(ascii: "S"): return (spaces, true)
        case UInt8(ascii: "w"): return (word, false)
        case UInt8(ascii: "W"): return (word, true)
        default: return nil
        }
    }

    private static let digits = RuneSet(ranges: [(0x30, 0x39)])
    private static let spaces = RuneSet(ranges: [(0x09, 0x0A), (0x0C, 0x0D), (0x20, 0x20)])
    private static let word = RuneSet(ranges: [(0x30, 0x39), (0x41, 0x5A), (0x61, 0x7A), (0x5F, 0x5F)])
}

/// Go's simple case-folding orbits: the runes `unicode.SimpleFold` cycles through
/// (`k K K`, `s S ſ`, …). `(?i)` makes a literal or class match its whole orbit.
struct FoldOrbits: Sendable {
    static let shared = FoldOrbits()

    private let orbitIndex: [UInt32: Int]
    private let orbits: [[UInt32]]
    let maxFoldingRune: UInt32

    private init() {
        var index: [UInt32: Int] = [:]
        var orbits: [[UInt32]] = []
        var maxRune: UInt32 = 0
        for item in UnicodeTables.foldOrbits.split(separator: ",") {
            let runes = item.split(whereSeparator: { $0 == " " || $0 == "\n" })
                .compactMap { UInt32($0, radix: 16) }
            guard runes.count > 1 else { continue }
            for r in runes {
                index[r] = orbits.count
                maxRune = max(maxRune, r)
            }
            orbits.append(runes)
        }
        self.orbitIndex = index
        self.orbits = orbits
        self.maxFoldingRune = maxRune
    }

    func orbit(of r: UInt32) -> [UInt32]? {
        orbitIndex[r].map { orbits[$0] }
    }
}
