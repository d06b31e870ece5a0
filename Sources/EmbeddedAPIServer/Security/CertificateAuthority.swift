import Crypto
import Foundation
import SwiftASN1
import X509

/// The private CA the embedded API server signs its serving and client certificates with,
/// so that clients verify the server for real (no `insecure-skip-tls-verify`) and a
/// kubeconfig can carry `certificate-authority-data` exactly as one for a real cluster does.
///
/// ECDSA P-256 throughout: Go's crypto/tls, OpenSSL (Python's `ssl`, curl) and BoringSSL
/// (NIOSSL) all accept it, and generating it is instant, unlike RSA.
public struct CertificateAuthority: Sendable {
    /// The CA certificate, PEM (`-----BEGIN CERTIFICATE-----`).
    public let certificatePEM: String
    /// The CA's private key, PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`).
    public let privateKeyPEM: String
    let certificate: Certificate
    /// X509's wrapper rather than the P256 key itself, which is not `Sendable` on Linux.
    let key: Certificate.PrivateKey

    /// How long certificates issued now stay valid. Client-go backdates its self-signed
    /// certificates by an hour so that a peer whose clock lags still accepts them; so do we.
    static let backdate: TimeInterval = 3600
    static let authorityLifetime: TimeInterval = 10 * 365 * 86_400
    static let leafLifetime: TimeInterval = 365 * 86_400

    /// A new self-signed CA.
    public static func generate(commonName: String = "rudder-ca", now: Date = Date()) throws -> CertificateAuthority {
        let key = P256.Signing.PrivateKey()
        let publicKey = Certificate.PublicKey(key.publicKey)
        let name = try DistinguishedName { CommonName(commonName) }
        // Python 3.13's default VERIFY_X509_STRICT insists on a critical basicConstraints,
        // a keyUsage and a subject key identifier on a CA.
        let extensions = try Certificate.Extensions {
            Critical(BasicConstraints.isCertificateAuthority(maxPathLength: 0))
            Critical(KeyUsage(digitalSignature: true, keyCertSign: true, cRLSign: true))
            SubjectKeyIdentifier(hash: publicKey)
        }
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: publicKey,
            notValidBefore: now - backdate, notValidAfter: now + authorityLifetime,
            issuer: name, subject: name, signatureAlgorithm: .ecdsaWithSHA256, extensions: extensions,
            issuerPrivateKey: Certificate.PrivateKey(key))
        return try CertificateAuthority(certificate: certificate, key: key)
    }

    /// A CA loaded back from its PEM (a restarted server keeps the CA its clients trust).
    public init(certificatePEM: String, privateKeyPEM: String) throws(TLSMaterialError) {
        let certificate: Certificate
        let key: P256.Signing.PrivateKey
        do {
            certificate = try Certificate(pemEncoded: certificatePEM)
        } catch {
            throw .unreadable(what: "CA certificate", reason: "\(error)")
        }
        do {
            key = try P256.Signing.PrivateKey(pemRepresentation: privateKeyPEM)
        } catch {
            throw .unreadable(what: "CA private key", reason: "\(error)")
        }
        guard certificate.publicKey == Certificate.PublicKey(key.publicKey) else {
            throw .unreadable(what: "CA private key", reason: "it does not match the CA certificate")
        }
        do {
            try self.init(certificate: certificate, key: key)
        } catch {
            throw .unreadable(what: "CA certificate", reason: "\(error)")
        }
    }

    private init(certificate: Certificate, key: P256.Signing.PrivateKey) throws {
        self.certificate = certificate
        self.key = Certificate.PrivateKey(key)
        self.certificatePEM = try certificate.serializeAsPEM().pemString
        self.privateKeyPEM = key.pemRepresentation
    }

    /// When the CA stops being valid; a persisted CA close to this is replaced.
    public var notValidAfter: Date { certificate.notValidAfter }

    /// A serving certificate for `hosts`: IP literals become IP SANs, anything else DNS
    /// SANs (Go ignores the subject CN of a server certificate entirely).
    public func issueServerCertificate(
        hosts: [String] = ["127.0.0.1", "::1", "localhost"], now: Date = Date()
    ) throws -> IssuedCertificate {
        let names = hosts.map { host -> GeneralName in
            if let ip = IPAddressBytes(host) {
                return .ipAddress(ASN1OctetString(contentBytes: ip.bytes[...]))
            }
            return .dnsName(host)
        }
        let subject = try DistinguishedName { CommonName(hosts.first ?? "rudder") }
        return try issue(subject: subject, now: now) { publicKey in
            Critical(KeyUsage(digitalSignature: true))
            try ExtendedKeyUsage([.serverAuth])
            Critical(BasicConstraints.notCertificateAuthority)
            AuthorityKeyIdentifier(keyIdentifier: try authorityKeyIdentifier)
            SubjectKeyIdentifier(hash: publicKey)
            SubjectAlternativeNames(names)
        }
    }

    /// A client certificate. The API server maps CN to the user name and each O to a
    /// group, so the defaults make a cluster administrator (`system:masters`).
    public func issueClientCertificate(
        commonName: String = "rudder-admin", organizations: [String] = ["system:masters"], now: Date = Date()
    ) throws -> IssuedCertificate {
        let subject = try DistinguishedName {
            for organization in organizations { OrganizationName(organization) }
            CommonName(commonName)
        }
        return try issue(subject: subject, now: now) { publicKey in
            Critical(KeyUsage(digitalSignature: true))
            try ExtendedKeyUsage([.clientAuth])
            Critical(BasicConstraints.notCertificateAuthority)
            AuthorityKeyIdentifier(keyIdentifier: try authorityKeyIdentifier)
            SubjectKeyIdentifier(hash: publicKey)
        }
    }

    private var authorityKeyIdentifier: ArraySlice<UInt8> {
        get throws {
            if let ski = try certificate.extensions.subjectKeyIdentifier { return ski.keyIdentifier }
            return SubjectKeyIdentifier(hash: certificate.publicKey).keyIdentifier
        }
    }

    private func issue(
        subject: DistinguishedName, now: Date,
        @ExtensionsBuilder extensions: (Certificate.PublicKey) throws -> Result<Certificate.Extensions, any Error>
    ) throws -> IssuedCertificate {
        let leafKey = P256.Signing.PrivateKey()
        let publicKey = Certificate.PublicKey(leafKey.publicKey)
        let certificate = try Certificate(
            version: .v3, serialNumber: Certificate.SerialNumber(), publicKey: publicKey,
            notValidBefore: now - Self.backdate, notValidAfter: min(now + Self.leafLifetime, notValidAfter),
            issuer: certificate.subject, subject: subject, signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try extensions(publicKey).get(), issuerPrivateKey: key)
        return IssuedCertificate(
            certificatePEM: try certificate.serializeAsPEM().pemString, privateKeyPEM: leafKey.pemRepresentation)
    }
}

/// A certificate signed by the `CertificateAuthority`, with its own key, both PEM.
public struct IssuedCertificate: Sendable, Equatable {
    public var certificatePEM: String
    /// PKCS#8 PEM (`-----BEGIN PRIVATE KEY-----`), which Go, OpenSSL and BoringSSL all read.
    public var privateKeyPEM: String

    public init(certificatePEM: String, privateKeyPEM: String) {
        self.certificatePEM = certificatePEM
        self.privateKeyPEM = privateKeyPEM
    }
}
