import Crypto
import _CryptoExtras
import SwiftASN1
import X509

/// A private key as Sprig holds one: the Go key types `genPrivateKey` makes and
/// `parsePrivateKeyPEM` accepts (`*rsa.PrivateKey`, `*ecdsa.PrivateKey` on the NIST curves,
/// `ed25519.PrivateKey`, `*dsa.PrivateKey`).
enum PrivateKey {
    case rsa(_RSA.Signing.PrivateKey)
    case p256(P256.Signing.PrivateKey)
    case p384(P384.Signing.PrivateKey)
    case p521(P521.Signing.PrivateKey)
    case ed25519(Curve25519.Signing.PrivateKey)
    case dsa(DSAPrivateKey)

    /// Sprig's `pemBlockForKey`: RSA as PKCS#1 (`RSA PRIVATE KEY`), ECDSA as SEC 1
    /// (`EC PRIVATE KEY`), DSA as OpenSSL's `DSA PRIVATE KEY`, anything else as PKCS#8.
    var pemBlock: PEMBlock {
        switch self {
        case .rsa(let k): return PEMBlock(type: "RSA PRIVATE KEY", bytes: Array(k.derRepresentation))
        case .p256(let k):
            return PEMBlock(type: "EC PRIVATE KEY", bytes: SEC1.encode(
                privateScalar: Array(k.rawRepresentation), curve: .p256, publicPoint: Array(k.publicKey.x963Representation)))
        case .p384(let k):
            return PEMBlock(type: "EC PRIVATE KEY", bytes: SEC1.encode(
                privateScalar: Array(k.rawRepresentation), curve: .p384, publicPoint: Array(k.publicKey.x963Representation)))
        case .p521(let k):
            return PEMBlock(type: "EC PRIVATE KEY", bytes: SEC1.encode(
                privateScalar: Array(k.rawRepresentation), curve: .p521, publicPoint: Array(k.publicKey.x963Representation)))
        case .ed25519(let k): return PEMBlock(type: "PRIVATE KEY", bytes: PKCS8.encodeEd25519(seed: Array(k.rawRepresentation)))
        case .dsa(let k): return PEMBlock(type: "DSA PRIVATE KEY", bytes: k.der)
        }
    }

    /// The key as swift-certificates signs with it; nil for DSA, which Go's `x509`
    /// cannot sign with either ("does not implement crypto.Signer").
    var signer: Certificate.PrivateKey? {
        switch self {
        case .rsa(let k): return Certificate.PrivateKey(k)
        case .p256(let k): return Certificate.PrivateKey(k)
        case .p384(let k): return Certificate.PrivateKey(k)
        case .p521(let k): return Certificate.PrivateKey(k)
        case .ed25519(let k): return Certificate.PrivateKey(k)
        case .dsa: return nil
        }
    }

    /// The public half as a certificate carries it; nil for DSA, whose public keys Go's
    /// `x509` does not marshal ("unsupported public key type: *dsa.PublicKey").
    var certificatePublicKey: Certificate.PublicKey? { signer?.publicKey }

    /// The signature algorithm Go's `x509.CreateCertificate` picks for the key: SHA-256
    /// with RSA, ECDSA with the hash matching the curve, pure Ed25519.
    var signatureAlgorithm: Certificate.SignatureAlgorithm? {
        switch self {
        case .rsa: return .sha256WithRSAEncryption
        case .p256: return .ecdsaWithSHA256
        case .p384: return .ecdsaWithSHA384
        case .p521: return .ecdsaWithSHA512
        case .ed25519: return .ed25519
        case .dsa: return nil
        }
    }

    /// The contents of the `subjectPublicKey` BIT STRING, which Go hashes for the subject
    /// key identifier.
    var subjectPublicKeyBits: [UInt8] {
        switch self {
        case .rsa(let k): return Array(k.publicKey.pkcs1DERRepresentation)
        case .p256(let k): return Array(k.publicKey.x963Representation)
        case .p384(let k): return Array(k.publicKey.x963Representation)
        case .p521(let k): return Array(k.publicKey.x963Representation)
        case .ed25519(let k): return Array(k.publicKey.rawRepresentation)
        case .dsa: return []
        }
    }
}

extension PrivateKey {
    /// Sprig's `parsePrivateKeyPEM`, with its error texts: the first PEM block is read as
    /// PKCS#8 (`PRIVATE KEY`) or by the algorithm its type names (`RSA`, `EC`, `DSA`).
    static func parse(pem: String) throws -> PrivateKey {
        guard let block = PEMBlock.decode(pem) else { throw KeyParseError("no PEM data in input") }
        if block.type == "PRIVATE KEY" {
            do {
                return try PKCS8.decode(block.bytes)
            } catch {
                throw KeyParseError("decoding PEM as PKCS#8: \(error)")
            }
        }
        guard block.type.hasSuffix(" PRIVATE KEY") else {
            throw KeyParseError("no private key data in PEM block of type \(block.type)")
        }
        switch block.type.dropLast(" PRIVATE KEY".count) {
        case "RSA":
            do {
                return .rsa(try rsaKey(pkcs1: block.bytes))
            } catch {
                throw KeyParseError("parsing RSA private key from PEM: \(error)")
            }
        case "EC":
            do {
                return try SEC1.decode(block.bytes, curve: nil)
            } catch {
                throw KeyParseError("parsing EC private key from PEM: \(error)")
            }
        case "DSA":
            do {
                return .dsa(try DSAPrivateKey(der: block.bytes))
            } catch {
                throw KeyParseError("parsing DSA private key from PEM: \(error)")
            }
        default:
            throw KeyParseError("invalid private key type \(block.type)")
        }
    }

    /// `x509.ParsePKCS1PrivateKey`. The "unsafe" initialiser admits keys under 2048 bits,
    /// which Go accepts from 1024 bits on.
    static func rsaKey(pkcs1 der: [UInt8]) throws -> _RSA.Signing.PrivateKey {
        do {
            return try _RSA.Signing.PrivateKey(unsafeDERRepresentation: der)
        } catch {
            throw KeyParseError("x509: failed to parse RSA private key")
        }
    }
}

/// Why a key's DER did not parse, in the words Go's `x509` uses where they are simple.
struct KeyParseError: Error, CustomStringConvertible, Sendable {
    let description: String
    init(_ description: String) { self.description = description }

    /// A DER parse failure in the shape of Go's `encoding/asn1` errors ("asn1: structure
    /// error: …"); the detail is SwiftASN1's, without its source location.
    static func asn1(_ error: any Error) -> String {
        if let e = error as? KeyParseError { return e.description }
        if let e = error as? ASN1Error { return "asn1: structure error: \(e.code)" }
        return "asn1: structure error: \(error)"
    }
}
