/// Go's `unicode.IsPrint` (and `strconv.IsPrint`, which agrees with it): letters, marks,
/// numbers, punctuation, symbols and the ASCII space. Other spaces (U+00A0…), controls
/// and format characters are not printable, so `%q`, `strconv.Quote`, `js` and error
/// texts escape them.
public enum GoUnicode {
    public static func isPrint(_ r: UInt32) -> Bool {
        if r < 0x80 { return r >= 0x20 && r < 0x7F }
        guard let scalar = Unicode.Scalar(r) else { return false }
        return isPrint(scalar)
    }

    public static func isPrint(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar.value >= 0x20 && scalar.value < 0x7F }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            .nonspacingMark, .spacingMark, .enclosingMark,
            .decimalNumber, .letterNumber, .otherNumber,
            .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation,
            .mathSymbol, .currencySymbol, .modifierSymbol, .otherSymbol:
            return true
        default:
            return false
        }
    }
}
