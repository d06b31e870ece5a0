import GoTemplate
import Sprig
import Values

/// The release a chart is rendered for (`.Release`).
public struct ReleaseInfo: Sendable, Equatable {
    public var name: String
    public var namespace: String
    public var revision: Int
    public var isInstall: Bool
    public var isUpgrade: Bool
    public var service = "Helm"

    public init(name: String, namespace: String, revision: Int = 1, isInstall: Bool = true, isUpgrade: Bool = false) {
        self.name = name
        self.namespace = namespace
        self.revision = revision
        self.isInstall = isInstall
        self.isUpgrade = isUpgrade
    }

    var templateValue: Value {
        .map([
            "Name": .string(name), "Namespace": .string(namespace), "Revision": .int(revision),
            "IsInstall": .bool(isInstall), "IsUpgrade": .bool(isUpgrade), "Service": .string(service),
        ])
    }
}

public struct RenderOptions: Sendable {
    public var release: ReleaseInfo
    public var capabilities: Capabilities
    /// Helm's `--strict` template rendering: a missing key is an error.
    public var strict: Bool
    public var lookup: LookupResolver?
    public var dnsEnabled: Bool
    /// Receives the warnings Helm logs and carries on from (values that cannot be
    /// coalesced); `rudder template` prints them on stderr as `helm template` does.
    public var onWarning: (@Sendable (String) -> Void)? = nil
    /// Helm's engine `LintMode` (`helm lint`): `required` and `fail` do not stop the render.
    public var lintMode = false

    public init(release: ReleaseInfo, capabilities: Capabilities = .helmDefault, strict: Bool = false,
                lookup: LookupResolver? = nil, dnsEnabled: Bool = false) {
        self.release = release
        self.capabilities = capabilities
        self.strict = strict
        self.lookup = lookup
        self.dnsEnabled = dnsEnabled
    }
}

/// Helm's rendering engine: every template of a chart and its subcharts parsed into one
/// template set (so partials are shared), then each non-partial executed with its
/// chart's view of the values. Output keys are `<chart>/templates/<path>` (subcharts
/// nest as `<chart>/charts/<sub>/templates/<path>`), exactly as Helm's engine returns.
public struct RenderEngine: Sendable {
    public static let commonValuesType: GoType = .named("common.Values", .interfaceMap)

    /// The functions every template may call: Sprig's, then Helm's on top.
    private let functions: [String: TemplateFunction]

    public init(options: RenderOptions) {
        self.options = options
        if options.lookup == nil && !options.lintMode {
            functions = options.dnsEnabled ? Self.offlineFunctionsWithDNS : Self.offlineFunctions
        } else {
            functions = Self.functionTable(lookup: options.lookup, dnsEnabled: options.dnsEnabled,
                                           lintMode: options.lintMode)
        }
    }

    /// The tables of renders without a cluster, built once: building and hashing some
    /// two hundred entries cost a small chart's render a noticeable share of its time.
    /// Lint renders and renders with a cluster lookup build their own.
    private static let offlineFunctions = functionTable(lookup: nil, dnsEnabled: false, lintMode: false)
    private static let offlineFunctionsWithDNS = functionTable(lookup: nil, dnsEnabled: true, lintMode: false)

    /// Sprig's functions, Helm's plain ones over them, lint mode's `required` and `fail`
    /// over those (Helm's engine swaps them in when `LintMode` is set), then Helm's
    /// contextual ones (`include`, `tpl`) on top.
    private static func functionTable(lookup: LookupResolver?, dnsEnabled: Bool,
                                      lintMode: Bool) -> [String: TemplateFunction] {
        var table: [String: TemplateFunction] = [:]
        for (k, v) in Sprig.functions() { table[k] = .plain(v) }
        for (k, v) in HelmFunctions.plain(lookup: lookup, dnsEnabled: dnsEnabled) { table[k] = .plain(v) }
        if lintMode {
            for (k, v) in HelmFunctions.lintMode() { table[k] = .plain(v) }
        }
        for (k, v) in HelmFunctions.contextual() { table[k] = .contextual(v) }
        return table
    }

    public let options: RenderOptions

    struct Renderable {
        let text: String
        let values: [String: Value]
        let basePath: String
    }

    /// Renders a chart whose values are already coalesced (`values` is what `.Values`
    /// shows the top chart).
    public func render(_ chart: Chart, values: [String: Value]) throws -> [String: String] {
        var templates: [String: Renderable] = [:]
        // Templates may change maps (`set`); the render works on its own copy.
        let top: [String: Value] = [
            "Values": Value.map(values, type: Self.commonValuesType).deepCopy(),
            "Release": options.release.templateValue,
            "Capabilities": options.capabilities.templateValue,
        ]
        _ = collect(chart, parentPath: "", into: &templates, values: top)

        var set = TemplateSet(name: "gotpl")
        set.missingKey = options.strict ? .error : .zero
        set.addFunctions(functions)
        set.methodResolver = Self.methods

        let keys = Self.parseOrder(templates.keys)
        for key in keys {
            do {
                try set.parse(name: key, text: templates[key]!.text)
            } catch let e as TemplateError {
                throw RenderError.parse(file: key, error: e)
            }
        }
        var rendered: [String: String] = [:]
        for key in keys {
            if ChartFilesValue.baseName(key).hasPrefix("_") { continue }
            let r = templates[key]!
            var vals = r.values
            vals["Template"] = .map(["Name": .string(key), "BasePath": .string(r.basePath)], type: Self.commonValuesType)
            do {
                let out = try set.execute(key, data: .map(vals, type: Self.commonValuesType))
                rendered[key] = GoStrings.replaceAll(out, "<no value>", "")
            } catch let e as TemplateError {
                throw RenderError.execution(file: key, error: e)
            }
        }
        return rendered
    }

    /// Helm's `recAllTpls`: each chart's templates with the values it sees, its
    /// subcharts' views under `.Subcharts`.
    private func collect(
        _ chart: Chart, parentPath: String, into templates: inout [String: Renderable], values: [String: Value]
    ) -> Value {
        var next: [String: Value] = [
            "Chart": chart.metadata.templateValue(isRoot: chart.isRoot),
            "Files": ChartFilesValue.make(chart.files),
            "Release": values["Release"] ?? .null,
            "Capabilities": values["Capabilities"] ?? .null,
            "Values": .map([:], type: Self.commonValuesType),
        ]
        if chart.isRoot {
            next["Values"] = values["Values"]
        } else if case .map(let parent, _)? = values["Values"], case .map(let own, _)? = parent[chart.name] {
            next["Values"] = .map(own, type: Self.commonValuesType)
        }
        let path = parentPath.isEmpty ? chart.name : parentPath + "/charts/" + chart.name
        var subcharts: [String: Value] = [:]
        for child in chart.dependencies {
            subcharts[child.name] = collect(child, parentPath: path, into: &templates, values: next)
        }
        next["Subcharts"] = .map(subcharts)
        let isLibrary = chart.metadata.type == "library"
        for t in chart.templates {
            if isLibrary && !ChartFilesValue.baseName(t.name).hasPrefix("_") { continue }
            templates[path + "/" + t.name] = Renderable(
                text: String(decoding: t.data, as: UTF8.self), values: next, basePath: path + "/templates")
        }
        return .map(next, type: Self.commonValuesType)
    }

    /// Helm parses deeper paths first, and equal depths in reverse byte order.
    static func parseOrder<S: Sequence>(_ keys: S) -> [String] where S.Element == String {
        // Each key's depth is counted once, not in every comparison.
        var entries = keys.map { key in (key: key, depth: key.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "/") ? 1 : 0) }) }
        entries.sort { a, b in
            if a.depth != b.depth { return a.depth > b.depth }
            return String.goLess(b.key, a.key)
        }
        return entries.map(\.key)
    }

    /// Methods of the named types Helm hands templates.
    @Sendable static func methods(_ receiver: Value, _ name: String) -> GoFunction? {
        switch receiver.goType {
        case ChartFilesValue.type?: return ChartFilesValue.method(receiver, name)
        case VersionSetMethods.type?: return VersionSetMethods.method(receiver, name)
        case commonValuesType?: return CommonValuesMethods.method(receiver, name)
        default: return nil
        }
    }
}

/// Methods of Helm's `common.Values`.
enum CommonValuesMethods {
    static func method(_ receiver: Value, _ name: String) -> GoFunction? {
        guard case .map(let m, _) = receiver else { return nil }
        switch name {
        case "YAML":
            return GoFunction("YAML", []) { _ in .string(try YAML.encode(.map(m.dictionary))) }
        case "AsMap":
            return GoFunction("AsMap", []) { _ in .map(m, type: .interfaceMap) }
        default:
            return nil
        }
    }
}
