/// Helm's `validateNoDeprecations`: an object whose API version Kubernetes marks
/// deprecated at the target version (or removed by it) gets the apiserver's warning.
enum LintDeprecations {
    private static let index: [String: LintDeprecationTable.Entry] = Dictionary(
        LintDeprecationTable.entries.map { ($0.apiVersion + " " + $0.kind, $0) }, uniquingKeysWith: { a, _ in a })

    static func problem(_ head: LintManifestHead, kubeVersion: KubeVersion) -> String? {
        if head.apiVersion.isEmpty || head.kind.isEmpty { return nil }
        guard let entry = index[head.apiVersion + " " + head.kind] else { return nil }
        // Helm's strconv.Atoi of the parts; a version it cannot read reports the error.
        guard let major = Int(kubeVersion.major) else {
            return "strconv.Atoi: parsing \(ChartValidation.goQuote(kubeVersion.major)): invalid syntax"
        }
        guard let minor = Int(kubeVersion.minor) else {
            return "strconv.Atoi: parsing \(ChartValidation.goQuote(kubeVersion.minor)): invalid syntax"
        }
        if entry.major > major || (entry.major == major && entry.minor > minor) { return nil }
        return entry.message
    }
}
