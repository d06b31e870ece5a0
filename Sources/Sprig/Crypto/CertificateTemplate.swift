import Crypto
import Foundation
import SwiftASN1
import GoTemplate
import Values
import X509

/// Sprig's `getBaseCertTemplate` and `getCertAndKey`: the certificate Sprig asks Go's
/// `x509.CreateCertificate` for, built here with swift-certificates so that the DER comes
/// out as Go's does: a random 128-bit serial, subject CN only, NotBefore now and NotAfter
/// now + days, then the extensions in Go's order — KeyUsage (critical), ExtKeyUsage
/// serverAuth+clientAuth, BasicConstraints (critical), the subject key ID for CAs, the
/// authority key ID when issued by another name, and the SANs (DNS names, then IPs;
/// critical when the subject is empty).
struct CertificateTemplate: Sendable {
    var commonName: String
    var ipAddresses: [[UInt8]]
    var dnsNames: [String]
    var daysValid: Int
    var isCA = false

    /// `getBaseCertTemplate`, checking the SAN lists as `getNetIPs` and
    /// `getAlternateDNSStrs` do.
    init(commonName: String, ips: Value, dnsNames: Value, daysValid: Int) throws {
        self.commonName = commonName
        self.daysValid = daysValid
        ipAddresses = try Self.elements(ips).map { v in
            guard case .string(let s) = v else { throw GoFunctionError("error parsing ip: \(GoFmt.formatValue(v)) is not a string") }
            guard let ip = GoIP.parse(s) else { throw GoFunctionError("error parsing ip: \(s)") }
            return ip
        }
        self.dnsNames = try Self.elements(dnsNames).map { v in
            guard case .string(let s) = v else {
                throw GoFunctionError("error processing alternate dns name: \(GoFmt.formatValue(v)) is not a string")
            }
            return s
        }
    }

    private static func elements(_ v: Value) -> [Value] {
        if case .list(let l, _) = v { return l }
        return []
    }

    /// Where the new certificate hangs: itself, or a parent certificate.
    enum Parent {
        case selfSigned
        case certificate(Certificate)
    }

    /// `getCertAndKey`: the certificate for `subjectKey`, signed by `signingKey` under
    /// `parent`, with both as PEM. Errors carry Go's `x509` texts in the order
    /// `CreateCertificate` checks.
    func issue(subjectKey: PrivateKey, parent: Parent, signingKey: PrivateKey) throws -> SprigCertificate {
        guard let signer = signingKey.signer, let algorithm = signingKey.signatureAlgorithm else {
            throw GoFunctionError("error creating certificate: x509: certificate private key does not implement crypto.Signer")
        }
        guard let publicKey = subjectKey.certificatePublicKey else {
            throw GoFunctionError("error creating certificate: x509: unsupported public key type: *dsa.PublicKey")
        }
        let subject = try subjectName()
        let issuer: DistinguishedName
        var authorityKeyID: ArraySlice<UInt8>? = nil
        switch parent {
        case .selfSigned:
            issuer = subject
        case .certificate(let ca):
            issuer = ca.subject
            if try Self.der(issuer) != Self.der(subject), let ski = try? ca.extensions.subjectKeyIdentifier {
                authorityKeyID = ski.keyIdentifier
            }
            guard signer.publicKey == ca.publicKey else {
                throw GoFunctionError("error creating certificate: x509: provided PrivateKey doesn't match parent's PublicKey")
            }
        }
        for name in dnsNames where name.unicodeScalars.contains(where: { $0.value > 0x7F }) {
            throw GoFunctionError("error creating certificate: x509: \(GoFmt.sprintf("%q", [.string(name)])) cannot be encoded as an IA5String")
        }

        var extensions: [Certificate.Extension] = [
            try Certificate.Extension(
                KeyUsage(digitalSignature: true, keyEncipherment: true, keyCertSign: isCA), critical: true),
            try Certificate.Extension(ExtendedKeyUsage([.serverAuth, .clientAuth]), critical: false),
            try Certificate.Extension(
                isCA ? BasicConstraints.isCertificateAuthority(maxPathLength: nil) : .notCertificateAuthority, critical: true),
        ]
        if isCA {
            // Go 1.25+: RFC 7093 method 1, the leftmost 160 bits of SHA-256 over the key bits.
            let id = Array(SHA256.hash(data: subjectKey.subjectPublicKeyBits).prefix(20))
            extensions.append(try Certificate.Extension(SubjectKeyIdentifier(keyIdentifier: id[...]), critical: false))
        }
        if let authorityKeyID {
            extensions.append(try Certificate.Extension(AuthorityKeyIdentifier(keyIdentifier: authorityKeyID), critical: false))
        }
        if !dnsNames.isEmpty || !ipAddresses.isEmpty {
            let names = dnsNames.map { GeneralName.dnsName($0) }
                + ipAddresses.map { GeneralName.ipAddress(ASN1OctetString(contentBytes: GoIP.sanBytes($0)[...])) }
            extensions.append(
                try Certificate.Extension(SubjectAlternativeNames(names), critical: subject.isEmpty))
        }

        let (notBefore, notAfter) = validity()
        let certificate = try Certificate(
            version: .v3, serialNumber: Self.randomSerial(), publicKey: publicKey,
            notValidBefore: notBefore, notValidAfter: notAfter, issuer: issuer, subject: subject,
            signatureAlgorithm: algorithm, extensions: try Certificate.Extensions(extensions),
            issuerPrivateKey: signer)
        var coder = DER.Serializer()
        try coder.serialize(certificate)
        return SprigCertificate(
            cert: PEMBlock(type: "CERTIFICATE", bytes: coder.serializedBytes).encoded, key: subjectKey.pemBlock.encoded)
    }

    /// `pkix.Name{CommonName: cn}`: no attribute for an empty name; a PrintableString when
    /// every character is in Go's printable set (no `*` or `&`), a UTF8String otherwise.
    private func subjectName() throws -> DistinguishedName {
        if commonName.isEmpty { return DistinguishedName() }
        let attribute: RelativeDistinguishedName.Attribute
        if commonName.utf8.allSatisfy(Self.isPrintable) {
            attribute = try .init(type: .RDNAttributeType.commonName, printableString: commonName)
        } else {
            attribute = .init(type: .RDNAttributeType.commonName, utf8String: commonName)
        }
        return DistinguishedName([RelativeDistinguishedName(attribute)])
    }

    /// `encoding/asn1`'s `isPrintable` with asterisks and ampersands rejected.
    private static func isPrintable(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return " '()+,-./:=?".utf8.contains(c)
        }
    }

    /// NotBefore is now; NotAfter adds `daysValid` days as a Go `time.Duration`, whose
    /// int64 nanoseconds wrap past about 106,751 days exactly as Go's do. Times are cut to
    /// whole seconds, as the ASN.1 time encodings cut them.
    private func validity() -> (Date, Date) {
        let now = Date().timeIntervalSince1970
        var seconds = Int64(now.rounded(.down))
        var nanos = Int64((now - Double(seconds)) * 1e9)
        let duration = Int64(86_400_000_000_000) &* Int64(daysValid)
        let notBefore = Date(timeIntervalSince1970: Double(seconds))
        seconds += duration / 1_000_000_000
        nanos += duration % 1_000_000_000
        if nanos < 0 { seconds -= 1 } else if nanos >= 1_000_000_000 { seconds += 1 }
        return (notBefore, Date(timeIntervalSince1970: Double(seconds)))
    }

    /// `rand.Int(rand.Reader, 2^128)`.
    private static func randomSerial() -> Certificate.SerialNumber {
        var rng = SystemRandomNumberGenerator()
        return Certificate.SerialNumber(bytes: (0..<16).map { _ in UInt8.random(in: 0...255, using: &rng) })
    }

    static func der(_ name: DistinguishedName) throws -> [UInt8] {
        var coder = DER.Serializer()
        try coder.serialize(name)
        return coder.serializedBytes
    }
}
