/// apimachinery's name validators with their exact messages (`kubectl` prints them as
/// `metadata.name: Invalid value: "Foo": a lowercase RFC 1123 subdomain must …`).
enum NameValidation {
    static let subdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
    static let labelMessage =
        "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"

    /// Kinds whose names must be DNS labels (no dots, at most 63 characters).
    static func requiresLabel(group: String, kind: String) -> Bool {
        group.isEmpty && (kind == "Namespace" || kind == "Service")
    }

    /// Problems with `name`, empty when it is valid.
    static func problems(_ name: String, label: Bool) -> [String] {
        var out: [String] = []
        let limit = label ? 63 : 253
        if name.utf8.count > limit { out.append("must be no more than \(limit) characters") }
        if !(label ? isLabel(Substring(name)) : name.split(separator: ".", omittingEmptySubsequences: false).allSatisfy(isLabel)) {
            out.append(label ? labelMessage : subdomainMessage)
        }
        return out
    }

    private static func isLabel(_ part: Substring) -> Bool {
        let bytes = Array(part.utf8)
        guard let first = bytes.first, let last = bytes.last else { return false }
        func alnum(_ c: UInt8) -> Bool { (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) }
        return alnum(first) && alnum(last) && bytes.allSatisfy { alnum($0) || $0 == UInt8(ascii: "-") }
    }
}
