/// What go-yaml's emitter (`yaml_emitter_analyze_scalar`, from libyaml) concludes about a
/// string before choosing how to write it: which styles can represent it faithfully.
struct YAMLScalarAnalysis {
    var multiline = false
    var flowPlainAllowed = true
    var blockPlainAllowed = true
    var singleQuotedAllowed = true
    var blockAllowed = true

    /// - Parameter tabsAreSpecial: go-yaml v2 (like libyaml) counts a tab as a non-printable
    ///   character, which forces double quotes; v3 only rules out plain and single-quoted.
    init(_ v: UnsafeBufferPointer<UInt8>, tabsAreSpecial: Bool) {
        let n = v.count
        if n == 0 {
            flowPlainAllowed = false
            blockAllowed = false
            return
        }
        var blockIndicators = false
        var flowIndicators = false
        var lineBreaks = false
        var specialCharacters = false
        var tabCharacters = false
        var leadingSpace = false
        var leadingBreak = false
        var trailingSpace = false
        var trailingBreak = false
        var breakSpace = false
        var spaceBreak = false
        var previousSpace = false
        var previousBreak = false

        if n >= 3
            && ((v[0] == UInt8(ascii: "-") && v[1] == UInt8(ascii: "-") && v[2] == UInt8(ascii: "-"))
                || (v[0] == UInt8(ascii: ".") && v[1] == UInt8(ascii: ".") && v[2] == UInt8(ascii: ".")))
        {
            blockIndicators = true
            flowIndicators = true
        }

        var precededByWhitespace = true
        var i = 0
        while i < n {
            let c = v[i]
            let w = YAMLBytes.width(c)
            let followedByWhitespace = i + w >= n || YAMLBytes.isBlank(v, i + w)
            if i == 0 {
                switch c {
                case UInt8(ascii: "#"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
                    UInt8(ascii: "}"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
                    UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
                    UInt8(ascii: "`"):
                    flowIndicators = true
                    blockIndicators = true
                case UInt8(ascii: "?"), UInt8(ascii: ":"):
                    flowIndicators = true
                    if followedByWhitespace { blockIndicators = true }
                case UInt8(ascii: "-"):
                    if followedByWhitespace {
                        flowIndicators = true
                        blockIndicators = true
                    }
                default: break
                }
            } else {
                switch c {
                case UInt8(ascii: ","), UInt8(ascii: "?"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
                    UInt8(ascii: "}"):
                    flowIndicators = true
                case UInt8(ascii: ":"):
                    flowIndicators = true
                    if followedByWhitespace { blockIndicators = true }
                case UInt8(ascii: "#"):
                    if precededByWhitespace {
                        flowIndicators = true
                        blockIndicators = true
                    }
                default: break
                }
            }

            if c == UInt8(ascii: "\t") && !tabsAreSpecial {
                tabCharacters = true
            } else if !YAMLBytes.isPrintable(v, i) {
                specialCharacters = true
            }
            if c == UInt8(ascii: " ") {
                if i == 0 { leadingSpace = true }
                if i + w == n { trailingSpace = true }
                if previousBreak { breakSpace = true }
                previousSpace = true
                previousBreak = false
            } else if YAMLBytes.isBreak(v, i) {
                lineBreaks = true
                if i == 0 { leadingBreak = true }
                if i + w == n { trailingBreak = true }
                if previousSpace { spaceBreak = true }
                previousSpace = false
                previousBreak = true
            } else {
                previousSpace = false
                previousBreak = false
            }
            precededByWhitespace = YAMLBytes.isBlankz(v, i)
            i += w
        }

        multiline = lineBreaks
        if leadingSpace || leadingBreak || trailingSpace || trailingBreak {
            flowPlainAllowed = false
            blockPlainAllowed = false
        }
        if trailingSpace { blockAllowed = false }
        if breakSpace {
            flowPlainAllowed = false
            blockPlainAllowed = false
            singleQuotedAllowed = false
        }
        if spaceBreak || tabCharacters || specialCharacters {
            flowPlainAllowed = false
            blockPlainAllowed = false
            singleQuotedAllowed = false
        }
        if spaceBreak || specialCharacters { blockAllowed = false }
        if lineBreaks {
            flowPlainAllowed = false
            blockPlainAllowed = false
        }
        if flowIndicators { flowPlainAllowed = false }
        if blockIndicators { blockPlainAllowed = false }
    }
}

/// libyaml's character classes on UTF-8 bytes (`is_printable`, `is_break`, …), exactly
/// as go-yaml spells them.
enum YAMLBytes {
    @inline(__always) static func width(_ c: UInt8) -> Int {
        if c & 0x80 == 0 { return 1 }
        if c & 0xE0 == 0xC0 { return 2 }
        if c & 0xF0 == 0xE0 { return 3 }
        if c & 0xF8 == 0xF0 { return 4 }
        return 1
    }

    @inline(__always) static func at(_ v: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt8 {
        i < v.count ? v[i] : 0
    }

    /// go-yaml's `is_printable`: four-byte characters (emoji) are not printable, so they
    /// are escaped as `\U0001F600`.
    static func isPrintable(_ v: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        let b = v[i]
        let b1 = at(v, i + 1)
        let b2 = at(v, i + 2)
        return b == 0x0A || (b >= 0x20 && b <= 0x7E) || (b == 0xC2 && b1 >= 0xA0) || (b > 0xC2 && b < 0xED)
            || (b == 0xED && b1 < 0xA0) || b == 0xEE
            || (b == 0xEF && !(b1 == 0xBB && b2 == 0xBF) && !(b1 == 0xBF && (b2 == 0xBE || b2 == 0xBF)))
    }

    @inline(__always) static func isBreak(_ v: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        guard i < v.count else { return false }
        let b = v[i]
        if b == 0x0D || b == 0x0A { return true }
        if b == 0xC2 { return at(v, i + 1) == 0x85 }
        if b == 0xE2 { return at(v, i + 1) == 0x80 && (at(v, i + 2) == 0xA8 || at(v, i + 2) == 0xA9) }
        return false
    }

    @inline(__always) static func isSpace(_ v: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        i < v.count && v[i] == UInt8(ascii: " ")
    }

    @inline(__always) static func isBlank(_ v: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        i < v.count && (v[i] == UInt8(ascii: " ") || v[i] == UInt8(ascii: "\t"))
    }

    static func isBlankz(_ v: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        i >= v.count || isBlank(v, i) || isBreak(v, i) || v[i] == 0
    }
}
