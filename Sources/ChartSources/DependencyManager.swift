import Charts
import Sprig
import Values

/// `rudder dependency update|build`: Helm's `downloader.Manager`, which resolves a
/// chart's dependencies (Chart.yaml's `dependencies:`, or requirements.yaml for
/// apiVersion v1) against their repositories, fills `charts/` and writes the lock.
///
/// Behaviour follows Helm v4: `@name`/`alias:name` repositories come from
/// repositories.yaml (with their credentials); a URL not listed there is used directly
/// without credentials; `file://` dependencies are packaged into `charts/`; a
/// dependency without repository must already be unpacked in `charts/<name>`;
/// `oci://` fails with `ChartSourceError.ociUnsupported`. Downloads land in a
/// temporary folder first and move into `charts/` only when every dependency was
/// fetched, after which archives no dependency accounts for are deleted.
public struct DependencyManager: Sendable {
    /// The unpacked chart folder.
    public var chartPath: String
    /// repositories.yaml (`--repository-config`).
    public var repositoryConfig: String
    public var cache: ChartCache
    /// `--skip-refresh`: use cached indexes as they are.
    public var skipRefresh = false
    /// Where progress lines go (Helm prints them to stdout).
    public var out: @Sendable (String) -> Void
    /// Packages a `file://` dependency's chart folder into a destination folder,
    /// returning the archive's path (Helm's `chartutil.Save`; the CLI passes
    /// `ChartPackager`). A seam so the manager needs no archive writer of its own.
    public var packageChart: @Sendable (_ folder: String, _ destination: String) throws -> String

    public init(
        chartPath: String, repositoryConfig: String, cache: ChartCache,
        packageChart: @escaping @Sendable (String, String) throws -> String,
        out: @escaping @Sendable (String) -> Void = { print($0) }
    ) {
        self.chartPath = chartPath
        self.repositoryConfig = repositoryConfig
        self.cache = cache
        self.packageChart = packageChart
        self.out = out
    }

    /// The chart as `update`/`build` read it: its declared dependencies (nil when the
    /// chart declares none, as Go's nil slice) and its lock.
    struct LoadedChart {
        var chart: Chart
        var dependencies: [ChartDependency]?
        var lock: DependencyLock?
        var isV1: Bool { chart.metadata.apiVersion == "v1" }
    }

    func loadChart() throws(DependencyError) -> LoadedChart {
        guard LocalFiles.exists(chartPath) else {
            throw .helm("could not find \(chartPath): stat \(chartPath): no such file or directory")
        }
        guard LocalFiles.isDirectory(chartPath) else { throw .helm("only unpacked charts can be updated") }
        let chart: Chart
        do { chart = try ChartLoader.loadDirectory(chartPath) } catch { throw .chart(path: chartPath, reason: "\(error)") }
        var declared = false
        for file in ["Chart.yaml", "requirements.yaml"] {
            guard let bytes = try? LocalFiles.read(FilePath.join(chartPath, file)),
                  let root = try? YAML.decode(String(decoding: bytes, as: UTF8.self)),
                  let v = root.mapValue?["dependencies"], !v.isNull
            else { continue }
            declared = true
        }
        var lock: DependencyLock?
        // Helm's loader reads both; requirements.lock comes later in its file order.
        for file in ["Chart.lock", "requirements.lock"] {
            if let bytes = try? LocalFiles.read(FilePath.join(chartPath, file)) { lock = DependencyLock.decode(bytes) }
        }
        return LoadedChart(chart: chart, dependencies: declared ? chart.metadata.dependencies : nil, lock: lock)
    }

    func loadRepositories() throws(DependencyError) -> RepositoriesFile? {
        do { return try RepositoriesFile.load(repositoryConfig) } catch { throw .source(error) }
    }

    /// Helm's `Manager.Update`.
    public func update() throws(DependencyError) {
        let loaded = try loadChart()
        guard var req = loaded.dependencies else { return }
        let repositories = try loadRepositories()
        var names = try resolveRepositoryNames(&req, repositories: repositories)
        try ensureUnmanagedRepositories(&names, req)
        if !skipRefresh { refreshConfiguredRepositories(req, repositories: repositories) }
        var lock = try resolve(req, names: names, repositories: repositories)
        lock.dependencies = try downloadAll(lock.dependencies, repositories: repositories)
        lock.digest = DependencyLock.digest(requested: req, locked: lock.dependencies)
        if let old = loaded.lock, old.digest == lock.digest { return }
        let name = loaded.isV1 ? "requirements.lock" : "Chart.lock"
        do { try LocalFiles.writeAtomically(lock.encoded(), to: FilePath.join(chartPath, name)) } catch { throw .file(error) }
    }

    /// Helm's `Manager.Build`: `charts/` from the lock, refusing a lock that no longer
    /// matches the declared dependencies. Without a lock it is an update.
    public func build() throws(DependencyError) {
        let loaded = try loadChart()
        guard let lock = loaded.lock else { return try update() }
        var req = loaded.dependencies ?? []
        let helm2Sum = loaded.isV1 ? DependencyLock.helm2Digest(requested: req) : nil
        let repositories = try loadRepositories()
        _ = try resolveRepositoryNames(&req, repositories: repositories)
        if DependencyLock.digest(requested: req, locked: lock.dependencies) != lock.digest {
            if loaded.isV1 {
                out("warning: a valid Helm v3 hash was not found. Checking against Helm v2 hash...")
                if helm2Sum != lock.digest {
                    throw .helm(
                        "the lock file (requirements.lock) is out of sync with the dependencies file (requirements.yaml). Please update the dependencies")
                }
            } else {
                throw .helm(
                    "the lock file (Chart.lock) is out of sync with the dependencies file (Chart.yaml). Please update the dependencies")
            }
        }
        try checkAllRepositoriesKnown(lock.dependencies, repositories: repositories)
        if !skipRefresh { refreshConfiguredRepositories(lock.dependencies, repositories: repositories) }
        _ = try downloadAll(lock.dependencies, repositories: repositories)
    }

    /// An HTTP(S) repository (not local, not `file://`, not OCI).
    static func isRemote(_ repository: String) -> Bool {
        !repository.isEmpty && !repository.hasPrefix("file://") && !repository.hasPrefix("oci://")
    }

    /// Helm's `hasAllRepos`: `build` needs every remote repository of the lock listed
    /// in repositories.yaml.
    func checkAllRepositoriesKnown(_ deps: [ChartDependency], repositories: RepositoriesFile?) throws(DependencyError) {
        var missing: [String] = []
        for d in deps where Self.isRemote(d.repository) {
            let trimmed = ChartCache.normalizedRepositoryURL(d.repository)
            if repositories?.entry(url: trimmed) == nil { missing.append(d.repository) }
        }
        if !missing.isEmpty { throw .helm("no repository definition for \(missing.joined(separator: ", "))") }
    }
}

/// Go's `path/filepath` joins (cleaned), for the paths Helm prints.
enum FilePath {
    static func join(_ parts: String...) -> String {
        var acc = ""
        for p in parts where !p.isEmpty { acc = acc.isEmpty ? p : acc + "/" + p }
        return ChartURL.cleanJoin(acc, "")
    }
}
