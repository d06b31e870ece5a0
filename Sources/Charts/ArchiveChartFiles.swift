/// Helm's `archive.LoadArchiveFiles`: the files of a gzipped chart tarball, with the
/// first path component (the chart's folder) stripped and Helm's safety rules applied.
enum ArchiveChartFiles {
    /// `MaxDecompressedChartSize`: all files together, decompressed.
    static let maxDecompressedChartSize: Int64 = 100 * 1024 * 1024
    /// `MaxDecompressedFileSize`: any one file, decompressed.
    static let maxDecompressedFileSize: Int64 = 5 * 1024 * 1024

    static func load(
        _ data: [UInt8], name: String, maxChartSize: Int64 = maxDecompressedChartSize,
        maxFileSize: Int64 = maxDecompressedFileSize
    ) throws(ChartLoadError) -> [ChartFile] {
        func fail(_ reason: String) -> ChartLoadError { .archive(name: name, reason: reason) }
        let gzip: GzipInflater
        do { gzip = try GzipInflater(data) } catch {
            if error == .invalidHeader {
                throw fail("file does not appear to be a valid chart file (details: \(error.message))")
            }
            throw fail(error.message)
        }
        var tar = TarReader(gzip)
        var files: [ChartFile] = []
        var remaining = maxChartSize
        while true {
            let hd: TarReader.Header
            do {
                guard let h = try tar.next() else { break }
                hd = h
            } catch {
                if error == .gzip(.invalidHeader) {
                    throw fail("file does not appear to be a valid chart file (details: \(error.message))")
                }
                throw fail(error.message)
            }
            if hd.isDirectory || hd.isPaxHeader { continue }

            // Archives made on Windows may use `\`.
            let delimiter: Character = hd.name.contains("\\") ? "\\" : "/"
            let parts = hd.name.split(separator: delimiter, omittingEmptySubsequences: false)
            var n = parts.dropFirst().joined(separator: "/")
            if n.hasPrefix("/") { throw fail("chart illegally contains absolute paths") }
            n = cleanPath(n)
            if n == "." {
                throw fail("chart illegally contains content outside the base directory: \(ChartValidation.goQuote(hd.name))")
            }
            if n.hasPrefix("..") { throw fail("chart illegally references parent directory") }
            if isDrivePath(n) { throw fail("chart contains illegally named files") }
            if parts.first == "Chart.yaml" { throw fail("chart yaml not in base directory") }
            if hd.size > remaining {
                throw fail("decompressed chart is larger than the maximum size \(maxChartSize)")
            }
            if hd.size > maxFileSize {
                throw fail(
                    "decompressed chart file \(ChartValidation.goQuote(hd.name)) is larger than the maximum file size \(maxFileSize)"
                )
            }
            var body: [UInt8]
            do { body = try tar.readEntry(limit: remaining) } catch { throw fail(error.message) }
            remaining -= Int64(body.count)
            // A header-only entry (symlink, hard link) reads as an empty file; if its
            // header claims a size, Helm reports the shortfall as the size error.
            if Int64(body.count) < hd.size || remaining <= 0 {
                throw fail("decompressed chart is larger than the maximum size \(maxChartSize)")
            }
            if body.starts(with: [0xEF, 0xBB, 0xBF]) { body.removeFirst(3) }
            files.append(ChartFile(name: n, data: body))
        }
        if files.isEmpty { throw fail("no files in chart archive") }
        return files
    }

    /// `^[a-zA-Z]:/`
    private static func isDrivePath(_ n: String) -> Bool {
        let b = Array(n.utf8.prefix(3))
        return b.count == 3 && (b[0] | 0x20 >= 0x61 && b[0] | 0x20 <= 0x7A) && b[1] == 0x3A && b[2] == 0x2F
    }

    /// Go's `path.Clean`: collapse slashes, drop `.`, resolve `..` lexically.
    static func cleanPath(_ p: String) -> String {
        if p.isEmpty { return "." }
        let rooted = p.hasPrefix("/")
        var out: [Substring] = []
        for part in p.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if let last = out.last, last != ".." {
                    out.removeLast()
                } else if !rooted {
                    out.append(part)
                }
                continue
            }
            out.append(part)
        }
        let joined = out.joined(separator: "/")
        if rooted { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }
}
