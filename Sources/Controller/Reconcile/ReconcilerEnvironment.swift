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

    var goNow: GoTime {
        let t = now().timeIntervalSince1970
        let seconds = floor(t)
        return GoTime(seconds: Int64(seconds), nanoseconds: Int32((t - seconds) * 1e9))
    }

    var kubeNow: Time { Time(date: now()) }
}

/// The names a HelmRelease's release lives under.
struct ReleaseNames: Sendable, Equatable {
    var release: String
    var targetNamespace: String
    var storageNamespace: String

    init(_ hr: HelmRelease) {
        let namespace = hr.metadata.namespace ?? "default"
        release = hr.spec.releaseName.flatMap { $0.isEmpty ? nil : $0 } ?? hr.metadata.name ?? ""
        targetNamespace = hr.spec.targetNamespace.flatMap { $0.isEmpty ? nil : $0 } ?? namespace
        storageNamespace = hr.spec.storageNamespace.flatMap { $0.isEmpty ? nil : $0 } ?? targetNamespace
    }
}

/// A Go duration (`10m`, `1h30m`, `500ms`) as a `Duration`.
enum GoDurationText {
    static func parse(_ text: String?, default fallback: Duration) -> Duration {
        guard let text, !text.isEmpty else { return fallback }
        var total = 0.0
        var number = ""
        var unit = ""
        func flush() -> Bool {
            guard let n = Double(number) else { return false }
            let scale: Double
            switch unit {
            case "ms": scale = 0.001
            case "s": scale = 1
            case "m": scale = 60
            case "h": scale = 3600
            default: return false
            }
            total += n * scale
            number = ""
            unit = ""
            return true
        }
        for c in text {
            if c.isNumber || c == "." {
                if !unit.isEmpty { guard flush() else { return fallback } }
                number.append(c)
            } else {
                unit.append(c)
            }
        }
        guard flush() else { return fallback }
        return .milliseconds(Int64(total * 1000))
    }
}
