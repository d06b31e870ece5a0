import Foundation
import Values

/// Why `rudder create` could not write a chart, worded as Helm words it.
public struct ChartScaffoldError: Error, CustomStringConvertible, Sendable, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// `helm create`: a new chart folder from Rudder's scaffold (`ChartScaffoldFiles`) or
/// from a starter chart, with `<CHARTNAME>` replaced by the chart's name, as Helm's
/// `chartutil.Create` and `chartutil.CreateFrom` do.
public enum ChartScaffold {
    /// The placeholder scaffold and starter files carry for the chart name.
    public static let placeholder = "<CHARTNAME>"
    static let maxChartNameLength = 250

    /// `chartutil.Create`'s name rule: 1–250 bytes of `[a-zA-Z0-9._-]`. (The Helm CLI
    /// checks nothing more; helm-python-sdk's wrapper also demands a DNS-1123 name.)
    public static func validateName(_ name: String) throws(ChartScaffoldError) {
        if name.isEmpty || name.utf8.count > maxChartNameLength {
            throw ChartScaffoldError("chart name must be between 1 and \(maxChartNameLength) characters")
        }
        let allowed = name.utf8.allSatisfy { b in
            (b | 0x20 >= 0x61 && b | 0x20 <= 0x7A) || (b >= 0x30 && b <= 0x39) || b == 0x2E || b == 0x5F || b == 0x2D
        }
        if !allowed { throw ChartScaffoldError(#"chart name must match the regular expression "^[a-zA-Z0-9._-]+$""#) }
    }

    /// The files of a new chart named `name`, chart-relative, placeholder replaced.
    public static func files(name: String) -> [ChartFile] {
        ChartScaffoldFiles.all.map { ChartFile(name: $0.path, text: $0.content.replacingOccurrences(of: placeholder, with: name)) }
    }

    /// Writes the scaffold into `directory/name` (an existing folder is filled in, its
    /// files overwritten) plus an empty `charts/`. Returns the chart folder and a
    /// warning for each file that was overwritten.
    public static func create(name: String, in directory: String) throws -> (path: String, warnings: [String]) {
        try validateName(name)
        let parent = GoFilePath.absolute(directory)
        guard GoFilePath.exists(parent) else { throw ChartScaffoldError("stat \(parent): no such file or directory") }
        guard GoFilePath.isDirectory(parent) else { throw ChartScaffoldError("no such directory \(parent)") }
        let chartDir = GoFilePath.join(parent, name)
        if GoFilePath.exists(chartDir) && !GoFilePath.isDirectory(chartDir) {
            throw ChartScaffoldError("file \(chartDir) already exists and is not a directory")
        }
        var warnings: [String] = []
        for f in files(name: name) {
            let path = GoFilePath.join(chartDir, f.name)
            if GoFilePath.exists(path) { warnings.append("WARNING: File \(ChartValidation.goQuote(path)) already exists. Overwriting.") }
            try write(f.data, to: path)
        }
        try FileManager.default.createDirectory(atPath: GoFilePath.join(chartDir, "charts"), withIntermediateDirectories: true)
        return (chartDir, warnings)
    }

    /// The metadata `helm create` gives a chart made from a starter.
    public static func starterMetadata(name: String) -> ChartMetadata {
        var md = ChartMetadata()
        md.apiVersion = "v2"
        md.name = name
        md.description = "A Helm chart for Kubernetes"
        md.type = "application"
        md.version = "0.1.0"
        md.appVersion = "0.1.0"
        return md
    }

    /// `CreateFrom`: the starter chart at `starter`, saved as `directory/name` with new
    /// metadata; templates and values.yaml get the name in place of `<CHARTNAME>`,
    /// other files are copied as they are.
    public static func create(name: String, in directory: String, starter: String) throws -> String {
        try validateName(name)
        let source: Chart
        do { source = try ChartLoader.load(path: starter) } catch {
            throw ChartScaffoldError("could not load \(starter): \(error)")
        }
        let chartDir = GoFilePath.join(GoFilePath.absolute(directory), name)
        if GoFilePath.exists(chartDir) && !GoFilePath.isDirectory(chartDir) {
            throw ChartScaffoldError("file \(chartDir) already exists and is not a directory")
        }
        func transformed(_ data: [UInt8]) -> [UInt8] {
            Array(String(decoding: data, as: UTF8.self).replacingOccurrences(of: placeholder, with: name).utf8)
        }
        try write(Array(try ChartShow.metadataYAML(starterMetadata(name: name)).utf8), to: GoFilePath.join(chartDir, "Chart.yaml"))
        if let raw = source.rawValues {
            try write(transformed(Array(raw.utf8)), to: GoFilePath.join(chartDir, "values.yaml"))
        }
        if let schema = source.schema {
            try write(Array(schema.utf8), to: GoFilePath.join(chartDir, "values.schema.json"))
        }
        for t in source.templates { try write(transformed(t.data), to: GoFilePath.join(chartDir, t.name)) }
        for f in source.files { try write(f.data, to: GoFilePath.join(chartDir, f.name)) }
        return chartDir
    }

    private static func write(_ data: [UInt8], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(data).write(to: url)
    }
}
