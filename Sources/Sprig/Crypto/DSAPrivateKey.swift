import CCryptoBoringSSL
import SwiftASN1

/// A DSA private key in the layout Sprig marshals (`DSAKeyFormat`, OpenSSL's
/// `DSA PRIVATE KEY`: version 0, P, Q, G, Y, X).
///
/// swift-crypto offers no DSA API, but the BoringSSL it builds still carries FIPS 186 DSA;
/// `genPrivateKey "dsa"` uses it (the module is reached through swift-crypto, which links
/// it), so no primitive is written here. Go can neither sign certificates with DSA nor put
/// DSA keys in them, so the key is only ever generated, parsed and written back out.
struct DSAPrivateKey: Sendable, Equatable {
    let der: [UInt8]

    /// Validates the six-integer structure, as Go's `asn1.Unmarshal` into `DSAKeyFormat` does.
    init(der: [UInt8]) throws {
        do {
            try DER.sequence(try DER.parse(der), identifier: .sequence) { nodes in
                for _ in 0..<6 { _ = try ArraySlice<UInt8>(derEncoded: &nodes) }
            }
        } catch {
            throw KeyParseError(KeyParseError.asn1(error))
        }
        self.der = der
    }

    private init(trusted der: [UInt8]) { self.der = der }

    /// `dsa.GenerateParameters(…, dsa.L2048N256)` then `dsa.GenerateKey`: BoringSSL picks a
    /// 256-bit Q for 2048-bit parameters, as Go's L2048N256 does.
    static func generate() throws -> DSAPrivateKey {
        guard let dsa = CCryptoBoringSSL_DSA_new() else { throw KeyParseError("failed to allocate DSA key") }
        defer { CCryptoBoringSSL_DSA_free(dsa) }
        guard CCryptoBoringSSL_DSA_generate_parameters_ex(dsa, 2048, nil, 0, nil, nil, nil) == 1 else {
            throw KeyParseError("failed to generate dsa params")
        }
        guard CCryptoBoringSSL_DSA_generate_key(dsa) == 1 else { throw KeyParseError("failed to generate dsa key") }
        var cbb = CBB()
        guard CCryptoBoringSSL_CBB_init(&cbb, 0) == 1 else { throw KeyParseError("failed to marshal dsa key") }
        defer { CCryptoBoringSSL_CBB_cleanup(&cbb) }
        guard CCryptoBoringSSL_DSA_marshal_private_key(&cbb, dsa) == 1 else { throw KeyParseError("failed to marshal dsa key") }
        let der = Array(UnsafeBufferPointer(start: CCryptoBoringSSL_CBB_data(&cbb), count: CCryptoBoringSSL_CBB_len(&cbb)))
        return DSAPrivateKey(trusted: der)
    }
}
