import Foundation

/// The value of a Kubernetes resource quantity (`500m`, `0.5`, `1Gi`, `1e3`), which the
/// API server writes back in canonical form: `cpu: 0.5` is stored as `500m`, so the two
/// must compare equal or every such release would drift forever.
enum QuantityValue {
    private static let binary: [String: Decimal] = [
        "Ki": 1024, "Mi": 1_048_576, "Gi": 1_073_741_824, "Ti": 1_099_511_627_776, "Pi": 1_125_899_906_842_624,
        "Ei": 1_152_921_504_606_846_976,
    ]
    private static let decimal: [String: Decimal] = [
        "n": Decimal(string: "0.000000001")!, "u": Decimal(string: "0.000001")!, "m": Decimal(string: "0.001")!, "": 1,
        "k": 1000, "M": 1_000_000, "G": 1_000_000_000, "T": 1_000_000_000_000, "P": 1_000_000_000_000_000,
        "E": 1_000_000_000_000_000_000,
    ]

    /// The quantity's value, or nil when `text` is not a quantity.
    static func parse(_ text: String) -> Decimal? {
        let scalars = Array(text.unicodeScalars)
        var end = 0
        if end < scalars.count, scalars[end] == "+" || scalars[end] == "-" { end += 1 }
        let digitsStart = end
        while end < scalars.count, ("0"..."9").contains(scalars[end]) || scalars[end] == "." { end += 1 }
        guard end > digitsStart, let number = Decimal(string: String(String.UnicodeScalarView(scalars[0..<end]))) else { return nil }
        let suffix = String(String.UnicodeScalarView(scalars[end...]))
        if let factor = binary[suffix] ?? decimal[suffix] { return number * factor }
        // Exponent form: 1e3, 2E-2.
        if let first = suffix.first, first == "e" || first == "E", let exponent = Int(suffix.dropFirst()), abs(exponent) <= 30 {
            var value = number
            for _ in 0..<abs(exponent) { value = exponent > 0 ? value * 10 : value / 10 }
            return value
        }
        return nil
    }

    /// Whether two JSON scalars are the same quantity written differently.
    static func same(_ a: String, _ b: String) -> Bool {
        guard let x = parse(a), let y = parse(b) else { return false }
        return x == y
    }
}
