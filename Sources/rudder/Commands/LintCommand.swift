import ArgumentParser
import Charts
import Foundation

/// `rudder lint PATH...`: Helm v4's `helm lint`, with its output and exit status.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint", abstract: "Examine a chart for possible issues, as `helm lint` does.",
        discussion: """
            Runs Helm's lint rules on each chart. Problems that will make the chart fail to \
            install are [ERROR]s; departures from convention are [WARNING]s.
            """)

    @Argument(help: "Chart folders or packaged .tgz files (default: the current folder).")
    var paths: [String] = []

    @OptionGroup var valueOptions: ValuesOptions

    @Flag(help: "Fail on lint warnings.")
    var strict = false

    @Flag(help: "Lint dependent charts too.")
    var withSubcharts = false

    @Flag(help: "Print only warnings and errors.")
    var quiet = false

    @Flag(help: "Disable JSON schema validation.")
    var skipSchemaValidation = false

    @Option(help: "The Kubernetes version used for capabilities and deprecation checks.")
    var kubeVersion: String?

    @Option(name: [.short, .long], help: "The namespace the chart is linted for.")
    var namespace = "default"

    func run() throws {
        var paths = self.paths.isEmpty ? ["."] : self.paths
        var options = LintOptions(namespace: namespace, strict: strict, skipSchemaValidation: skipSchemaValidation)
        if let kubeVersion {
            guard let v = KubeVersion(parsing: kubeVersion) else {
                throw helmStyleFailure("invalid kube version '\(kubeVersion)': Invalid Semantic Version")
            }
            options.kubeVersion = v
        }
        if withSubcharts {
            for p in paths { paths += Self.subchartPaths(under: p) }
        }
        options.values = try valueOptions.merged()
        let results = paths.map { (path: $0, result: ChartLint.lint(path: $0, options: options)) }
        let report = LintReport(results, quiet: quiet)
        print(report.body, terminator: "")
        if report.failed > 0 {
            throw helmStyleFailure(report.summary)
        }
        if report.printsSummary { print(report.summary) }
    }

    /// `--with-subcharts`: every folder holding a Chart.yaml and every packaged chart
    /// under `PATH/charts`, in Go's `filepath.Walk` (lexical) order.
    static func subchartPaths(under path: String) -> [String] {
        var found: [String] = []
        func walk(_ dir: String) {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return }
            for name in names.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                let full = dir + "/" + name
                var isDir: ObjCBool = false
                _ = FileManager.default.fileExists(atPath: full, isDirectory: &isDir)
                if name == "Chart.yaml" {
                    found.append(dir)
                } else if full.hasSuffix(".tgz") || full.hasSuffix(".tar.gz") {
                    found.append(full)
                }
                if isDir.boolValue { walk(full) }
            }
        }
        var root = path
        while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
        walk(root == "." ? "charts" : root + "/charts")
        return found
    }
}
