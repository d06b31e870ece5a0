/// The order in which go-yaml writes map keys (its `keyList.Less`): not byte order but a
/// "natural" one, where runs of digits compare as numbers (`a2` before `a10`) and
/// non-letters sort before letters.
///
/// go-yaml v3 (behind `toYamlPretty`) refined one case: after equal digits, a letter
/// sorts before a non-letter (`1a` before `1_`), where v2 (behind `toYaml`) puts the
/// non-letter first.
///
/// The comparison is not transitive for some key sets (`2` < `10` < `1a` < `2`); Go then
/// sorts in an order that depends on its random map iteration, so no answer is "right".
/// To render deterministically the keys start from byte order before the natural sort.
enum YAMLKeyOrder {
    static func sorted(_ keys: [String], dialect: YAMLEmitter.Dialect) -> [String] {
        if keys.count < 2 { return keys }
        let start = keys.sorted(by: String.goLess)
        let runes = start.map { Array($0.unicodeScalars) }
        let order = runes.indices.sorted { less(runes[$0], runes[$1], dialect: dialect) }
        return order.map { start[$0] }
    }

    static func less(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], dialect: YAMLEmitter.Dialect) -> Bool {
        var digits = false
        var i = 0
        while i < a.count && i < b.count {
            let ai = a[i]
            let bi = b[i]
            if ai == bi {
                digits = isDigit(ai)
                i += 1
                continue
            }
            let al = isLetter(ai)
            let bl = isLetter(bi)
            if al && bl { return ai.value < bi.value }
            if al || bl {
                if dialect == .v3 && digits { return al }
                return bl
            }
            var an: Int64 = 0
            var bn: Int64 = 0
            if ai == "0" || bi == "0" {
                var j = i - 1
                while j >= 0 && isDigit(a[j]) {
                    if a[j] != "0" {
                        an = 1
                        bn = 1
                        break
                    }
                    j -= 1
                }
            }
            var ae = i
            while ae < a.count && isDigit(a[ae]) {
                an = an &* 10 &+ (Int64(a[ae].value) &- 48)
                ae += 1
            }
            var be = i
            while be < b.count && isDigit(b[be]) {
                bn = bn &* 10 &+ (Int64(b[be].value) &- 48)
                be += 1
            }
            if an != bn { return an < bn }
            if ae != be { return ae < be }
            return ai.value < bi.value
        }
        return a.count < b.count
    }

    /// Go's `unicode.IsLetter` (categories L*).
    @inline(__always) static func isLetter(_ u: Unicode.Scalar) -> Bool {
        if u.value < 0x80 {
            return (u.value >= 0x41 && u.value <= 0x5A) || (u.value >= 0x61 && u.value <= 0x7A)
        }
        switch u.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    /// Go's `unicode.IsDigit` (category Nd).
    @inline(__always) static func isDigit(_ u: Unicode.Scalar) -> Bool {
        if u.value < 0x80 { return u.value >= 0x30 && u.value <= 0x39 }
        return u.properties.generalCategory == .decimalNumber
    }
}
