import NIOCore
import NIOSSL
import X509

/// Who is at the other end of a connection, as far as the transport knows: the API layer
/// authenticates from this and the request's `Authorization` header.
public enum PeerIdentity: Sendable, Equatable {
    /// Plain HTTP: no transport identity, and Go clients send no credentials either.
    case plainHTTP
    /// TLS; the subject CN of the client certificate when one was presented (and therefore
    /// verified against the CA during the handshake) and has a CN, and its O attributes,
    /// which kube-apiserver reads as the user's groups (`system:masters`).
    case tls(clientCertificateSubjectCN: String?, organizations: [String] = [])

    /// The identity of a TLS connection whose handshake is done (the first request on it
    /// has arrived). Renegotiation is off, so it holds for the connection's lifetime.
    static func ofTLSConnection(_ channel: any Channel) async -> PeerIdentity {
        let certificate = try? await channel.nioSSL_peerCertificate().get()
        guard let name = certificate.flatMap(Self.commonName) else { return .tls(clientCertificateSubjectCN: nil) }
        return .tls(clientCertificateSubjectCN: name, organizations: certificate.map(Self.organizations) ?? [])
    }

    /// The subject's O values in order, as Go's `pkix.Name.Organization` lists them.
    static func organizations(of certificate: NIOSSLCertificate) -> [String] {
        guard let der = try? certificate.toDERBytes(), let parsed = try? Certificate(derEncoded: der) else { return [] }
        return parsed.subject.flatMap { rdn in
            rdn.filter { $0.type == .RDNAttributeType.organizationName }.compactMap { String($0.value) }
        }
    }

    /// The subject's last CN, as Go's `pkix.Name.CommonName` (and so kube-apiserver) reads it;
    /// an empty CN counts as none, since kube-apiserver then authenticates no user.
    static func commonName(of certificate: NIOSSLCertificate) -> String? {
        guard let der = try? certificate.toDERBytes(), let parsed = try? Certificate(derEncoded: der) else { return nil }
        var name: String?
        for rdn in parsed.subject {
            for attribute in rdn where attribute.type == .RDNAttributeType.commonName {
                name = String(attribute.value)
            }
        }
        return name?.isEmpty == false ? name : nil
    }
}
