import Charts
import Foundation

/// Packages every chart folder under `examples/charts` and indexes them, so `rudder dev`
/// can serve them as an HTTP chart repository the example HelmReleases install from.
enum ExampleChartRepository {
    /// Writes the archives and `index.yaml` into `output`; returns the chart names.
    static func build(from charts: URL, into output: URL, baseURL: String) throws -> [String] {
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: charts.path)) ?? []
        var packaged: [String] = []
        for name in names.sorted() where FileManager.default.fileExists(atPath: charts.appendingPathComponent("\(name)/Chart.yaml").path) {
            _ = try ChartPackager(destination: output.path).package(charts.appendingPathComponent(name).path)
            packaged.append(name)
        }
        let index = try RepoIndex.indexDirectory(output.path, baseURL: baseURL)
        try index.encodedYAML().write(to: output.appendingPathComponent("index.yaml"), atomically: true, encoding: .utf8)
        return packaged
    }
}
