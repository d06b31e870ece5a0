import Sprig

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Helm's `action.Package` (what `helm package` runs): load a chart folder (with its
/// .helmignore), optionally override `version` / `appVersion`, check the version is
/// semver and every dependency Chart.yaml lists is present under charts/, then save
/// `<name>-<version>.tgz` into the destination with `ChartSaver`.
public struct ChartPackager: Sendable {
    /// Where the archive goes; "." means the current directory, as an absolute path.
    public var destination: String
    public var version: String?
    public var appVersion: String?
    /// Seconds since the epoch for every archive entry (see `ChartSaver`).
    public var modificationTime: Int64

    public init(
        destination: String = ".", version: String? = nil, appVersion: String? = nil,
        modificationTime: Int64 = ChartSaver.defaultModificationTime
    ) {
        self.destination = destination
        self.version = version
        self.appVersion = appVersion
        self.modificationTime = modificationTime
    }

    /// Packages the chart folder at `path`; returns the archive's path.
    public func package(_ path: String) throws(ChartPackageError) -> String {
        let (chart, locks) = try load(path)
        var destination = self.destination
        if destination == "." {
            guard let cwd = getcwd(nil, 0) else { throw .io("getwd: \(FileWriting.errnoText())") }
            destination = String(cString: cwd)
            free(cwd)
        }
        let saver = ChartSaver(modificationTime: modificationTime, locks: locks)
        do { return try saver.save(chart, to: destination) } catch { throw .save(error) }
    }

    /// The chart as it will be archived (overrides applied, checks passed) and the
    /// Chart.lock files of it and its folder subcharts, keyed as `ChartSaver.locks`.
    public func load(_ path: String) throws(ChartPackageError) -> (Chart, [String: ChartLock]) {
        var st = stat()
        guard stat(path, &st) == 0 else { throw .io("stat \(path): \(FileWriting.errnoText())") }
        guard (st.st_mode & S_IFMT) == S_IFDIR else { throw .notAChartFolder(path) }
        let files: [ChartFile]
        var chart: Chart
        do {
            files = try ChartDirectoryWalk.files(in: path)
            chart = try ChartLoader.loadFiles(files, source: path)
        } catch { throw .load(error) }
        if let version, !version.isEmpty { chart.metadata.version = version }
        do { _ = try SemverVersion(chart.metadata.version) } catch { throw .invalidVersion(chart.metadata.version, reason: error.description) }
        if let appVersion, !appVersion.isEmpty { chart.metadata.appVersion = appVersion }
        let present = Set(chart.dependencies.map(\.metadata.name))
        let missing = chart.metadata.dependencies.map(\.name).filter { !present.contains($0) }
        if !missing.isEmpty { throw .missingDependencies(missing) }
        var locks: [String: ChartLock] = [:]
        Self.collectLocks(chart, key: "", root: path, files: files, into: &locks)
        return (chart, locks)
    }

    /// Chart.lock of the top chart and of every subchart that was a folder, found in the
    /// walked files (so .helmignore applies) by the subchart's source path.
    private static func collectLocks(
        _ chart: Chart, key: String, root: String, files: [ChartFile], into locks: inout [String: ChartLock]
    ) {
        guard chart.source == root || chart.source.hasPrefix(root + "/") else { return }
        let rel = chart.source.dropFirst(root.count).drop { $0 == "/" }
        let name = rel.isEmpty ? "Chart.lock" : rel + "/Chart.lock"
        if let f = files.first(where: { $0.name == name }) {
            locks[key] = ChartLock(yaml: String(decoding: f.data, as: UTF8.self))
        }
        for dep in chart.dependencies {
            let sub = (key.isEmpty ? "" : key + "/") + "charts/" + dep.metadata.name
            collectLocks(dep, key: sub, root: root, files: files, into: &locks)
        }
    }
}

/// Why `rudder package` failed; `description` is Helm's wording where Helm has one.
public enum ChartPackageError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The path is not a directory (Helm packages chart folders only).
    case notAChartFolder(String)
    case load(ChartLoadError)
    /// The (possibly overridden) version is not semver (`reason` is Masterminds' text).
    case invalidVersion(String, reason: String)
    /// Chart.yaml lists dependencies that charts/ does not hold.
    case missingDependencies([String])
    case save(ChartSaveError)
    case io(String)

    public var description: String {
        switch self {
        case .notAChartFolder(let p): return "\(p) is not a chart folder: only a directory can be packaged"
        case .load(let e): return e.description
        case .invalidVersion(_, let reason): return reason
        case .missingDependencies(let names):
            return "found in Chart.yaml, but missing in charts/ directory: " + names.joined(separator: ", ")
        case .save(let e): return "failed to save: \(e)"
        case .io(let m): return m
        }
    }
}
