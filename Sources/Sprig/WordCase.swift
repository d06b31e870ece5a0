/// huandu/xstrings v1.5 word conversions. Text is cut into words — connectors (`-`,
/// `_`, spaces), punctuation, upper-case runs, lower-case letters, numbers — and joined
/// with the rules xstrings documents ("HTTPServer" → "http_server", "Bld4Floor3rd" →
/// "bld4_floor_3rd"); every edge of those rules is kept because charts rely on names.
enum WordCase {
    enum Kind { case invalid, number, upper, alphabet, connector, punct, other }

    struct Word {
        var kind: Kind
        var runes: ArraySlice<Unicode.Scalar>
    }

    static func isConnector(_ r: Unicode.Scalar) -> Bool { r == "-" || r == "_" || GoUnicode.isSpace(r) }

    /// A letter that is not CJK (xstrings' `isAlphabet`).
    static func isAlphabet(_ r: Unicode.Scalar) -> Bool {
        guard GoUnicode.isLetter(r) else { return false }
        switch r.value {
        case ..<0x3400: return true
        case 0x4E00...0x9FCC, 0x3400...0x4D85, 0x20000...0x2B81D: return false
        default: return true
        }
    }

    /// xstrings `nextWord` over runes (a Swift string has no invalid bytes to skip).
    static func nextWord(_ s: ArraySlice<Unicode.Scalar>) -> (Word, ArraySlice<Unicode.Scalar>) {
        guard let r = s.first else { return (Word(kind: .invalid, runes: s), s) }
        var i = s.startIndex + 1
        let end = s.endIndex
        func take(while pred: (Unicode.Scalar) -> Bool) { while i < end && pred(s[i]) { i += 1 } }
        let kind: Kind
        if isConnector(r) {
            kind = .connector
            take(while: isConnector)
        } else if GoUnicode.isPunct(r) {
            kind = .punct
            take(while: GoUnicode.isPunct)
        } else if GoUnicode.isUpper(r) {
            kind = .upper
            if i < end {
                if GoUnicode.isUpper(s[i]) {
                    take(while: GoUnicode.isUpper)
                    // "HTTPStatus" splits as "HTTP" + "Status".
                    if i < end && isAlphabet(s[i]) { i -= 1 }
                } else if isAlphabet(s[i]) {
                    take { isAlphabet($0) && !GoUnicode.isUpper($0) }
                }
            }
        } else if isAlphabet(r) {
            kind = .alphabet
            take { isAlphabet($0) && !GoUnicode.isUpper($0) }
        } else if GoUnicode.isNumber(r) {
            kind = .number
            take(while: GoUnicode.isNumber)
        } else {
            kind = .other
            take { !(isConnector($0) || isAlphabet($0) || GoUnicode.isNumber($0) || GoUnicode.isPunct($0)) }
        }
        return (Word(kind: kind, runes: s[s.startIndex..<i]), s[i...])
    }

    private static func appendLower(_ out: inout String.UnicodeScalarView, _ w: Word, _ connector: Unicode.Scalar) {
        if w.kind != .upper && w.kind != .connector {
            out.append(contentsOf: w.runes)
            return
        }
        for r in w.runes {
            if isConnector(r) {
                out.append(connector)
            } else if GoUnicode.isUpper(r) {
                out.append(GoUnicode.toLower(r))
            } else {
                out.append(r)
            }
        }
    }

    /// xstrings `camelCaseToLowerCase` (ToSnakeCase / ToKebabCase).
    static func lowerWords(_ s: String, connector: Unicode.Scalar) -> String {
        let runes = Array(s.unicodeScalars)
        if runes.isEmpty { return "" }
        var out = String.UnicodeScalarView()
        var (word, remaining) = nextWord(runes[...])
        while !remaining.isEmpty {
            if word.kind != .connector { appendLower(&out, word, connector) }
            let prev = word
            (word, remaining) = nextWord(remaining)
            switch prev.kind {
            case .number:
                while word.kind == .alphabet || word.kind == .number {
                    appendLower(&out, word, connector)
                    (word, remaining) = nextWord(remaining)
                }
                if word.kind != .invalid && word.kind != .punct && word.kind != .connector { out.append(connector) }
            case .connector:
                appendLower(&out, prev, connector)
            case .punct:
                break
            default:
                if word.kind != .number {
                    if word.kind != .connector && word.kind != .punct { out.append(connector) }
                    break
                }
                if remaining.isEmpty { break }
                let number = word
                (word, remaining) = nextWord(remaining)
                // A number followed by a non-letter belongs to the previous word ("bld4_floor").
                if word.kind != .alphabet {
                    appendLower(&out, Word(kind: .number, runes: number.runes), connector)
                    if word.kind != .connector && word.kind != .punct { out.append(connector) }
                    break
                }
                // Letters after a number start a new word with it ("http_2xx").
                out.append(connector)
                appendLower(&out, Word(kind: .number, runes: number.runes), connector)
                while word.kind == .alphabet || word.kind == .number {
                    appendLower(&out, word, connector)
                    (word, remaining) = nextWord(remaining)
                }
                if word.kind != .invalid && word.kind != .connector && word.kind != .punct { out.append(connector) }
            }
        }
        appendLower(&out, word, connector)
        return String(out)
    }

    /// xstrings `toCamelCase(str, isBig: true)` (ToPascalCase): connectors are dropped and
    /// the rune after them upper-cased; leading and doubled connectors survive.
    static func pascal(_ s: String) -> String {
        var runes = s.unicodeScalars.makeIterator()
        var out = String.UnicodeScalarView()
        var r0: Unicode.Scalar = " "
        var sawRune = false
        var firstUpper = false
        var rest = false
        while let r = runes.next() {
            sawRune = true
            r0 = r
            if !isConnector(r) {
                firstUpper = GoUnicode.isUpper(r)
                r0 = GoUnicode.toUpper(r)
                rest = true
                break
            }
            out.append(r)
        }
        guard rest else {
            // Only connectors (or nothing): Go writes the last rune again when there was one.
            if sawRune, !out.isEmpty { out.append(r0) }
            return String(out)
        }
        while let next = runes.next() {
            let r1 = r0
            r0 = next
            if isConnector(r0) && isConnector(r1) {
                out.append(r1)
                continue
            }
            if isConnector(r1) {
                firstUpper = GoUnicode.isUpper(r0)
                r0 = GoUnicode.toUpper(r0)
            } else {
                if firstUpper {
                    if GoUnicode.isUpper(r0) { r0 = GoUnicode.toLower(r0) } else { firstUpper = false }
                }
                out.append(r1)
            }
        }
        out.append(r0)
        return String(out)
    }
}
