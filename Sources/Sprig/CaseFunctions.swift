import Values

/// Case changes: Go's `strings.ToUpper`/`ToLower`/`Title`, goutils' `Uncapitalize` and
/// `SwapCase`, and huandu/xstrings' word-splitting conversions (`snakecase`,
/// `kebabcase`, and `camelcase`, which Sprig maps to xstrings' `ToPascalCase`).
enum CaseFunctions {
    static let all: [GoFunction] = [
        .string("upper", [.string]) { GoStrings.mapRunes($0.string(0), GoUnicode.toUpper) },
        .string("lower", [.string]) { GoStrings.mapRunes($0.string(0), GoUnicode.toLower) },
        .string("title", [.string]) { title($0.string(0)) },
        .string("untitle", [.string]) { untitle($0.string(0)) },
        .string("swapcase", [.string]) { args in
            GoStrings.mapRunes(args.string(0)) { r in
                if GoUnicode.isUpper(r) || GoUnicode.isTitle(r) { return GoUnicode.toLower(r) }
                if GoUnicode.isLower(r) { return GoUnicode.toUpper(r) }
                return r
            }
        },
        .string("snakecase", [.string]) { WordCase.lowerWords($0.string(0), connector: "_") },
        .string("kebabcase", [.string]) { WordCase.lowerWords($0.string(0), connector: "-") },
        .string("camelcase", [.string]) { WordCase.pascal($0.string(0)) },
    ]

    /// `strings.Title`: the first letter after a separator goes to title case.
    static func title(_ s: String) -> String {
        var prev: Unicode.Scalar = " "
        return GoStrings.mapRunes(s) { r in
            defer { prev = r }
            return isSeparator(prev) ? GoUnicode.toTitle(r) : r
        }
    }

    private static func isSeparator(_ r: Unicode.Scalar) -> Bool {
        if r.value <= 0x7F {
            switch r {
            case "0"..."9", "a"..."z", "A"..."Z", "_": return false
            default: return true
            }
        }
        if GoUnicode.isLetter(r) || GoUnicode.isDigit(r) { return false }
        return GoUnicode.isSpace(r)
    }

    /// goutils `Uncapitalize`: the first rune of each space-separated word lowered.
    static func untitle(_ s: String) -> String {
        var lowerNext = true
        return GoStrings.mapRunes(s) { r in
            if GoUnicode.isSpace(r) {
                lowerNext = true
                return r
            }
            if lowerNext {
                lowerNext = false
                return GoUnicode.toLower(r)
            }
            return r
        }
    }
}
