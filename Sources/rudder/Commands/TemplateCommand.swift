import ArgumentParser
import Charts
import Foundation
import Values

/// `rudder template NAME CHART`: renders a chart locally as `helm template` does.
struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template", abstract: "Render a chart's templates locally, as `helm template` does.")

    @Argument(help: "The release name.")
    var name: String

    @Argument(help: "A chart folder or packaged .tgz.")
    var chart: String

    @Option(name: [.customShort("f"), .long], help: "A values file (repeatable; later files win).")
    var values: [String] = []

    @Option(name: .customLong("set"), help: "Set a value: a.b=c (repeatable).")
    var set: [String] = []

    @Option(name: .customLong("set-string"), help: "Set a string value: a.b=c (repeatable).")
    var setString: [String] = []

    @Option(name: .customLong("set-json"), help: "Set a JSON value: a.b={\"x\":1} (repeatable).")
    var setJSON: [String] = []

    @Option(name: .customLong("set-file"), help: "Set a value from a file: a.b=path (repeatable).")
    var setFile: [String] = []

    @Option(name: .customLong("set-literal"), help: "Set a literal string value: a.b=c (repeatable).")
    var setLiteral: [String] = []

    @Option(name: [.short, .long], help: "The release namespace.")
    var namespace = "default"

    @Option(help: "The Kubernetes version Capabilities report (e.g. v1.30.0).")
    var kubeVersion: String?

    @Option(name: [.customShort("a"), .long], help: "An extra API version Capabilities report (repeatable).")
    var apiVersions: [String] = []

    @Option(help: "json prints {\"files\": {template: text}}; the default is Helm's manifest stream.")
    var output: OutputFormat = .manifests

    enum OutputFormat: String, ExpressibleByArgument {
        case manifests, json
    }

    func run() throws {
        do {
            let files = try render()
            switch output {
            case .json:
                print(try JSON.encode(.map(["files": .map(files.mapValues { .string($0) })]), escapeHTML: false))
            case .manifests:
                print(try ManifestStream.helmTemplateOutput(files), terminator: "")
            }
        } catch {
            if output == .json {
                print((try? JSON.encode(.map(["error": .string("\(error)")]), escapeHTML: false)) ?? "")
                throw ExitCode(1)
            }
            throw ValidationError("\(error)")
        }
    }

    func render() throws -> [String: String] {
        let chart = try ChartLoader.load(path: chart)
        var files: [[String: Value]] = []
        for path in values {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            files.append(try ValuesFile.load(text, name: path))
        }
        let flags = StrVals.Flags(json: setJSON, set: set, setString: setString, setFile: setFile, setLiteral: setLiteral)
        let user = try StrVals.merge(valueFiles: files, flags: flags) { try String(contentsOfFile: $0, encoding: .utf8) }
        var capabilities = Capabilities.helmDefault
        if let kubeVersion {
            guard let v = KubeVersion(parsing: kubeVersion) else {
                throw ValidationError("invalid kube version '\(kubeVersion)'")
            }
            capabilities.kubeVersion = v
        }
        capabilities.apiVersions += apiVersions
        var options = RenderOptions(
            release: ReleaseInfo(name: name, namespace: namespace), capabilities: capabilities)
        options.onWarning = { message in
            FileHandle.standardError.write(Data("\(message)\n".utf8))
        }
        return try ChartRenderer(options: options).render(chart, values: user)
    }
}
