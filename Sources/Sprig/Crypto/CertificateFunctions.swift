import Crypto
import SwiftASN1
import Values
import X509
import _CryptoExtras

/// Sprig's key and certificate generators (`crypto.go`), with Go's signatures and error
/// texts. Fresh certificate keys are RSA 2048 as Sprig makes them; the `…WithKey` forms
/// take any key `parsePrivateKeyPEM` reads and hand it back re-marshalled.
enum CertificateFunctions {
    private static let list: GoType = .slice(.interface)
    private static let certificate = SprigCertificate.type

    static let all: [GoFunction] = [
        .string("genPrivateKey", [.string]) { generatePrivateKey($0.string(0)) },
        GoFunction("genCA", [.string, .int]) { args in
            try certificateAuthority(args.string(0), args.int(1), key: try freshRSAKey())
        },
        GoFunction("genCAWithKey", [.string, .int, .string]) { args in
            try certificateAuthority(args.string(0), args.int(1), key: try parsedKey(args.string(2)))
        },
        GoFunction("genSelfSignedCert", [.string, list, list, .int]) { args in
            try selfSigned(args, key: try freshRSAKey())
        },
        GoFunction("genSelfSignedCertWithKey", [.string, list, list, .int, .string]) { args in
            try selfSigned(args, key: try parsedKey(args.string(4)))
        },
        GoFunction("genSignedCert", [.string, list, list, .int, certificate]) { args in
            try signed(args, ca: SprigCertificate.argument(args[4]), key: try freshRSAKey())
        },
        GoFunction("genSignedCertWithKey", [.string, list, list, .int, certificate, .string]) { args in
            let key = try parsedKey(args.string(5))
            return try signed(args, ca: SprigCertificate.argument(args[4]), key: key)
        },
        GoFunction("buildCustomCert", [.string, .string]) { args in
            .object(try buildCustomCertificate(base64Cert: args.string(0), base64Key: args.string(1)))
        },
    ]

    /// `generatePrivateKey`: RSA 4096 (also for ""), ECDSA P-256, Ed25519 or DSA
    /// L2048N256, as PEM; failures come back as text, never as errors.
    static func generatePrivateKey(_ type: String) -> String {
        let key: PrivateKey
        do {
            switch type {
            case "", "rsa": key = .rsa(try _RSA.Signing.PrivateKey(keySize: .bits4096))
            case "dsa": key = .dsa(try DSAPrivateKey.generate())
            case "ecdsa": key = .p256(P256.Signing.PrivateKey())
            case "ed25519": key = .ed25519(Curve25519.Signing.PrivateKey())
            default: return "Unknown type " + type
            }
        } catch {
            return "failed to generate private key: \(error)"
        }
        return key.pemBlock.encoded
    }

    private static func freshRSAKey() throws -> PrivateKey {
        do {
            return .rsa(try _RSA.Signing.PrivateKey(keySize: .bits2048))
        } catch {
            throw GoFunctionError("error generating rsa key: \(error)")
        }
    }

    /// The `…WithKey` forms' key, with their "parsing private key: " prefix.
    private static func parsedKey(_ pem: String) throws -> PrivateKey {
        do {
            return try PrivateKey.parse(pem: pem)
        } catch {
            throw GoFunctionError("parsing private key: \(error)")
        }
    }

    private static func certificateAuthority(_ cn: String, _ days: Int, key: PrivateKey) throws -> Value {
        var template = try CertificateTemplate(commonName: cn, ips: .null, dnsNames: .null, daysValid: days)
        template.isCA = true
        return .object(try template.issue(subjectKey: key, parent: .selfSigned, signingKey: key))
    }

    private static func selfSigned(_ args: [Value], key: PrivateKey) throws -> Value {
        let template = try CertificateTemplate(commonName: args.string(0), ips: args[1], dnsNames: args[2], daysValid: args.int(3))
        return .object(try template.issue(subjectKey: key, parent: .selfSigned, signingKey: key))
    }

    /// `generateSignedCertificateWithKeyInternal`: the CA's certificate and key are read
    /// back from its PEM before the new certificate's template is checked.
    private static func signed(_ args: [Value], ca: SprigCertificate, key: PrivateKey) throws -> Value {
        guard let block = PEMBlock.decode(ca.cert) else { throw GoFunctionError("unable to decode certificate") }
        let parent: Certificate
        do {
            parent = try Certificate(derEncoded: block.bytes)
        } catch {
            throw GoFunctionError("error parsing certificate: decodedSignerCert.Bytes: x509: malformed certificate")
        }
        let signingKey: PrivateKey
        do {
            signingKey = try PrivateKey.parse(pem: ca.key)
        } catch {
            throw GoFunctionError("error parsing private key: \(error)")
        }
        let template = try CertificateTemplate(commonName: args.string(0), ips: args[1], dnsNames: args[2], daysValid: args.int(3))
        return .object(try template.issue(subjectKey: key, parent: .certificate(parent), signingKey: signingKey))
    }

    /// `buildCustomCertificate`: both inputs base64 of PEM text, checked (the certificate
    /// parses, the key is one `parsePrivateKeyPEM` reads) and returned as given.
    static func buildCustomCertificate(base64Cert: String, base64Key: String) throws -> SprigCertificate {
        guard case .success(let cert) = Base64.decode(base64Cert) else {
            throw GoFunctionError("unable to decode base64 certificate")
        }
        guard case .success(let key) = Base64.decode(base64Key) else {
            throw GoFunctionError("unable to decode base64 private key")
        }
        let certText = String(decoding: cert, as: UTF8.self), keyText = String(decoding: key, as: UTF8.self)
        guard let block = PEMBlock.decode(certText) else { throw GoFunctionError("unable to decode certificate") }
        do {
            _ = try Certificate(derEncoded: block.bytes)
        } catch {
            throw GoFunctionError("error parsing certificate: decodedCert.Bytes: x509: malformed certificate")
        }
        do {
            _ = try PrivateKey.parse(pem: keyText)
        } catch {
            throw GoFunctionError("error parsing private key: \(error)")
        }
        return SprigCertificate(cert: certText, key: keyText)
    }
}
