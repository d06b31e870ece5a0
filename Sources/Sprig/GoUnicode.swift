/// Go's `unicode` predicates and simple case mappings.
///
/// Go maps case rune by rune with the simple (one-to-one) mappings of UnicodeData, so
/// `upper "ß"` stays `ß` and `upper "ﬁ"` stays `ﬁ`; Swift's own `uppercased()` applies
/// the full mappings (`SS`, `FI`), which Helm never produces.
enum GoUnicode {
    static func isSpace(_ r: Unicode.Scalar) -> Bool {
        switch r.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0: return true
        case 0...0xFF: return false
        default: return r.properties.isWhitespace
        }
    }

    static func isUpper(_ r: Unicode.Scalar) -> Bool { r.properties.generalCategory == .uppercaseLetter }
    static func isLower(_ r: Unicode.Scalar) -> Bool { r.properties.generalCategory == .lowercaseLetter }
    static func isTitle(_ r: Unicode.Scalar) -> Bool { r.properties.generalCategory == .titlecaseLetter }

    static func isLetter(_ r: Unicode.Scalar) -> Bool {
        switch r.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    static func isDigit(_ r: Unicode.Scalar) -> Bool { r.properties.generalCategory == .decimalNumber }

    static func isNumber(_ r: Unicode.Scalar) -> Bool {
        switch r.properties.generalCategory {
        case .decimalNumber, .letterNumber, .otherNumber: return true
        default: return false
        }
    }

    static func isPunct(_ r: Unicode.Scalar) -> Bool {
        switch r.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default: return false
        }
    }

    static func toUpper(_ r: Unicode.Scalar) -> Unicode.Scalar {
        if r.value < 0x80 { return (0x61...0x7A).contains(r.value) ? Unicode.Scalar(r.value - 32)! : r }
        return simple(r.properties.uppercaseMapping, r) ?? greekUpper(r) ?? r
    }

    static func toLower(_ r: Unicode.Scalar) -> Unicode.Scalar {
        if r.value < 0x80 { return (0x41...0x5A).contains(r.value) ? Unicode.Scalar(r.value + 32)! : r }
        if r.value == 0x130 { return "i" }  // İ: full mapping adds U+0307, simple is `i`
        return simple(r.properties.lowercaseMapping, r) ?? r
    }

    static func toTitle(_ r: Unicode.Scalar) -> Unicode.Scalar {
        if r.value < 0x80 { return toUpper(r) }
        return simple(r.properties.titlecaseMapping, r) ?? greekUpper(r) ?? r
    }

    /// The mapping when it is one scalar (then it is also the simple mapping).
    private static func simple(_ mapping: String, _ r: Unicode.Scalar) -> Unicode.Scalar? {
        var it = mapping.unicodeScalars.makeIterator()
        guard let first = it.next() else { return nil }
        return it.next() == nil ? first : nil
    }

    /// Greek letters with ypogegrammeni: the full upper mapping splits off an iota, the
    /// simple one goes to the prosgegrammeni form.
    private static func greekUpper(_ r: Unicode.Scalar) -> Unicode.Scalar? {
        switch r.value {
        case 0x1F80...0x1F87, 0x1F90...0x1F97, 0x1FA0...0x1FA7: return Unicode.Scalar(r.value + 8)
        case 0x1FB3, 0x1FC3, 0x1FF3: return Unicode.Scalar(r.value + 9)
        default: return nil
        }
    }
}
