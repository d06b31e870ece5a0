import ChartSources
import Foundation
import KubeObjects

/// Turns Helm's `CHART [--repo URL] [--version V]` into `spec.chart`. The chart must be
/// one the controller can fetch itself, so a local folder or archive is refused: the
/// HelmRelease is the whole desired state, and nothing is uploaded behind it.
enum ReleaseChartSource {
    /// `spec.chart` for `chart`:
    /// - a chart name with `--repo` (an HTTP(S) index.yaml repository or `oci://…`);
    /// - `oci://registry/path/name`: the repository is `oci://registry/path`, the name the last part;
    /// - `alias/name`: a repository added with `helm repo add` (Helm's repositories.yaml).
    static func reference(
        chart: String, repo: String?, version: String?, plainHTTP: Bool,
        repositories: @autoclosure () throws -> RepositoriesFile? = try RepositoriesFile.load(
            RepositoriesFile.defaultPath { ProcessInfo.processInfo.environment[$0] })
    ) throws -> JSONValue {
        var fields: [String: JSONValue] = [:]
        if let repo {
            guard repo.hasPrefix("http://") || repo.hasPrefix("https://") || repo.hasPrefix("oci://") else {
                throw ReleaseCommandError.invalidChart("--repo \(repo): an HTTP(S) chart repository or an oci:// registry is needed")
            }
            guard !chart.isEmpty, !chart.contains("/") else {
                throw ReleaseCommandError.invalidChart("chart \"\(chart)\": with --repo, CHART is the chart's name in the repository")
            }
            fields["repository"] = .string(trimmingSlash(repo))
            fields["name"] = .string(chart)
        } else if chart.hasPrefix("oci://") {
            let path = chart.dropFirst("oci://".count)
            guard let slash = path.lastIndex(of: "/"), path.index(after: slash) != path.endIndex, path[..<slash].contains(where: { $0 != "/" })
            else {
                throw ReleaseCommandError.invalidChart("chart \"\(chart)\": an OCI chart is oci://REGISTRY/PATH/NAME")
            }
            fields["repository"] = .string("oci://" + path[..<slash])
            fields["name"] = .string(String(path[path.index(after: slash)...]))
        } else if let slash = chart.firstIndex(of: "/"), !chart.hasPrefix("."), !chart.hasPrefix("/"),
            !FileManager.default.fileExists(atPath: chart)
        {
            let alias = String(chart[..<slash])
            let name = String(chart[chart.index(after: slash)...])
            guard let entry = try repositories()?.entry(named: alias), !name.isEmpty, !name.contains("/") else {
                throw ReleaseCommandError.invalidChart(
                    "chart \"\(chart)\": no repository named \"\(alias)\" in Helm's repositories.yaml; give --repo URL instead")
            }
            fields["repository"] = .string(trimmingSlash(entry.url))
            fields["name"] = .string(name)
        } else {
            throw ReleaseCommandError.invalidChart(
                "chart \"\(chart)\": the controller fetches the chart itself, so give a chart name with --repo URL "
                    + "(HTTP(S) or oci://), an oci://REGISTRY/PATH/NAME reference or REPO/NAME of a repository added with helm repo add")
        }
        if let version, !version.isEmpty { fields["version"] = .string(version) }
        if plainHTTP { fields["plainHTTP"] = true }
        return .object(fields)
    }

    private static func trimmingSlash(_ url: String) -> String {
        var url = url
        while url.hasSuffix("/") { url.removeLast() }
        return url
    }
}
