import Values

/// Sprig's `certificate` struct (`struct { Cert string; Key string }`), what `genCA`,
/// `genSelfSignedCert`, `genSignedCert` and `buildCustomCert` return: a PEM certificate
/// and its PEM private key. Templates reach the two fields; `genSignedCert` takes one back
/// as its CA, and the executor refuses anything else there ("can't handle … for arg of type
/// sprig.certificate"), which the named type gives us.
struct SprigCertificate: GoObject, Equatable {
    static let type: GoType = .named("sprig.certificate", .structure)

    let cert: String
    let key: String

    var goType: GoType { Self.type }

    var structFields: [(name: String, value: Value)] { [("Cert", .string(cert)), ("Key", .string(key))] }

    /// No JSON tags: `encoding/json` writes `{"Cert":…,"Key":…}` in declaration order.
    var jsonFields: [(name: String, value: Value)]? { structFields }

    /// Go compares structs of comparable fields field by field (`eq $a $b`).
    func isIdentical(to other: any GoObject) -> Bool {
        guard let other = other as? SprigCertificate else { return false }
        return self == other
    }

    /// The certificate a `sprig.certificate` parameter received. The executor has checked
    /// the type; a nil or foreign value reads as Go's zero struct.
    static func argument(_ value: Value) -> SprigCertificate {
        if case .object(let o) = value, let c = o as? SprigCertificate { return c }
        return SprigCertificate(cert: "", key: "")
    }
}
