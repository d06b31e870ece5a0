import Foundation

/// `helm lint` for one chart: Helm v4's `action.Lint` around `lint.RunAll`. A packaged
/// chart is unpacked into a temporary folder first, as Helm does; a path without a
/// Chart.yaml is not linted at all.
public enum ChartLint {
    /// Lints the chart folder or archive at `path`.
    public static func lint(path: String, options: LintOptions) -> LintResult {
        var chartPath = path
        var unpacked: String?
        defer { if let unpacked { try? FileManager.default.removeItem(atPath: unpacked) } }
        if path.hasSuffix(".tgz") || path.hasSuffix(".tar.gz") {
            do {
                let (dir, chartDir) = try unpack(path)
                unpacked = dir
                chartPath = chartDir
            } catch {
                return LintResult(chartsLinted: 0, messages: [], errors: ["unable to extract tarball: \(error)"])
            }
        }
        let chartYAML = GoFilePath.join(chartPath, "Chart.yaml")
        guard GoFilePath.exists(chartYAML) else {
            return LintResult(
                chartsLinted: 0, messages: [],
                errors: ["unable to check Chart.yaml file in chart: stat \(chartYAML): no such file or directory"])
        }
        let messages = runAll(chartDir: chartPath, options: options)
        let tolerance: LintSeverity = options.strict ? .warning : .error
        return LintResult(
            chartsLinted: 1, messages: messages, errors: messages.filter { $0.severity >= tolerance }.map(\.text))
    }

    /// Helm's `RunAll`: every rule, in Helm's order, on a chart folder.
    public static func runAll(chartDir: String, options: LintOptions) -> [LintMessage] {
        var linter = Linter(chartDir: GoFilePath.absolute(chartDir))
        LintChartfile.run(&linter)
        LintValues.run(&linter, options: options)
        LintTemplates.run(&linter, options: options)
        LintDependencies.run(&linter)
        LintDependencies.runCRDs(&linter)
        return linter.messages
    }

    /// The archive's files written under a new temporary folder, in a folder named for
    /// the chart (Helm's `chartutil.Expand`). Returns both folders.
    static func unpack(_ path: String) throws -> (temp: String, chart: String) {
        let data = try ChartDirectoryWalk.readFile(path, limit: nil)
        let chart = try ChartLoader.loadArchive(data, name: path)
        let files = try ArchiveChartFiles.load(data, name: path)
        let fm = FileManager.default
        let temp = fm.temporaryDirectory.appendingPathComponent("rudder-lint-\(UUID().uuidString)")
        let root = temp.appendingPathComponent(chart.name)
        for f in files {
            let url = root.appendingPathComponent(f.name)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(f.data).write(to: url)
        }
        return (temp.path, root.path)
    }
}

/// What `helm lint` prints for a run over several paths, and whether it failed.
public struct LintReport: Sendable, Equatable {
    /// The per-chart sections (`==> Linting PATH`, findings, a blank line).
    public var body: String
    /// `N chart(s) linted, M chart(s) failed`.
    public var summary: String
    public var failed: Int
    /// Whether the summary line is printed on success (quiet runs without findings skip it).
    public var printsSummary: Bool

    /// Helm's `newLintCmd` output: with `quiet`, charts without warnings or errors are
    /// skipped and INFO findings hidden. Load failures print as `Error …` lines.
    public init(_ results: [(path: String, result: LintResult)], quiet: Bool) {
        var body = ""
        var failed = 0
        var flagged = 0
        for (path, result) in results {
            let hasProblems = result.hasWarningsOrErrors
            if hasProblems { flagged += 1 }
            if quiet && !hasProblems { continue }
            body += "==> Linting \(path)\n"
            if result.messages.isEmpty {
                for e in result.errors { body += "Error \(e)\n" }
            }
            for m in result.messages where !quiet || m.severity > .info { body += "\(m)\n" }
            if !result.errors.isEmpty { failed += 1 }
            body += "\n"
        }
        self.body = body
        self.failed = failed
        self.summary = "\(results.count) chart(s) linted, \(failed) chart(s) failed"
        self.printsSummary = !quiet || flagged > 0
    }
}
