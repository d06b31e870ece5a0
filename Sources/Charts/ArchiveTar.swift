/// A tar reader after Go's `archive/tar` `Reader.Next`, enough for chart archives:
/// V7, USTAR (with its 155-byte name prefix), GNU (`L`/`K` long names, base-256
/// sizes) and PAX (`x` extended headers with `path`, `linkpath`, `size`; `g` global
/// headers are handed back for the caller to skip, as Go does). Header-only types
/// (links, directories, devices, FIFOs) carry no data, whatever their size field says.
struct TarReader {
    enum Failure: Error, Equatable {
        case invalidHeader  // archive/tar: invalid header
        case truncated  // unexpected EOF
        case fieldTooLong  // archive/tar: header field too long
        case unsupported(String)
        case gzip(GzipInflater.Failure)

        var message: String {
            switch self {
            case .invalidHeader: return "archive/tar: invalid header"
            case .truncated: return "unexpected EOF"
            case .fieldTooLong: return "archive/tar: header field too long"
            case .unsupported(let m): return "archive/tar: \(m)"
            case .gzip(let g): return g.message
            }
        }
    }

    struct Header {
        var name: String
        var linkName: String
        var typeflag: UInt8
        var mode: Int64
        var size: Int64

        /// Go's `FileInfo().IsDir()`: the directory type or the mode's S_IFDIR bits.
        var isDirectory: Bool { typeflag == UInt8(ascii: "5") || (mode & 0o170000) == 0o040000 }
        var isPaxHeader: Bool { typeflag == UInt8(ascii: "x") || typeflag == UInt8(ascii: "g") }
        /// Types whose entries have no data in the archive.
        var isHeaderOnly: Bool { typeflag >= UInt8(ascii: "1") && typeflag <= UInt8(ascii: "6") }
    }

    private let source: GzipInflater
    /// Bytes of the current entry's data not read yet, then its padding.
    private var pendingData: Int64 = 0
    private var pendingPadding: Int64 = 0

    /// Go caps PAX and GNU long-name records at 1 MiB.
    static let maxSpecialFileSize: Int64 = 1 << 20

    init(_ source: GzipInflater) { self.source = source }

    private func read(_ n: Int) throws(Failure) -> ArraySlice<UInt8> {
        do { return try source.read(n) } catch { throw .gzip(error) }
    }

    private mutating func skipPending() throws(Failure) {
        let total = pendingData + pendingPadding
        pendingData = 0
        pendingPadding = 0
        if total == 0 { return }
        let skipped: Int
        do { skipped = try source.skip(Int(total)) } catch { throw .gzip(error) }
        if skipped < total { throw .truncated }
    }

    /// The next entry's header, or nil at the end of the archive.
    mutating func next() throws(Failure) -> Header? {
        try skipPending()
        var pax: [String: String] = [:]
        var gnuLongName: String?
        var gnuLongLink: String?
        while true {
            let block = try read(512)
            if block.isEmpty { return nil }
            if block.count < 512 { throw .truncated }
            if block.allSatisfy({ $0 == 0 }) {
                // Two zero blocks end the archive; a lone zero block then end of input too.
                let second = try read(512)
                if second.isEmpty || second.allSatisfy({ $0 == 0 }) && second.count == 512 { return nil }
                if second.count < 512 { throw .truncated }
                throw .invalidHeader
            }
            var hdr = try Self.parseHeader(Array(block))
            switch hdr.typeflag {
            case UInt8(ascii: "x"), UInt8(ascii: "L"), UInt8(ascii: "K"):
                guard hdr.size <= Self.maxSpecialFileSize else { throw .fieldTooLong }
                let data = try readData(hdr.size)
                if hdr.typeflag == UInt8(ascii: "x") {
                    for (k, v) in try Self.parsePAX(data) { pax[k] = v }
                } else {
                    let text = Self.cString(data[...])
                    if hdr.typeflag == UInt8(ascii: "L") { gnuLongName = text } else { gnuLongLink = text }
                }
                continue
            case UInt8(ascii: "S"):
                throw .unsupported("sparse files are not supported")
            default:
                break
            }
            if let n = gnuLongName { hdr.name = n }
            if let l = gnuLongLink { hdr.linkName = l }
            if let p = pax["path"] { hdr.name = p }
            if let l = pax["linkpath"] { hdr.linkName = l }
            if let s = pax["size"] {
                guard let v = Int64(s), v >= 0 else { throw .invalidHeader }
                hdr.size = v
            }
            // V7 regular entries named with a trailing slash are directories.
            if hdr.typeflag == 0, hdr.name.hasSuffix("/") { hdr.typeflag = UInt8(ascii: "5") }
            let size = hdr.isHeaderOnly ? 0 : hdr.size
            pendingData = size
            pendingPadding = (512 - size % 512) % 512
            return hdr
        }
    }

    /// The current entry's data, up to `limit` bytes (nil limit: all of it).
    mutating func readEntry(limit: Int64) throws(Failure) -> [UInt8] {
        let n = min(pendingData, limit)
        let data = try read(Int(n))
        if Int64(data.count) < n { throw .truncated }
        pendingData -= n
        return Array(data)
    }

    private mutating func readData(_ size: Int64) throws(Failure) -> [UInt8] {
        let data = try read(Int(size))
        if Int64(data.count) < size { throw .truncated }
        let pad = Int((512 - size % 512) % 512)
        if try read(pad).count < pad { throw .truncated }
        return Array(data)
    }

    static func parseHeader(_ b: [UInt8]) throws(Failure) -> Header {
        // Checksum: the sum of the header with the checksum field as spaces; Go
        // accepts the unsigned or the signed sum.
        let stored = try parseNumeric(b[148..<156])
        var unsigned: Int64 = 0
        var signed: Int64 = 0
        for (i, c) in b.enumerated() {
            let v: UInt8 = (148..<156).contains(i) ? 0x20 : c
            unsigned += Int64(v)
            signed += Int64(Int8(bitPattern: v))
        }
        guard stored == unsigned || stored == signed else { throw .invalidHeader }
        let magic = b[257..<263]
        let isUSTAR = magic.elementsEqual("ustar\0".utf8) && b[263..<265].elementsEqual("00".utf8)
        var name = cString(b[0..<100])
        if isUSTAR {
            let prefix = cString(b[345..<500])
            if !prefix.isEmpty { name = prefix + "/" + name }
        }
        let size = try parseNumeric(b[124..<136])
        guard size >= 0 else { throw .invalidHeader }
        return Header(
            name: name, linkName: cString(b[157..<257]), typeflag: b[156], mode: try parseNumeric(b[100..<108]),
            size: size)
    }

    /// Text up to the first NUL.
    static func cString(_ b: ArraySlice<UInt8>) -> String {
        let end = b.firstIndex(of: 0) ?? b.endIndex
        return String(decoding: b[b.startIndex..<end], as: UTF8.self)
    }

    /// Go's `parseNumeric`: base-256 when the high bit is set, else octal with
    /// spaces and NULs trimmed (empty is zero).
    static func parseNumeric(_ b: ArraySlice<UInt8>) throws(Failure) -> Int64 {
        if let f = b.first, f & 0x80 != 0 {
            let inverted: UInt8 = f & 0x40 != 0 ? 0xFF : 0
            var x: UInt64 = 0
            for (i, c) in b.enumerated() {
                var c = c ^ inverted
                if i == 0 { c &= 0x7F }
                guard x >> 56 == 0 else { throw .invalidHeader }
                x = x << 8 | UInt64(c)
            }
            guard x >> 63 == 0 else { throw .invalidHeader }
            return inverted == 0xFF ? ~Int64(x) : Int64(x)
        }
        var s = b.prefix { $0 != 0 }[...]
        while let f = s.first, f == 0x20 || f == 0 { s = s.dropFirst() }
        while let l = s.last, l == 0x20 || l == 0 { s = s.dropLast() }
        if s.isEmpty { return 0 }
        var x: Int64 = 0
        for c in s {
            guard c >= 0x30, c <= 0x37, x >> 60 == 0 else { throw .invalidHeader }
            x = x * 8 + Int64(c - 0x30)
        }
        return x
    }

    /// PAX records: `"%d %s=%s\n"`, the length counting the whole record.
    static func parsePAX(_ data: [UInt8]) throws(Failure) -> [(String, String)] {
        var out: [(String, String)] = []
        var rest = data[...]
        while !rest.isEmpty {
            guard let sp = rest.firstIndex(of: 0x20),
                let len = Int(String(decoding: rest[rest.startIndex..<sp], as: UTF8.self)),
                len > sp - rest.startIndex + 1, len <= rest.count
            else { throw .invalidHeader }
            let record = rest[(sp + 1)..<(rest.startIndex + len)]
            guard record.last == 0x0A, let eq = record.firstIndex(of: UInt8(ascii: "=")) else { throw .invalidHeader }
            let key = String(decoding: record[record.startIndex..<eq], as: UTF8.self)
            let value = String(decoding: record[(eq + 1)..<(record.endIndex - 1)], as: UTF8.self)
            out.append((key, value))
            rest = rest[(rest.startIndex + len)...]
        }
        return out
    }
}
