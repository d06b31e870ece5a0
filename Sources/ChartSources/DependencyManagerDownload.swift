import Charts
import Glibc
import Sprig

extension DependencyManager {
    /// Helm's `downloadAll`: every locked dependency into a temporary folder beside
    /// `charts/`, then (only if all succeeded) into `charts/`, deleting the archives
    /// no dependency accounts for. Returns the dependencies with `file://` versions
    /// set to the packaged chart's version.
    func downloadAll(_ deps: [ChartDependency], repositories: RepositoriesFile?) throws(DependencyError) -> [ChartDependency] {
        let dest = FilePath.join(chartPath, "charts")
        let tmp = FilePath.join(chartPath, "tmpcharts-\(getpid())")
        if LocalFiles.exists(dest) {
            if !LocalFiles.isDirectory(dest) { throw .helm("\"\(dest)\" is not a directory") }
        } else {
            do { try LocalFiles.makeDirectories(dest) } catch { throw .file(error) }
        }
        do { try LocalFiles.makeDirectories(tmp) } catch { throw .file(error) }
        defer { LocalFiles.removeTree(tmp) }

        out("Saving \(deps.count) charts")
        var result = deps
        var downloaded: Set<String> = []
        do throws(DependencyError) {
            for i in result.indices {
                let dep = result[i]
                if dep.repository.isEmpty {
                    try checkUnpacked(dep, in: dest)
                    continue
                }
                if dep.repository.hasPrefix("file://") {
                    result[i].version = try packageLocal(dep, into: tmp)
                    continue
                }
                if dep.repository.hasPrefix("oci://") { throw .source(.ociUnsupported(reference: dep.repository)) }
                let (repo, version, url) = try findChart(dep, repositories: repositories)
                if downloaded.contains(url) {
                    out("Already downloaded \(dep.name) from repo \(dep.repository)")
                    continue
                }
                out("Downloading \(dep.name) from repo \(dep.repository)")
                let fetched: FetchedChart
                do { fetched = try repo.download(version, from: url) } catch {
                    throw .helm("could not download \(ChartURL(url)?.redacted ?? url): \(error)")
                }
                do { try LocalFiles.writeAtomically(fetched.bytes, to: FilePath.join(tmp, fetched.fileName)) } catch {
                    throw .file(error)
                }
                downloaded.insert(url)
            }
        } catch {
            out("Save error occurred:  \(error)")
            throw error
        }
        try moveDownloads(result, from: tmp, to: dest)
        return result
    }

    /// A dependency without repository: `charts/<name>` must hold a chart whose version
    /// satisfies the constraint.
    private func checkUnpacked(_ dep: ChartDependency, in dest: String) throws(DependencyError) {
        out("Dependency \(dep.name) did not declare a repository. Assuming it exists in the charts directory")
        let path = FilePath.join(dest, dep.name)
        let chart: Chart
        do { chart = try ChartLoader.loadDirectory(path) } catch {
            throw .helm("unable to load chart '\(path)': \(error)")
        }
        let constraint: SemverConstraints
        do { constraint = try SemverConstraints(dep.version) } catch {
            throw .helm("dependency \(dep.name) has an invalid version/constraint format: \(error)")
        }
        let version: SemverVersion
        do { version = try SemverVersion(chart.metadata.version) } catch {
            throw .helm("invalid version \(dep.version) for dependency \(dep.name): \(error)")
        }
        if !constraint.check(version) {
            throw .helm(
                "dependency \(dep.name) at version \(chart.metadata.version) does not satisfy the constraint \(dep.version)")
        }
    }

    /// Helm's `tarFromLocalDir`: packages a `file://` dependency into `destination`.
    private func packageLocal(_ dep: ChartDependency, into destination: String) throws(DependencyError) -> String {
        let dir = try localPath(dep.repository)
        let chart: Chart
        do { chart = try ChartLoader.loadDirectory(dir) } catch { throw .chart(path: dir, reason: "\(error)") }
        let constraint: SemverConstraints
        do { constraint = try SemverConstraints(dep.version) } catch {
            throw .helm("dependency \(dep.name) has an invalid version/constraint format: \(error)")
        }
        let version: SemverVersion
        do { version = try SemverVersion(chart.metadata.version) } catch { throw .helm("\(error)") }
        guard constraint.check(version) else { throw .helm("can't get a valid version for dependency \(dep.name)") }
        do { _ = try packageChart(dir, destination) } catch { throw .helm("\(error)") }
        return chart.metadata.version
    }

    /// Helm's `findChartURL`: for a repository in repositories.yaml, the cached index
    /// entry with exactly this version, its URL joined onto the repository path, and
    /// the entry's credentials; for any other repository, the index entry resolved as
    /// `helm pull --repo` resolves it, without credentials.
    private func findChart(
        _ dep: ChartDependency, repositories: RepositoriesFile?
    ) throws(DependencyError) -> (ChartRepository, RepoChartVersion, String) {
        let entry = repositories?.entry(url: dep.repository)
        let repo = ChartRepository(url: entry?.url ?? dep.repository, options: entry?.getterOptions ?? HTTPGetterOptions(), cache: cache)
        let cached: RepoIndex?
        do { cached = try repo.cachedIndex() } catch { throw .helm("could not find : \(error)") }
        guard let index = cached else {
            throw .helm("could not find : no cached repository for \(repo.displayURL)")
        }
        guard let base = ChartURL(repo.url) else { throw .helm("could not find : invalid repository URL \(repo.displayURL)") }
        if entry != nil {
            guard let versions = index.entries[dep.name] else { throw .helm("could not find : entry not found") }
            guard let cv = versions.first(where: { !$0.urls.isEmpty && Self.versionEquals(dep.version, $0.metadata.version) })
            else { throw .helm("could not find : no matching version") }
            return (repo, cv, base.joiningPath(cv.urls[0]))
        }
        let cv: RepoChartVersion
        do { cv = try repo.resolve(dep.name, constraint: dep.version, in: index) } catch {
            throw .helm("could not find : chart \(dep.name) not found in \(repo.displayURL): \(Self.underlying(error))")
        }
        guard let url = repo.downloadURL(for: cv) else { throw .helm("could not find : no matching version") }
        return (repo, cv, url)
    }

    private static func underlying(_ e: ChartSourceError) -> String {
        if case .chartNotFound(_, _, let inner) = e { return inner.description }
        return e.description
    }

    /// Helm's `versionEquals`: semantic equality, or text equality when the wanted
    /// version is not a version.
    static func versionEquals(_ a: String, _ b: String) -> Bool {
        guard let va = try? SemverVersion(a) else { return a == b }
        guard let vb = try? SemverVersion(b) else { return false }
        return va.compare(to: vb) == 0
    }

    /// Helm's `safeMoveDeps`: downloaded archives that load as charts replace their
    /// namesakes in `charts/`; other archives there are deleted unless they belong to
    /// a dependency without repository, or cannot be read as charts.
    private func moveDownloads(_ deps: [ChartDependency], from source: String, to dest: String) throws(DependencyError) {
        let sourceFiles: [String]
        let destFiles: [String]
        do {
            sourceFiles = try LocalFiles.list(source)
            destFiles = try LocalFiles.list(dest)
        } catch { throw .file(error) }
        let local = Set(deps.filter { $0.repository.isEmpty }.map(\.name))
        var moved: Set<String> = []
        for name in sourceFiles {
            let from = FilePath.join(source, name)
            if LocalFiles.isDirectory(from) { continue }
            moved.insert(name)
            do { _ = try ChartLoader.loadArchiveFile(from) } catch {
                out("Could not verify \(from) for moving: \(error) (Skipping)")
                continue
            }
            if rename(from, FilePath.join(dest, name)) != 0 {
                out("Unable to move \(from) to charts dir \(LocalFiles.errnoText()) (Skipping)")
            }
        }
        out("Deleting outdated charts")
        for name in destFiles where !moved.contains(name) {
            let path = FilePath.join(dest, name)
            if LocalFiles.isDirectory(path) { continue }
            let chart: Chart
            do { chart = try ChartLoader.loadArchiveFile(path) } catch {
                out("Could not verify \(path) for deletion: \(error) (Skipping)")
                continue
            }
            if local.contains(chart.name) { continue }
            do { try LocalFiles.remove(path) } catch { out("Could not delete \(path): \(error) (Skipping)") }
        }
    }
}
