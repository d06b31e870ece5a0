/// The name checks of k8s.io/apimachinery that Helm's lint applies to `metadata.name`,
/// chosen by kind as Helm's `validateMetadataNameFunc` does, with apimachinery's
/// messages.
enum LintKubernetesNames {
    /// Helm's finding for a name, or nil when the kind's rule accepts it.
    static func problem(kind: String, name: String) -> String? {
        let messages: [String]
        switch kind.lowercased() {
        case "service": messages = dns1035Label(name)
        case "namespace": messages = dns1123Label(name)
        case "certificatesigningrequest": messages = []
        case "role", "clusterrole", "rolebinding", "clusterrolebinding": messages = pathSegmentName(name)
        default: messages = dns1123Subdomain(name)
        }
        guard !messages.isEmpty else { return nil }
        let quoted = ChartValidation.goQuote(name)
        let errors = messages.map { "metadata.name: Invalid value: \(quoted): \($0)" }
        // field.ErrorList.ToAggregate: one error as is, several as "[a, b]".
        let aggregate = errors.count == 1 ? errors[0] : "[" + errors.joined(separator: ", ") + "]"
        return "object name does not conform to Kubernetes naming requirements: \(quoted): \(aggregate)"
    }

    static func dns1123Subdomain(_ s: String) -> [String] {
        var out: [String] = []
        if s.utf8.count > 253 { out.append("must be no more than 253 characters") }
        let labelsOK = !s.isEmpty && s.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { isLabel($0, letterFirst: false) }
        if !labelsOK {
            out.append(
                "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
            )
        }
        return out
    }

    static func dns1123Label(_ s: String) -> [String] {
        var out: [String] = []
        if s.utf8.count > 63 { out.append("must be no more than 63 characters") }
        if !isLabel(Substring(s), letterFirst: false) {
            out.append(
                "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
            )
        }
        return out
    }

    static func dns1035Label(_ s: String) -> [String] {
        var out: [String] = []
        if s.utf8.count > 63 { out.append("must be no more than 63 characters") }
        if !isLabel(Substring(s), letterFirst: true) {
            out.append(
                "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"
            )
        }
        return out
    }

    /// `IsPathSegmentName`, which RBAC objects use.
    static func pathSegmentName(_ s: String) -> [String] {
        if s == "." || s == ".." { return ["may not be '\(s)'"] }
        var out: [String] = []
        if s.contains("/") { out.append("may not contain '/'") }
        if s.contains("%") { out.append("may not contain '%'") }
        return out
    }

    /// `[a-z0-9]([-a-z0-9]*[a-z0-9])?` (with `[a-z]` first for DNS-1035).
    private static func isLabel(_ s: Substring, letterFirst: Bool) -> Bool {
        let b = Array(s.utf8)
        guard let first = b.first, let last = b.last else { return false }
        func lowerAlnum(_ c: UInt8) -> Bool { (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) }
        if letterFirst ? !(first >= 0x61 && first <= 0x7A) : !lowerAlnum(first) { return false }
        return lowerAlnum(last) && b.allSatisfy { lowerAlnum($0) || $0 == 0x2D }
    }
}
