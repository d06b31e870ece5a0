/// What the controller asks `ChartFetcher` for: one chart version from one source,
/// with the credentials the HelmRelease's `secretRef` holds.
public struct ChartFetchRequest: Sendable, Hashable {
    public enum Source: Sendable, Hashable {
        /// An HTTP(S) repository with an index.yaml: the chart `name`, at the newest
        /// version satisfying `version` (a semver constraint or exact version; empty: newest stable).
        case repository(url: String, name: String, version: String)
        /// `oci://host[:port]/path/name` (optionally `:tag` or `@sha256:…`), at the
        /// highest tag satisfying `version` when the reference has no tag.
        case oci(reference: String, version: String)
        /// A packaged chart (`.tgz`) already in memory, e.g. from a ConfigMap's binaryData;
        /// `origin` names it in errors (`configmap/apps/charts#podinfo-6.5.0.tgz`).
        case packaged(archive: [UInt8], origin: String)
    }

    public var source: Source
    /// A pin the result must match (`sha256:<hex>`): the OCI manifest digest for `oci`
    /// (as `@sha256:` in a Helm reference), the archive's digest otherwise.
    public var digest: String?
    public var credentials: ChartSourceCredentials
    /// Talk plain HTTP to an OCI registry (Helm's `--plain-http`), e.g. one on loopback.
    /// Off by default: registries are HTTPS.
    public var plainHTTP: Bool

    public init(source: Source, digest: String? = nil, credentials: ChartSourceCredentials = .anonymous, plainHTTP: Bool = false) {
        self.source = source
        self.digest = digest
        self.credentials = credentials
        self.plainHTTP = plainHTTP
    }

    /// A HelmRelease's `spec.chart` shape: `repository` is `https://…` (an index) or
    /// `oci://registry/path` (with `name` appended as Helm appends it).
    public init(
        repository: String, name: String, version: String = "", digest: String? = nil,
        credentials: ChartSourceCredentials = .anonymous, plainHTTP: Bool = false
    ) {
        let source: Source
        if repository.hasPrefix("oci://") {
            var base = Substring(repository)
            while base.hasSuffix("/") { base = base.dropLast() }
            source = .oci(reference: name.isEmpty ? String(base) : "\(base)/\(name)", version: version)
        } else {
            source = .repository(url: repository, name: name, version: version)
        }
        self.init(source: source, digest: digest, credentials: credentials, plainHTTP: plainHTTP)
    }

    /// The source as errors and logs show it (URLs redacted; archive bytes left out).
    public var displayName: String {
        switch source {
        case .repository(let url, let name, let version):
            return "\(name)\(version.isEmpty ? "" : "@\(version)") from \(ChartURL(url)?.redacted ?? url)"
        case .oci(let reference, let version):
            return reference + (version.isEmpty ? "" : " (version \(version))")
        case .packaged(_, let origin):
            return origin
        }
    }
}
