/// Go's `net.ParseIP` (through `netip.ParseAddr`, zones refused), which Sprig applies to
/// each IP SAN. It is strict where other parsers are lenient: IPv4 fields with a leading
/// zero ("01.2.3.4") and zones ("fe80::1%eth0") are errors.
enum GoIP {
    /// The 16-byte form, or nil when the text is no IP address.
    static func parse(_ text: String) -> [UInt8]? {
        let s = Array(text.utf8)
        if s.contains(UInt8(ascii: ":")) { return parse6(s[...]) }
        guard let v4 = parse4(s[...]) else { return nil }
        return [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF] + v4
    }

    /// What `x509` writes in an `iPAddress` SAN: 4 bytes for IPv4 (and IPv4-mapped IPv6,
    /// as `net.IP.To4` sees it), 16 otherwise.
    static func sanBytes(_ ip: [UInt8]) -> [UInt8] {
        if ip.count == 16, ip[0..<10].allSatisfy({ $0 == 0 }), ip[10] == 0xFF, ip[11] == 0xFF { return Array(ip[12...]) }
        return ip
    }

    private static func parse4(_ s: ArraySlice<UInt8>) -> [UInt8]? {
        var out: [UInt8] = []
        var value = 0, digits = 0
        for c in s {
            if c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9") {
                if digits == 1 && value == 0 { return nil }  // leading zero
                value = value * 10 + Int(c - UInt8(ascii: "0"))
                digits += 1
                if value > 255 { return nil }
            } else if c == UInt8(ascii: ".") {
                if digits == 0 || out.count == 3 { return nil }
                out.append(UInt8(value))
                value = 0
                digits = 0
            } else {
                return nil
            }
        }
        if digits == 0 || out.count != 3 { return nil }
        out.append(UInt8(value))
        return out
    }

    private static func parse6(_ input: ArraySlice<UInt8>) -> [UInt8]? {
        var s = input
        var ip = [UInt8](repeating: 0, count: 16)
        var ellipsis = -1
        if s.starts(with: [UInt8(ascii: ":"), UInt8(ascii: ":")]) {
            ellipsis = 0
            s = s.dropFirst(2)
            if s.isEmpty { return ip }
        }
        var i = 0
        while i < 16 {
            var value = 0, digits = 0
            var j = s.startIndex
            while j < s.endIndex, let h = hexValue(s[j]) {
                value = value << 4 | h
                digits += 1
                if digits > 4 { return nil }
                j += 1
            }
            if digits == 0 { return nil }
            if j < s.endIndex && s[j] == UInt8(ascii: ".") {
                // An embedded IPv4 address ends the text and fills the last four bytes.
                if ellipsis < 0 && i != 12 { return nil }
                if i + 4 > 16 { return nil }
                guard let v4 = parse4(s) else { return nil }
                ip.replaceSubrange(i..<(i + 4), with: v4)
                i += 4
                s = s[s.endIndex...]
                break
            }
            ip[i] = UInt8(value >> 8)
            ip[i + 1] = UInt8(value & 0xFF)
            i += 2
            s = s[j...]
            if s.isEmpty { break }
            guard s.first == UInt8(ascii: ":") else { return nil }
            s = s.dropFirst()
            if s.first == UInt8(ascii: ":") {
                if ellipsis >= 0 { return nil }
                ellipsis = i
                s = s.dropFirst()
                if s.isEmpty { break }
            } else if s.isEmpty {
                return nil
            }
        }
        guard s.isEmpty else { return nil }
        if i < 16 {
            guard ellipsis >= 0 else { return nil }
            let n = 16 - i
            for j in stride(from: i - 1, through: ellipsis, by: -1) { ip[j + n] = ip[j] }
            for j in ellipsis..<(ellipsis + n) { ip[j] = 0 }
        } else if ellipsis >= 0 {
            return nil  // "::" must stand for at least one group of zeros
        }
        return ip
    }

    private static func hexValue(_ c: UInt8) -> Int? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(c - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return Int(c - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return Int(c - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }
}
