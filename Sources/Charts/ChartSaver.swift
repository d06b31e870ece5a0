import Values

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a loaded chart back out as Helm's `chartutil.Save` (a .tgz) and `SaveDir`
/// (a folder) do, with one deliberate difference: archives are reproducible. Helm v4
/// stamps each entry with its file's modification time; Rudder stamps every entry with
/// `modificationTime` (from `SOURCE_DATE_EPOCH` when set, else 1980-01-01T00:00:00Z),
/// writes entries in a fixed order, and gzips without a timestamp — so packaging the
/// same chart twice gives the same bytes, and so the same digest in an index.
///
/// The archive layout is Helm's: under `<name>/`, Chart.yaml (re-serialised from the
/// metadata; an apiVersion v1 chart's dependencies stay in requirements.yaml), then
/// Chart.lock (apiVersion v2 only), values.yaml (the original text), values.schema.json,
/// the templates and the other files in load order, then each subchart the same way
/// under `<name>/charts/<subchart name>/` — unpacked, even if it came as a .tgz.
/// No directory entries; every file mode 0644.
public struct ChartSaver: Sendable {
    /// Seconds since the Unix epoch stamped on every entry.
    public var modificationTime: Int64
    /// Chart.lock per chart, keyed by the chart's folder inside the archive relative to
    /// the top chart ("" for the top chart, "charts/common" for its subchart). Helm keeps
    /// the parsed lock on the chart; Rudder's `Chart` does not, so the packager reads it.
    public var locks: [String: ChartLock]

    /// 1980-01-01T00:00:00Z, the earliest time ZIP-era and reproducible-build tooling
    /// agree on, used when `SOURCE_DATE_EPOCH` is not set.
    public static let defaultModificationTime: Int64 = 315_532_800

    public init(modificationTime: Int64 = ChartSaver.defaultModificationTime, locks: [String: ChartLock] = [:]) {
        self.modificationTime = modificationTime
        self.locks = locks
    }

    /// The entry time the reproducible-builds convention asks for: `SOURCE_DATE_EPOCH`
    /// (decimal seconds) when set and not empty, else `defaultModificationTime`.
    public static func modificationTime(environment: [String: String]) throws(ChartSaveError) -> Int64 {
        guard let raw = environment["SOURCE_DATE_EPOCH"], !raw.isEmpty else { return defaultModificationTime }
        guard raw.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let v = Int64(raw), v < 0o77777777777 else {
            throw .invalidSourceDateEpoch(raw)
        }
        return v
    }

    /// `<name>-<version>.tgz`, the file name `Save` gives a chart.
    public static func archiveName(of chart: Chart) -> String {
        "\(chart.metadata.name)-\(chart.metadata.version).tgz"
    }

    /// The archive's files in order, named as they appear in the tarball.
    public func archiveEntries(_ chart: Chart) throws(ChartSaveError) -> [ChartFile] {
        var md = chart.metadata
        do { try ChartValidation.validate(&md) } catch { throw .validation(error.description) }
        var out: [ChartFile] = []
        try appendEntries(chart, prefix: "", lockKey: "", into: &out)
        return out
    }

    private func appendEntries(_ chart: Chart, prefix: String, lockKey: String, into out: inout [ChartFile])
        throws(ChartSaveError)
    {
        let name = chart.metadata.name
        try Self.validateName(name)
        let base = prefix + name + "/"
        out.append(ChartFile(name: base + "Chart.yaml", text: Self.chartYAML(chart.metadata)))
        if chart.metadata.apiVersion == "v2", let lock = locks[lockKey] {
            out.append(ChartFile(name: base + "Chart.lock", text: lock.encodedYAML()))
        }
        if let raw = chart.rawValues { out.append(ChartFile(name: base + "values.yaml", text: raw)) }
        if let schema = chart.schema {
            guard (try? JSON.decode(schema)) != nil else { throw .invalidSchema(chart: name) }
            out.append(ChartFile(name: base + "values.schema.json", text: schema))
        }
        for f in chart.templates { out.append(ChartFile(name: base + f.name, data: f.data)) }
        for f in chart.files { out.append(ChartFile(name: base + f.name, data: f.data)) }
        for dep in chart.dependencies {
            let key = (lockKey.isEmpty ? "" : lockKey + "/") + "charts/" + dep.metadata.name
            try appendEntries(dep, prefix: base + "charts/", lockKey: key, into: &out)
        }
    }

    /// The gzipped tarball of `archiveEntries`.
    public func archive(_ chart: Chart) throws(ChartSaveError) -> [UInt8] {
        var tar = TarWriter()
        for f in try archiveEntries(chart) {
            do { try tar.append(.init(name: f.name, data: f.data, modificationTime: modificationTime)) } catch {
                throw .archive(error.description)
            }
        }
        tar.finish()
        do { return try GzipWriter.compress(tar.bytes) } catch { throw .archive(error.description) }
    }

    /// Helm's `chartutil.Save`: writes `<directory>/<name>-<version>.tgz` (creating the
    /// directory if missing) and returns its path, `directory` joined as given.
    public func save(_ chart: Chart, to directory: String) throws(ChartSaveError) -> String {
        var md = chart.metadata
        do { try ChartValidation.validate(&md) } catch { throw .validation(error.description) }
        // filepath.Join cleans the result: `-d ./out/` gives `out/<name>-<version>.tgz`.
        let path = ArchiveChartFiles.cleanPath(Self.join(directory, Self.archiveName(of: chart)))
        let dir = Self.parent(of: path)
        var st = stat()
        if stat(dir, &st) != 0 {
            if errno == ENOENT {
                do { try FileWriting.makeDirectories(dir) } catch { throw .io(path: dir, reason: error.message) }
            } else {
                throw .io(path: dir, reason: "stat \(dir): stat \(dir): \(FileWriting.errnoText())")
            }
        } else if (st.st_mode & S_IFMT) != S_IFDIR {
            throw .notADirectory(dir)
        }
        let bytes = try archive(chart)
        do { try FileWriting.writeFile(bytes, to: path) } catch { throw .io(path: path, reason: error.message) }
        return path
    }

    /// Helm's `chartutil.SaveDir`: the chart unpacked as `<directory>/<name>/` —
    /// Chart.yaml, values.yaml, values.schema.json, templates and files — with each
    /// subchart written as an archive into its `charts/` (as `Save` writes it). Like
    /// Helm, no Chart.lock is written here.
    public func saveDirectory(_ chart: Chart, to directory: String) throws(ChartSaveError) {
        try Self.validateName(chart.metadata.name)
        let outdir = Self.join(directory, chart.metadata.name)
        var st = stat()
        if stat(outdir, &st) == 0, (st.st_mode & S_IFMT) != S_IFDIR {
            throw .io(path: outdir, reason: "file \(outdir) already exists and is not a directory")
        }
        func write(_ name: String, _ data: [UInt8]) throws(ChartSaveError) {
            let path = Self.join(outdir, name)
            do {
                try FileWriting.makeDirectories(Self.parent(of: path))
                try FileWriting.writeFile(data, to: path)
            } catch { throw .io(path: path, reason: error.message) }
        }
        try write("Chart.yaml", Array(Self.chartYAML(chart.metadata).utf8))
        if let raw = chart.rawValues { try write("values.yaml", Array(raw.utf8)) }
        if let schema = chart.schema { try write("values.schema.json", Array(schema.utf8)) }
        for f in chart.templates + chart.files { try write(f.name, f.data) }
        let charts = Self.join(outdir, "charts")
        for dep in chart.dependencies {
            var saver = self
            saver.locks = [:]
            for (key, lock) in locks where key.hasPrefix("charts/\(dep.metadata.name)") {
                let rest = key.dropFirst("charts/\(dep.metadata.name)".count)
                if rest.isEmpty { saver.locks[""] = lock } else if rest.hasPrefix("/") { saver.locks[String(rest.dropFirst())] = lock }
            }
            do { _ = try saver.save(dep, to: charts) } catch {
                throw .io(path: charts, reason: "saving \(dep.metadata.name): \(error)")
            }
        }
    }

    /// `yaml.Marshal(metadata)` as Save writes Chart.yaml.
    public static func chartYAML(_ md: ChartMetadata) -> String {
        (try? YAML.encode(.map(md.jsonFields(includeDependencies: md.apiVersion != "v1")))) ?? ""
    }

    /// Helm's `validateName`: the name must be its own `filepath.Base`.
    static func validateName(_ name: String) throws(ChartSaveError) {
        if name.isEmpty || name.contains("/") || name == "." || name == ".." { throw .invalidName(name) }
    }

    static func join(_ dir: String, _ name: String) -> String {
        if dir.isEmpty { return name }
        return dir.hasSuffix("/") ? dir + name : dir + "/" + name
    }

    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
