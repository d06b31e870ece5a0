/// The string `format`s the API server checks in custom objects. Formats it does not know
/// are stripped from the schema before validation (so they accept anything), and format
/// names are compared with dashes removed, so `date-time` is `datetime`.
enum SchemaFormats {
    /// Every format name a CRD may use to any effect (dash-free).
    static let supported: Set<String> = [
        "bsonobjectid", "uri", "email", "hostname", "ipv4", "ipv6", "cidr", "mac", "uuid", "uuid3",
        "uuid4", "uuid5", "isbn", "isbn10", "isbn13", "creditcard", "ssn", "hexcolor", "rgbcolor",
        "byte", "password", "date", "duration", "datetime", "quantity", "k8sshortname", "k8slongname",
    ]

    /// The format as validation uses it: `nil` when the server would have stripped it.
    static func effective(_ format: String?, type: String?) -> String? {
        guard let format, !format.isEmpty else { return nil }
        switch type {
        case nil, "string"?: return supported.contains(normalized(format)) ? format : nil
        default: return nil  // integer/number formats (int32, double) are not value checks
        }
    }

    static func normalized(_ format: String) -> String { String(format.filter { $0 != "-" }) }

    /// Whether `s` is a valid `format`. Formats without a checker here accept any string.
    static func accepts(_ s: String, format: String) -> Bool {
        let b = Array(s.utf8)
        switch normalized(format) {
        case "datetime": return isDateTime(b)
        case "date": return b.count == 10 && isDate(b[...])
        case "byte": return isBase64(b)
        case "uuid": return isUUID(b, version: nil)
        case "uuid3": return isUUID(b, version: "3")
        case "uuid4": return isUUID(b, version: "4")
        case "uuid5": return isUUID(b, version: "5")
        case "ipv4": return isIPv4(s)
        case "ipv6": return isIPv6(s)
        case "cidr":
            let parts = s.split(separator: "/", omittingEmptySubsequences: false)
            guard parts.count == 2, let bits = Int(parts[1]), parts[1].allSatisfy(\.isASCII) else { return false }
            if isIPv4(String(parts[0])) { return (0...32).contains(bits) }
            return isIPv6(String(parts[0])) && (0...128).contains(bits)
        case "hostname": return isHostname(s)
        case "hexcolor":
            let h = b.first == UInt8(ascii: "#") ? Array(b.dropFirst()) : b
            return (h.count == 3 || h.count == 6) && h.allSatisfy(isHex)
        case "k8sshortname": return s.utf8.count <= 63 && isDNSLabel(Substring(s), upper: false)
        case "k8slongname":
            return s.utf8.count <= 253 && !s.isEmpty
                && s.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { isDNSLabel($0, upper: false, maxLength: 253) }
        default: return true
        }
    }

    private static func isHex(_ c: UInt8) -> Bool {
        (0x30...0x39).contains(c) || (0x61...0x66).contains(c) || (0x41...0x46).contains(c)
    }

    private static func isDigit(_ c: UInt8) -> Bool { (0x30...0x39).contains(c) }

    private static func number(_ b: ArraySlice<UInt8>) -> Int? {
        guard !b.isEmpty, b.allSatisfy(isDigit) else { return nil }
        return b.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    /// RFC 3339 full-date with a real calendar day.
    private static func isDate(_ b: ArraySlice<UInt8>) -> Bool {
        let a = Array(b)
        guard a.count == 10, a[4] == UInt8(ascii: "-"), a[7] == UInt8(ascii: "-"),
            let y = number(a[0..<4]), let m = number(a[5..<7]), let d = number(a[8..<10]), (1...12).contains(m)
        else { return false }
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        let days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        return (1...days).contains(d)
    }

    /// RFC 3339 date-time: `2006-01-02T15:04:05[.frac](Z|±hh:mm)` (`t`, `z`, space accepted).
    private static func isDateTime(_ b: [UInt8]) -> Bool {
        guard b.count >= 20, isDate(b[0..<10]), [UInt8(ascii: "T"), UInt8(ascii: "t"), UInt8(ascii: " ")].contains(b[10]),
            b[13] == UInt8(ascii: ":"), b[16] == UInt8(ascii: ":"),
            let h = number(b[11..<13]), let mi = number(b[14..<16]), let s = number(b[17..<19]),
            h < 24, mi < 60, s < 61
        else { return false }
        var i = 19
        if b[i] == UInt8(ascii: ".") {
            i += 1
            let start = i
            while i < b.count, isDigit(b[i]) { i += 1 }
            if i == start { return false }
        }
        guard i < b.count else { return false }
        if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") { return i + 1 == b.count }
        guard b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"), b.count - i == 6, b[i + 3] == UInt8(ascii: ":"),
            let oh = number(b[(i + 1)..<(i + 3)]), let om = number(b[(i + 4)..<(i + 6)])
        else { return false }
        return oh < 24 && om < 60
    }

    /// Standard base64 (Go's strfmt accepts padded standard encoding).
    private static func isBase64(_ b: [UInt8]) -> Bool {
        guard b.count % 4 == 0 else { return false }
        var padding = 0
        for (i, c) in b.enumerated() {
            if c == UInt8(ascii: "=") {
                padding += 1
                if i < b.count - 2 { return false }
                continue
            }
            if padding > 0 { return false }
            let ok = (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c) || isDigit(c) || c == UInt8(ascii: "+") || c == UInt8(ascii: "/")
            if !ok { return false }
        }
        return true
    }

    /// 8-4-4-4-12 hex digits, dashes optional, any case; with a version digit when asked.
    private static func isUUID(_ b: [UInt8], version: Character?) -> Bool {
        let hex = b.filter { $0 != UInt8(ascii: "-") }
        guard hex.count == 32, hex.allSatisfy(isHex) else { return false }
        let dashes = b.indices.filter { b[$0] == UInt8(ascii: "-") }
        guard dashes.isEmpty || dashes == [8, 13, 18, 23] else { return false }
        guard let version else { return true }
        guard hex[12] == version.asciiValue! else { return false }
        if version == "3" { return true }
        return [UInt8(ascii: "8"), UInt8(ascii: "9"), UInt8(ascii: "a"), UInt8(ascii: "b"), UInt8(ascii: "A"), UInt8(ascii: "B")].contains(hex[16])
    }

    private static func isIPv4(_ s: String) -> Bool {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { p in
            p.count <= 3 && p.allSatisfy { $0.isASCII && $0.isNumber } && Int(p).map { $0 <= 255 } == true
        }
    }

    private static func isIPv6(_ s: String) -> Bool {
        guard s.contains(":") else { return false }
        var text = Substring(s)
        var groupsNeeded = 8
        if let lastColon = text.lastIndex(of: ":"), text[text.index(after: lastColon)...].contains(".") {
            guard isIPv4(String(text[text.index(after: lastColon)...])) else { return false }
            text = text[...lastColon]
            if text.hasSuffix(":") && !text.hasSuffix("::") { text = text.dropLast() }
            groupsNeeded = 6
        }
        var halves: [String] = [String(text)]
        if let r = text.firstRange(of: "::") {
            halves = [String(text[..<r.lowerBound]), String(text[r.upperBound...])]
            if halves[1].contains("::") { return false }
        }
        func groups(_ h: String) -> [Substring]? {
            if h.isEmpty { return [] }
            let g = h.split(separator: ":", omittingEmptySubsequences: false)
            return g.allSatisfy({ (1...4).contains($0.count) && $0.utf8.allSatisfy(isHex) }) ? g : nil
        }
        guard let first = groups(halves[0]) else { return false }
        if halves.count == 1 { return first.count == groupsNeeded }
        guard let second = groups(halves[1]) else { return false }
        return first.count + second.count < groupsNeeded
    }

    private static func isDNSLabel(_ l: Substring, upper: Bool, maxLength: Int = 63) -> Bool {
        guard !l.isEmpty, l.utf8.count <= maxLength, l.first != "-", l.last != "-" else { return false }
        return l.utf8.allSatisfy { c in
            (0x61...0x7A).contains(c) || isDigit(c) || c == UInt8(ascii: "-") || (upper && (0x41...0x5A).contains(c))
        }
    }

    /// RFC 1034 host name: dot-separated labels of letters, digits and inner dashes.
    private static func isHostname(_ s: String) -> Bool {
        guard !s.isEmpty, s.utf8.count <= 255 else { return false }
        let trimmed = s.hasSuffix(".") ? Substring(s.dropLast()) : Substring(s)
        return trimmed.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { isDNSLabel($0, upper: true) }
    }
}
