import Values

/// How serious a lint finding is: Helm's `support.*Sev` constants, in order.
public enum LintSeverity: Int, Sendable, Comparable, CaseIterable {
    case unknown = 0
    case info = 1
    case warning = 2
    case error = 3

    /// The label `helm lint` prints between brackets.
    public var label: String {
        switch self {
        case .unknown: return "UNKNOWN"
        case .info: return "INFO"
        case .warning: return "WARNING"
        case .error: return "ERROR"
        }
    }

    public static func < (a: LintSeverity, b: LintSeverity) -> Bool { a.rawValue < b.rawValue }
}

/// One finding of a lint rule: Helm's `support.Message`.
public struct LintMessage: Sendable, Equatable, CustomStringConvertible {
    public var severity: LintSeverity
    /// What the finding is about: `Chart.yaml`, `values.yaml`, `templates/`, a template
    /// (`templates/x.yaml`), a CRD file, or the chart folder itself.
    public var path: String
    public var text: String

    public init(severity: LintSeverity, path: String, text: String) {
        self.severity = severity
        self.path = path
        self.text = text
    }

    /// `[SEVERITY] path: text`, as `helm lint` prints it.
    public var description: String { "[\(severity.label)] \(path): \(text)" }
}

/// What `helm lint` asks of a run: the values to render with and how strict to be.
public struct LintOptions: Sendable {
    /// User values (`-f`, `--set`…), already merged.
    public var values: [String: Value]
    public var namespace: String
    /// `--kube-version`: Capabilities and the deprecation check use it; nil is Helm's default.
    public var kubeVersion: KubeVersion?
    /// `--strict`: warnings fail the chart too.
    public var strict: Bool
    public var skipSchemaValidation: Bool

    public init(
        values: [String: Value] = [:], namespace: String = "default", kubeVersion: KubeVersion? = nil,
        strict: Bool = false, skipSchemaValidation: Bool = false
    ) {
        self.values = values
        self.namespace = namespace
        self.kubeVersion = kubeVersion
        self.strict = strict
        self.skipSchemaValidation = skipSchemaValidation
    }
}

/// The outcome of linting one chart path: Helm's `action.LintResult` for it.
public struct LintResult: Sendable, Equatable {
    /// 1 when the path was a chart that the rules ran on, 0 when it could not be opened.
    public var chartsLinted: Int
    public var messages: [LintMessage]
    /// The texts that fail the chart: every finding at or above the tolerance, or the
    /// reason the path could not be linted at all.
    public var errors: [String]

    public init(chartsLinted: Int, messages: [LintMessage], errors: [String]) {
        self.chartsLinted = chartsLinted
        self.messages = messages
        self.errors = errors
    }

    /// Helm's `HasWarningsOrErrors`.
    public var hasWarningsOrErrors: Bool {
        messages.contains { $0.severity > .info } || !errors.isEmpty
    }
}

/// Helm's `support.Linter`: collects the findings of one chart's rules.
struct Linter {
    let chartDir: String
    private(set) var messages: [LintMessage] = []

    init(chartDir: String) { self.chartDir = chartDir }

    /// Records `problem` when there is one; true when the rule passed (Helm's
    /// `RunLinterRule`, whose result guards the rules that depend on it).
    @discardableResult
    mutating func rule(_ severity: LintSeverity, _ path: String, _ problem: String?) -> Bool {
        guard let problem else { return true }
        messages.append(LintMessage(severity: severity, path: path, text: problem))
        return false
    }
}
