#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension RepoIndex {
    /// Helm's `repo.IndexDirectory`: every `*.tgz` in `dir` and one folder down
    /// (`filepath.Glob` of `dir/*.tgz` then `dir/**/*.tgz`, each in byte order, dot
    /// files included), loaded as charts — a file that does not load is assumed not to
    /// be a chart and skipped — and added with its SHA-256 and the URL `baseURL` joined
    /// with its sub-folder and file name. The result is not sorted (Helm sorts before
    /// writing); `generated` and every `created` come from `now`.
    public static func indexDirectory(
        _ dir: String, baseURL: String, now: () -> String = RepoIndex.now
    ) throws(RepoIndexError) -> RepoIndex {
        var index = RepoIndex.new(generated: now())
        var archives: [(parent: String, file: String)] = []
        for name in RepoIndexFolder.names(in: dir) where name.hasSuffix(".tgz") {
            archives.append(("", name))
        }
        for sub in RepoIndexFolder.names(in: dir) where RepoIndexFolder.isDirectory(RepoIndexFolder.join(dir, sub)) {
            for name in RepoIndexFolder.names(in: RepoIndexFolder.join(dir, sub)) where name.hasSuffix(".tgz") {
                archives.append((sub, name))
            }
        }
        for (parent, file) in archives {
            let path = RepoIndexFolder.join(parent.isEmpty ? dir : RepoIndexFolder.join(dir, parent), file)
            guard let chart = try? ChartLoader.load(path: path) else { continue }
            let bytes: [UInt8]
            do { bytes = try ChartDirectoryWalk.readFile(path, limit: nil) } catch {
                throw .malformed(source: path, reason: "\(error)")
            }
            let parentURL = URLPath.join(baseURL, parent)
            do {
                try index.mustAdd(
                    chart.metadata, filename: file, baseURL: parentURL, digest: digest(of: bytes), created: now())
            } catch {
                throw .invalidChart(file: file, reason: "failed adding to \(file) to index: \(error)")
            }
        }
        return index
    }
}

/// The little directory reading `indexDirectory` needs.
enum RepoIndexFolder {
    static func join(_ a: String, _ b: String) -> String {
        if b.isEmpty { return a }
        return a.hasSuffix("/") ? a + b : a + "/" + b
    }

    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// Entry names in byte order, as `filepath.Glob` lists them; none when unreadable.
    static func names(in dir: String) -> [String] {
        guard let d = opendir(dir) else { return [] }
        defer { closedir(d) }
        var names: [String] = []
        while let e = readdir(d) {
            let name = withUnsafePointer(to: e.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            names.append(name)
        }
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }
}
