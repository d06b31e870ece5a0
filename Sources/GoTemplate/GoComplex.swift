import Values

/// Go's `complex128`, which template literals such as `1i` produce.
public struct GoComplex: GoObject, Equatable {
    public let real: Double
    public let imaginary: Double
    public init(real: Double, imaginary: Double) {
        self.real = real
        self.imaginary = imaginary
    }
    public var goType: GoType { .complex128 }
    /// Go prints complex numbers as `(re+imi)` with `%g` parts.
    public var stringer: String? {
        let re = GoFloat.format(real, "g")
        var im = GoFloat.format(imaginary, "g")
        if !(im.hasPrefix("-") || im.hasPrefix("+")) { im = "+" + im }
        return "(\(re)\(im)i)"
    }
    public var structFields: [(name: String, value: Value)] { [] }
    public var isTruthy: Bool { real != 0 || imaginary != 0 }
    public func isIdentical(to other: any GoObject) -> Bool {
        (other as? GoComplex) == self
    }
}
