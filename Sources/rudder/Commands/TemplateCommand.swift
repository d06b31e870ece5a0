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

    @OptionGroup var valueOptions: ValuesOptions

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
        let user = try valueOptions.merged()
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
