import Charts
import Glibc
import Sprig
import Values

extension DependencyManager {
    /// Helm's `resolveRepoNames`: maps each dependency to the repository key its
    /// index is cached under, and rewrites `@name`/`alias:name` to the named
    /// repository's URL (in `req` itself, which the lock digest then covers, as in Helm).
    func resolveRepositoryNames(
        _ req: inout [ChartDependency], repositories: RepositoriesFile?
    ) throws(DependencyError) -> [String: String] {
        var names: [String: String] = [:]
        var missing: [String] = []
        for i in req.indices {
            let repository = req[i].repository
            if repository.isEmpty { continue }
            if repository.hasPrefix("file://") {
                _ = try localPath(repository)
                names[req[i].name] = repository
                continue
            }
            if repository.hasPrefix("oci://") {
                names[req[i].name] = repository
                continue
            }
            let alias: String? =
                repository.hasPrefix("@") ? String(repository.dropFirst())
                : repository.hasPrefix("alias:") ? String(repository.dropFirst(6)) : nil
            if let alias, let entry = repositories?.entry(named: alias) {
                req[i].repository = entry.url
                names[req[i].name] = entry.name
            } else if alias == nil, let entry = repositories?.entry(url: repository) {
                names[req[i].name] = entry.name
            } else if alias == nil, ChartURL(repository).map({ $0.isAbsolute || repository.hasPrefix("/") }) == true {
                // A URL Helm does not know: used directly (`ensureUnmanagedRepositories`).
                continue
            } else {
                missing.append(repository)
            }
        }
        if !missing.isEmpty {
            var message = "no repository definition for \(missing.joined(separator: ", ")). Please add them via 'helm repo add'"
            if missing.contains(where: { !$0.contains("//") && !$0.hasPrefix("@") && !$0.hasPrefix("alias:") }) {
                message += """

                    Note that repositories must be URLs or aliases. For example, to refer to the "example"
                    repository, use "https://charts.example.com/" or "@example" instead of
                    "example". Don't forget to add the repo, too ('helm repo add').
                    """
            }
            throw .helm(message)
        }
        return names
    }

    /// Helm's `ensureMissingRepos`: dependencies on repositories not in
    /// repositories.yaml get a generated key (`helm-manager-<sha256 of the URL>`) and,
    /// unless refreshing is skipped, a fresh index (without credentials).
    func ensureUnmanagedRepositories(_ names: inout [String: String], _ req: [ChartDependency]) throws(DependencyError) {
        var urls: [String] = []
        for d in req where !d.repository.isEmpty && names[d.name] == nil {
            names[d.name] = "helm-manager-" + RepoIndex.digest(of: Array(d.repository.utf8))
            if !urls.contains(d.repository) { urls.append(d.repository) }
        }
        guard !skipRefresh, !urls.isEmpty else { return }
        out("Getting updates for unmanaged Helm repositories...")
        for url in urls {
            let repo = ChartRepository(url: url, cache: cache)
            do throws(ChartSourceError) {
                try repo.refreshIndex()
                out("...Successfully got an update from the \"\(repo.displayURL)\" chart repository")
            } catch {
                out("...Unable to get an update from the \"\(repo.displayURL)\" chart repository:\n\t\(error)")
            }
        }
    }

    /// Helm's `UpdateRepositories`, limited to the configured repositories these
    /// dependencies use (Helm refreshes every configured repository; the others cannot
    /// change the result). Failures are reported and resolution goes on with what
    /// is cached, as in Helm.
    func refreshConfiguredRepositories(_ deps: [ChartDependency], repositories: RepositoriesFile?) {
        var entries: [RepositoryEntry] = []
        for d in deps where Self.isRemote(d.repository) {
            if let e = repositories?.entry(url: d.repository), !entries.contains(e) { entries.append(e) }
        }
        guard !entries.isEmpty else { return }
        out("Hang tight while we grab the latest from your chart repositories...")
        for e in entries {
            let repo = ChartRepository(url: e.url, options: e.getterOptions, cache: cache)
            do throws(ChartSourceError) {
                try repo.refreshIndex()
                out("...Successfully got an update from the \"\(e.name)\" chart repository")
            } catch {
                out("...Unable to get an update from the \"\(e.name)\" chart repository (\(repo.displayURL)):\n\t\(error)")
            }
        }
        out("Update Complete. ⎈Happy Helming!⎈")
    }

    /// Helm's `resolver.Resolve`: the newest version of each dependency that satisfies
    /// its constraint, from the cached indexes.
    func resolve(
        _ req: [ChartDependency], names: [String: String], repositories: RepositoriesFile?
    ) throws(DependencyError) -> DependencyLock {
        var locked: [ChartDependency] = []
        var missing: [ChartDependency] = []
        for d in req {
            let constraint: SemverConstraints
            do { constraint = try SemverConstraints(d.version) } catch {
                throw .helm("dependency \"\(d.name)\" has an invalid version/constraint format: \(error)")
            }
            if d.repository.isEmpty {
                _ = try localPath(FilePath.join("charts", d.name))
                locked.append(ChartDependency(name: d.name, version: d.version, repository: ""))
                continue
            }
            if d.repository.hasPrefix("file://") {
                let dir = try localPath(d.repository)
                let chart: Chart
                do { chart = try ChartLoader.loadDirectory(dir) } catch { throw .chart(path: dir, reason: "\(error)") }
                guard let v = try? SemverVersion(chart.metadata.version), constraint.check(v) else {
                    missing.append(d)
                    continue
                }
                locked.append(ChartDependency(name: d.name, version: chart.metadata.version, repository: d.repository))
                continue
            }
            if d.repository.hasPrefix("oci://") {
                throw .source(.ociUnsupported(reference: d.repository))
            }
            let repo = ChartRepository(url: d.repository, cache: cache)
            let cachedIndex: RepoIndex?
            do { cachedIndex = try repo.cachedIndex() } catch { throw .source(error) }
            guard let index = cachedIndex else {
                throw .helm(
                    "no cached repository for \(names[d.name] ?? d.repository) found. (try 'helm repo update'): open \(cache.indexPath(forRepository: d.repository)): no such file or directory")
            }
            guard let versions = index.entries[d.name] else {
                throw .helm("\(d.name) chart not found in repo \(d.repository)")
            }
            var version = ""
            for cv in versions {
                guard !cv.urls.isEmpty, let v = try? SemverVersion(cv.metadata.version) else { continue }
                if constraint.check(v) {
                    version = v.original
                    break
                }
            }
            if version.isEmpty { missing.append(d) }
            locked.append(ChartDependency(name: d.name, version: version, repository: d.repository))
        }
        if !missing.isEmpty {
            let list = missing.map { d in
                "\(DependencyList.goQuote(d.name)) (repository \(DependencyList.goQuote(d.repository)), version \(DependencyList.goQuote(d.version)))"
            }
            throw .helm(
                "can't get a valid version for \(missing.count) subchart(s): \(list.joined(separator: ", ")). Make sure a matching chart version exists in the repo, or change the version constraint in Chart.yaml")
        }
        return DependencyLock(
            generated: GoClock.now().format(GoTimeLayout.rfc3339Nano),
            digest: DependencyLock.digest(requested: req, locked: locked), dependencies: locked)
    }

    /// Helm's `resolver.GetLocalPath`: a `file://` path (or `charts/<name>`) relative to
    /// the chart, which must exist.
    func localPath(_ repository: String) throws(DependencyError) -> String {
        var p = repository.hasPrefix("file://") ? String(repository.dropFirst(7)) : repository
        if p.hasPrefix("/") {
            p = FilePath.join(p)
        } else {
            p = FilePath.join(chartPath, p)
        }
        guard LocalFiles.exists(p) else { throw .helm("directory \(p) not found") }
        return p
    }
}
