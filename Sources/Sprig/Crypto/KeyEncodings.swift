import Crypto
import SwiftASN1
import _CryptoExtras

/// The NIST curves Go's `crypto/ecdsa` offers and swift-crypto implements.
enum NamedCurve: Sendable {
    case p256, p384, p521

    var oid: ASN1ObjectIdentifier {
        switch self {
        case .p256: return [1, 2, 840, 10045, 3, 1, 7]
        case .p384: return [1, 3, 132, 0, 34]
        case .p521: return [1, 3, 132, 0, 35]
        }
    }

    init?(oid: ASN1ObjectIdentifier) {
        switch oid {
        case NamedCurve.p256.oid: self = .p256
        case NamedCurve.p384.oid: self = .p384
        case NamedCurve.p521.oid: self = .p521
        default: return nil
        }
    }
}

/// SEC 1 `ECPrivateKey` (RFC 5915), as Go's `x509.MarshalECPrivateKey` writes it: version 1,
/// the scalar padded to the curve's size, the curve's OID in `[0]` and the uncompressed
/// public point in `[1]`.
enum SEC1 {
    static func encode(privateScalar: [UInt8], curve: NamedCurve, publicPoint: [UInt8]) -> [UInt8] {
        var coder = DER.Serializer()
        // Serialising integers, octet strings, OIDs and bit strings cannot fail.
        try? coder.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(1)
            try coder.serialize(ASN1OctetString(contentBytes: privateScalar[...]))
            try coder.serialize(curve.oid, explicitlyTaggedWithTagNumber: 0, tagClass: .contextSpecific)
            try coder.serialize(ASN1BitString(bytes: publicPoint[...]), explicitlyTaggedWithTagNumber: 1, tagClass: .contextSpecific)
        }
        return coder.serializedBytes
    }

    /// `x509.ParseECPrivateKey`; `curve` is the one a PKCS#8 wrapper named, if any.
    static func decode(_ der: [UInt8], curve: NamedCurve?) throws -> PrivateKey {
        let parsed: (scalar: ArraySlice<UInt8>, oid: ASN1ObjectIdentifier?)
        do {
            parsed = try DER.sequence(try DER.parse(der), identifier: .sequence) { nodes in
                let version = try Int(derEncoded: &nodes)
                guard version == 1 else { throw KeyParseError("x509: unknown EC private key version \(version)") }
                let scalar = try ASN1OctetString(derEncoded: &nodes).bytes
                let oid = try DER.optionalExplicitlyTagged(&nodes, tagNumber: 0, tagClass: .contextSpecific) {
                    try ASN1ObjectIdentifier(derEncoded: $0)
                }
                _ = try DER.optionalExplicitlyTagged(&nodes, tagNumber: 1, tagClass: .contextSpecific) {
                    try ASN1BitString(derEncoded: $0)
                }
                return (scalar, oid)
            }
        } catch let error as KeyParseError {
            throw error
        } catch {
            throw KeyParseError("x509: failed to parse EC private key: " + KeyParseError.asn1(error))
        }
        guard let named = parsed.oid.flatMap(NamedCurve.init(oid:)) ?? curve else {
            throw KeyParseError("x509: unknown elliptic curve")
        }
        do {
            switch named {
            case .p256: return .p256(try P256.Signing.PrivateKey(rawRepresentation: padded(parsed.scalar, to: 32)))
            case .p384: return .p384(try P384.Signing.PrivateKey(rawRepresentation: padded(parsed.scalar, to: 48)))
            case .p521: return .p521(try P521.Signing.PrivateKey(rawRepresentation: padded(parsed.scalar, to: 66)))
            }
        } catch {
            throw KeyParseError("x509: invalid elliptic curve private key value")
        }
    }

    /// Go accepts scalars shorter than the curve size (old OpenSSL dropped leading zeros).
    private static func padded(_ bytes: ArraySlice<UInt8>, to size: Int) -> [UInt8] {
        var out = Array(bytes.drop(while: { $0 == 0 }))
        if out.count < size { out.insert(contentsOf: [UInt8](repeating: 0, count: size - out.count), at: 0) }
        return out
    }
}

/// PKCS#8 `PrivateKeyInfo` (RFC 5208/5958): Go writes Ed25519 keys this way and reads
/// every supported algorithm from it.
enum PKCS8 {
    static let rsaEncryption: ASN1ObjectIdentifier = [1, 2, 840, 113549, 1, 1, 1]
    static let ecPublicKey: ASN1ObjectIdentifier = [1, 2, 840, 10045, 2, 1]
    static let ed25519: ASN1ObjectIdentifier = [1, 3, 101, 112]

    /// `x509.MarshalPKCS8PrivateKey` for an Ed25519 key: version 0, the bare algorithm
    /// identifier, and the 32-byte seed wrapped in an inner OCTET STRING (RFC 8410).
    static func encodeEd25519(seed: [UInt8]) -> [UInt8] {
        var inner = DER.Serializer()
        try? inner.serialize(ASN1OctetString(contentBytes: seed[...]))
        var coder = DER.Serializer()
        try? coder.appendConstructedNode(identifier: .sequence) { coder in
            try coder.serialize(0)
            try coder.appendConstructedNode(identifier: .sequence) { try $0.serialize(ed25519) }
            try coder.serialize(ASN1OctetString(contentBytes: inner.serializedBytes[...]))
        }
        return coder.serializedBytes
    }

    /// `x509.ParsePKCS8PrivateKey`.
    static func decode(_ der: [UInt8]) throws -> PrivateKey {
        let parsed: (algorithm: ASN1ObjectIdentifier, parameters: ASN1Node?, key: ArraySlice<UInt8>)
        do {
            parsed = try DER.sequence(try DER.parse(der), identifier: .sequence) { nodes in
                _ = try Int(derEncoded: &nodes)
                let (algorithm, parameters) = try DER.sequence(of: nodes.next(), identifier: .sequence) { alg in
                    (try ASN1ObjectIdentifier(derEncoded: &alg), alg.next())
                }
                let key = try ASN1OctetString(derEncoded: &nodes).bytes
                while nodes.next() != nil {}
                return (algorithm, parameters, key)
            }
        } catch {
            throw KeyParseError(KeyParseError.asn1(error))
        }
        switch parsed.algorithm {
        case rsaEncryption:
            do {
                return .rsa(try PrivateKey.rsaKey(pkcs1: Array(parsed.key)))
            } catch {
                throw KeyParseError("x509: failed to parse RSA private key embedded in PKCS#8: \(error)")
            }
        case ecPublicKey:
            let curve = parsed.parameters.flatMap { try? ASN1ObjectIdentifier(derEncoded: $0) }.flatMap(NamedCurve.init(oid:))
            do {
                return try SEC1.decode(Array(parsed.key), curve: curve)
            } catch {
                throw KeyParseError("x509: failed to parse EC private key embedded in PKCS#8: \(error)")
            }
        case ed25519:
            guard parsed.parameters == nil else { throw KeyParseError("x509: invalid Ed25519 private key parameters") }
            guard let seed = try? ASN1OctetString(derEncoded: parsed.key).bytes, seed.count == 32,
                  let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed)
            else {
                throw KeyParseError("x509: invalid Ed25519 private key")
            }
            return .ed25519(key)
        default:
            throw KeyParseError("x509: PKCS#8 wrapping contained private key with unknown algorithm: \(parsed.algorithm)")
        }
    }
}

extension DER {
    /// A SEQUENCE read from an optional node, failing when it is absent.
    fileprivate static func sequence<T>(
        of node: ASN1Node?, identifier: ASN1Identifier, _ builder: (inout ASN1NodeCollection.Iterator) throws -> T
    ) throws -> T {
        guard let node else { throw ASN1Error.invalidASN1Object(reason: "missing algorithm identifier") }
        return try DER.sequence(node, identifier: identifier, builder)
    }
}
