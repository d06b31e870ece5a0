/// Which form of `/openapi/v2` a client asked for.
///
/// client-go's `OpenAPISchema()` (kubectl's validation and patch-type look-ups) sends only
/// `application/com.github.proto-openapi.spec.v2@v1.0+protobuf` and unmarshals whatever comes
/// back as protobuf, so that name must get protobuf; browsers, curl and aggregators get JSON.
/// The first media range in the client's order that names a form wins (clients that send
/// several do not weight them); anything unrecognised gets JSON rather than a 406.
public enum OpenAPIV2MediaType: Sendable, Equatable {
    case json
    case protobuf

    /// The protobuf names kube-apiserver accepts: client-go's, the dotted spelling it answers
    /// with, and gnostic's historic one.
    static let protobufNames: Set<String> = [
        "application/com.github.proto-openapi.spec.v2@v1.0+protobuf",
        "application/com.github.proto-openapi.spec.v2.v1.0+protobuf",
        "application/com.github.googleapis.gnostic.openapiv2@68f4ded+protobuf",
    ]

    public static func negotiate(accept: String?) -> OpenAPIV2MediaType {
        guard let accept else { return .json }
        for range in accept.split(separator: ",") {
            let type = trimmed(range.split(separator: ";").first ?? "").lowercased()
            if protobufNames.contains(type) { return .protobuf }
            if ["application/json", "application/*", "*/*"].contains(type) { return .json }
        }
        return .json
    }

    private static func trimmed(_ s: Substring) -> String {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        guard let first = s.firstIndex(where: { !blank($0) }), let last = s.lastIndex(where: { !blank($0) }) else { return "" }
        return String(s[first...last])
    }

    /// The Content-Type of the answer.
    public var contentType: String {
        switch self {
        case .json: return "application/json"
        case .protobuf: return "application/com.github.proto-openapi.spec.v2.v1.0+protobuf"
        }
    }
}
