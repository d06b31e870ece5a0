import Charts
import Sprig
import Values

/// `rudder dependency list`: Helm's `action.Dependency.List`, a table of the declared
/// dependencies with the state of each in `charts/`, then warnings about what
/// `charts/` holds that Chart.yaml does not declare.
public struct DependencyList: Sendable {
    public struct Row: Sendable, Equatable {
        public var name: String
        public var version: String
        public var repository: String
        /// `ok`, `missing`, `unpacked`, `wrong version`, `invalid version`, `corrupt`,
        /// `misnamed` or `too many matches`.
        public var status: String
    }

    public var chartPath: String
    /// `--max-col-width` (Helm's default 80; 0 means unlimited).
    public var maxColumnWidth = 80

    public init(chartPath: String, maxColumnWidth: Int = 80) {
        self.chartPath = chartPath
        self.maxColumnWidth = maxColumnWidth
    }

    /// The text Helm prints. Fails only when the chart itself does not load.
    public func render() throws(DependencyError) -> String {
        let chart: Chart
        do { chart = try ChartLoader.load(path: chartPath) } catch { throw .chart(path: chartPath, reason: "\(error)") }
        guard declaresDependencies() else {
            return "WARNING: no dependencies at \(FilePath.join(chartPath, "charts"))\n"
        }
        let rows = self.rows(of: chart)
        var table: [[String]] = [["NAME", "VERSION", "REPOSITORY", "STATUS"]]
        table += rows.map { [$0.name, $0.version, $0.repository, $0.status] }
        var text = Self.uitable(table, maxColumnWidth: maxColumnWidth) + "\n\n"
        for line in missingWarnings(chart.metadata.dependencies) { text += line + "\n" }
        return text
    }

    /// Each declared dependency with its status.
    public func rows() throws(DependencyError) -> [Row] {
        let chart: Chart
        do { chart = try ChartLoader.load(path: chartPath) } catch { throw .chart(path: chartPath, reason: "\(error)") }
        return rows(of: chart)
    }

    func rows(of chart: Chart) -> [Row] {
        chart.metadata.dependencies.map { d in
            Row(name: d.name, version: d.version, repository: d.repository, status: status(of: d, parent: chart))
        }
    }

    /// Whether Chart.yaml (or requirements.yaml) has a non-null `dependencies:`, which
    /// is what Helm's nil check on the slice tests.
    private func declaresDependencies() -> Bool {
        guard LocalFiles.isDirectory(chartPath) else {
            return true  // an archive: its metadata decides, and an empty list prints an empty table
        }
        for file in ["Chart.yaml", "requirements.yaml"] {
            if let bytes = try? LocalFiles.read(FilePath.join(chartPath, file)),
               let v = (try? YAML.decode(String(decoding: bytes, as: UTF8.self)))?.mapValue?["dependencies"], !v.isNull
            {
                return true
            }
        }
        return false
    }

    /// Helm's `dependencyStatus`.
    func status(of dep: ChartDependency, parent: Chart) -> String {
        let chartsDir = FilePath.join(chartPath, "charts")
        let prefix = dep.name + "-"
        let archives = ((try? LocalFiles.list(chartsDir)) ?? [])
            .filter { $0.hasPrefix(prefix) && $0.hasSuffix(".tgz") && $0.utf8.count >= prefix.utf8.count + 4 }
            .map { FilePath.join(chartsDir, $0) }
        if archives.count > 1 {
            let found = archives.filter { path in
                let base = LocalFiles.baseName(path)
                let version = String(base.dropLast(4).dropFirst(prefix.count))
                return (try? SemverVersion.strict(version)) != nil
            }
            if found.count == 1 {
                if let r = Self.archiveStatus(found[0], dep) { return r }
            } else if found.count > 1 {
                return "too many matches"
            }
        } else if archives.count == 1, let r = Self.archiveStatus(archives[0], dep) {
            return r
        }
        guard let sub = parent.dependencies.last(where: { $0.name == dep.name }) else { return "missing" }
        if let bad = Self.versionProblem(sub.metadata.version, dep.version) { return bad }
        return "unpacked"
    }

    /// Helm's `statArchiveForStatus`.
    static func archiveStatus(_ path: String, _ dep: ChartDependency) -> String? {
        guard LocalFiles.exists(path) else { return nil }
        guard let chart = try? ChartLoader.load(path: path) else { return "corrupt" }
        if chart.name != dep.name { return "misnamed" }
        return versionProblem(chart.metadata.version, dep.version) ?? "ok"
    }

    private static func versionProblem(_ actual: String, _ wanted: String) -> String? {
        if actual == wanted { return nil }
        guard let c = try? SemverConstraints(wanted), let v = try? SemverVersion(actual) else { return "invalid version" }
        return c.check(v) ? nil : "wrong version"
    }

    /// Helm's `printMissing`.
    func missingWarnings(_ deps: [ChartDependency]) -> [String] {
        let chartsDir = FilePath.join(chartPath, "charts")
        var lines: [String] = []
        for name in (try? LocalFiles.list(chartsDir)) ?? [] {
            let path = FilePath.join(chartsDir, name)
            if !LocalFiles.isDirectory(path) && !name.hasSuffix(".tgz") { continue }
            guard let chart = try? ChartLoader.load(path: path) else {
                lines.append("WARNING: \(Self.goQuote(path)) is not a chart.")
                continue
            }
            if !deps.contains(where: { $0.name == chart.name }) {
                lines.append("WARNING: \(Self.goQuote(path)) is not in Chart.yaml.")
            }
        }
        return lines
    }

    /// `%q` for ordinary paths.
    static func goQuote(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }

    /// `github.com/gosuri/uitable` as Helm uses it: every cell padded to its column's
    /// width (capped at `maxColumnWidth`, longer cells cut to width-3 bytes plus
    /// `...`), cells joined by a tab, rows by a newline, no final newline.
    static func uitable(_ rows: [[String]], maxColumnWidth: Int) -> String {
        var widths: [Int] = []
        for row in rows {
            for (i, cell) in row.enumerated() {
                if i >= widths.count { widths.append(0) }
                var w = displayWidth(cell)
                if maxColumnWidth > 0 && w > maxColumnWidth { w = maxColumnWidth }
                widths[i] = max(widths[i], w)
            }
        }
        return rows.map { row in
            row.enumerated().map { i, cell in resize(cell, widths[i]) }.joined(separator: "\t")
        }.joined(separator: "\n")
    }

    /// uitable's `strutil.Resize`.
    private static func resize(_ s: String, _ width: Int) -> String {
        let w = displayWidth(s)
        if w == width { return s }
        if w < width { return s + String(repeating: " ", count: width - w) }
        let bytes = Array(s.utf8)
        let keep = max(0, min(bytes.count, width - 3))
        return String(decoding: bytes[0..<keep], as: UTF8.self) + "..."
    }

    /// `runewidth.StringWidth`, for the text charts use: one column a scalar, two for
    /// East Asian wide ranges, none for combining marks.
    static func displayWidth(_ s: String) -> Int {
        var w = 0
        for c in s.unicodeScalars {
            let v = c.value
            if v < 0x20 || (0x7F..<0xA0).contains(v) || (0x300..<0x370).contains(v) || v == 0x200B { continue }
            if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v) || (0x20000...0x3FFFD).contains(v)
            {
                w += 2
            } else {
                w += 1
            }
        }
        return w
    }
}
