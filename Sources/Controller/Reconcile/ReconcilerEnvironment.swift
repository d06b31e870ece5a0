import Charts
import ChartSources
import Foundation
import KubeClient
import Values

/// What every reconcile shares: one API client and mapper, one chart cache, one Event
/// recorder.
public struct ReconcilerEnvironment: Sendable {
    public var client: APIClient
    public var mapper: RESTMapper
    public var fetcher: ChartFetcher
    public var events: EventRecorder?
    /// What `.Capabilities` says while rendering.
    public var capabilities: Capabilities
    /// The field manager of every apply.
    public var fieldManager: String
    /// How often readiness is polled while waiting.
    public var readinessPollInterval: Duration
    public var now: @Sendable () -> Date
    /// The controller's informer caches, read instead of the server where they can be
    /// trusted; `.none` outside a controller.
    public var caches: InformerCaches = .none
    /// The ServiceAccount (of the HelmRelease's namespace) a release without
    /// `spec.serviceAccountName` acts as (`--default-service-account`); nil acts as the
    /// controller itself.
    public var defaultServiceAccount: String?
    /// Whether `dependsOn` may name HelmReleases of other namespaces
    /// (`--no-cross-namespace-refs` turns it off, for tenants sharing a cluster).
    public var allowsCrossNamespaceReferences = true

    public init(
        client: APIClient, mapper: RESTMapper, fetcher: ChartFetcher, events: EventRecorder? = nil,
        capabilities: Capabilities = .helmDefault, fieldManager: String = "rudder", readinessPollInterval: Duration = .seconds(1),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.client = client
        self.mapper = mapper
        self.fetcher = fetcher
        self.events = events
        self.capabilities = capabilities
        self.fieldManager = fieldManager
        self.readinessPollInterval = readinessPollInterval
        self.now = now
    }

    /// This environment acting for `release`: its client impersonates the release's
    /// ServiceAccount (`spec.serviceAccountName`, else the default) for every read and write
    /// of the release's objects and history. The HelmRelease itself, its values and Events
    /// stay the controller's.
    func acting(for release: HelmRelease) -> ReconcilerEnvironment {
        guard let name = release.spec.serviceAccountName ?? defaultServiceAccount, !name.isEmpty,
            let namespace = release.metadata.namespace
        else { return self }
        var copy = self
        copy.client = client.impersonating(.serviceAccount(namespace: namespace, name: name))
        return copy
    }

    var goNow: GoTime {
        let t = now().timeIntervalSince1970
        let seconds = floor(t)
        return GoTime(seconds: Int64(seconds), nanoseconds: Int32((t - seconds) * 1e9))
    }

    var kubeNow: Time { Time(date: now()) }
}

/// The names a HelmRelease's release lives under, by the controller's defaults:
/// `releaseName` ← the object's name, `targetNamespace` ← its namespace,
/// `storageNamespace` ← `targetNamespace`.
public struct ReleaseNames: Sendable, Equatable {
    public var release: String
    public var targetNamespace: String
    public var storageNamespace: String

    /// What the spec asks for now.
    public init(_ hr: HelmRelease) {
        let namespace = hr.metadata.namespace ?? "default"
        release = hr.spec.releaseName.nonEmpty ?? hr.metadata.name ?? ""
        targetNamespace = hr.spec.targetNamespace.nonEmpty ?? namespace
        storageNamespace = hr.spec.storageNamespace.nonEmpty ?? targetNamespace
    }

    /// The release the HelmRelease manages at the moment: where its status says the last
    /// reconcile recorded it (a renamed release lives on under its old name until the
    /// controller moves it), else what the spec implies.
    public static func current(_ hr: HelmRelease) -> ReleaseNames {
        var names = ReleaseNames(hr)
        if let recorded = hr.status?.releaseName.nonEmpty { names.release = recorded }
        if let recorded = hr.status?.storageNamespace.nonEmpty { names.storageNamespace = recorded }
        return names
    }
}

extension Optional<String> {
    fileprivate var nonEmpty: String? { flatMap { $0.isEmpty ? nil : $0 } }
}

/// A Go duration (`10m`, `1h30m`, `500ms`) as a `Duration`, by Go's own parser; the CRD's
/// pattern admits only valid ones, so `fallback` covers an unset field.
enum GoDurationText {
    static func parse(_ text: String?, default fallback: Duration) -> Duration {
        guard let text, !text.isEmpty, let parsed = try? GoDuration.parse(text) else { return fallback }
        return .nanoseconds(parsed.nanoseconds)
    }
}
