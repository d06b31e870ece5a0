/// Writes a tar stream the way Go's `archive/tar` Writer does for Helm's packages:
/// regular files only, USTAR headers (`ustar\0` `00`, octal fields zero-padded and
/// NUL-terminated, checksum `%06o\0 `), uid/gid 0, empty user and group names. A name
/// longer than 100 bytes is split into USTAR's 155-byte prefix at a slash when it
/// fits; otherwise (or when it is not ASCII) a PAX extended header (`x`, record
/// `path=…`) carries it, as Go picks the format. Ends with two zero blocks and no
/// further padding, as Go does.
///
/// Every header field is given by the caller, so the same entries always give the same
/// bytes (reproducibility is the saver's rule; this writer adds no clock of its own).
struct TarWriter {
    struct Entry {
        var name: String
        var data: [UInt8]
        var mode: Int64 = 0o644
        /// Seconds since the Unix epoch.
        var modificationTime: Int64
    }

    enum Failure: Error, Equatable, CustomStringConvertible {
        /// A field that no tar format here can hold (Go's `archive/tar: header field too long`).
        case fieldTooLong(String)
        var description: String {
            switch self {
            case .fieldTooLong(let name): return "archive/tar: header field too long: \(name)"
            }
        }
    }

    private(set) var bytes: [UInt8] = []

    mutating func append(_ entry: Entry) throws(Failure) {
        let name = Array(entry.name.utf8)
        let ascii = name.allSatisfy { $0 < 0x80 }
        var prefix: [UInt8] = []
        var short = name
        if name.count > 100 || !ascii {
            if ascii, let split = Self.ustarSplit(name) {
                (prefix, short) = split
            } else {
                try appendPAX(path: entry.name, for: entry)
                short = Array(name.prefix(100))
                // Go writes the main header's name best effort: ASCII, cut to the field.
                short = short.map { $0 < 0x80 ? $0 : UInt8(ascii: "?") }
            }
        }
        guard entry.data.count < 0o77777777777, entry.modificationTime >= 0,
            entry.modificationTime < 0o77777777777
        else { throw .fieldTooLong(entry.name) }
        appendHeader(
            name: short, prefix: prefix, mode: entry.mode, size: Int64(entry.data.count),
            mtime: entry.modificationTime, typeflag: UInt8(ascii: "0"))
        appendData(entry.data)
    }

    /// Two zero blocks close the archive.
    mutating func finish() {
        bytes.append(contentsOf: repeatElement(0, count: 1024))
    }

    /// Go's `splitUSTARPath`: the last slash such that the part before fits in 155 bytes
    /// and the part after (non-empty) in 100.
    static func ustarSplit(_ name: [UInt8]) -> (prefix: [UInt8], name: [UInt8])? {
        let length = name.count
        guard length > 100 else { return nil }
        var i = min(length - 1, 155 + 1) - 1
        while i >= 0 && name[i] != UInt8(ascii: "/") { i -= 1 }
        let tailLength = length - i - 1
        guard i > 0, tailLength > 0, tailLength <= 100 else { return nil }
        return (Array(name[..<i]), Array(name[(i + 1)...]))
    }

    /// An `x` header whose one record is `path=<name>`, named as Go names it
    /// (`<dir>/PaxHeaders.0/<file>`, cut to 100 bytes).
    private mutating func appendPAX(path: String, for entry: Entry) throws(Failure) {
        let body = Self.paxRecord("path", path)
        guard body.count <= TarReader.maxSpecialFileSize else { throw .fieldTooLong(path) }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        let dir = parts.dropLast().joined(separator: "/")
        let headerName = (dir.isEmpty ? "" : dir + "/") + "PaxHeaders.0/" + (parts.last.map(String.init) ?? "")
        let nameBytes = Array(headerName.utf8).map { $0 < 0x80 ? $0 : UInt8(ascii: "?") }.prefix(100)
        appendHeader(
            name: Array(nameBytes), prefix: [], mode: 0, size: Int64(body.count), mtime: 0,
            typeflag: UInt8(ascii: "x"))
        appendData(body)
    }

    /// `"%d %s=%s\n"` where the length counts the whole record, itself included.
    static func paxRecord(_ key: String, _ value: String) -> [UInt8] {
        let payload = " \(key)=\(value)\n".utf8.count
        var size = payload + String(payload).utf8.count
        if String(size).utf8.count + payload != size { size = payload + String(size).utf8.count }
        return Array("\(size) \(key)=\(value)\n".utf8)
    }

    private mutating func appendHeader(
        name: [UInt8], prefix: [UInt8], mode: Int64, size: Int64, mtime: Int64, typeflag: UInt8
    ) {
        var h = [UInt8](repeating: 0, count: 512)
        func put(_ b: [UInt8], at offset: Int) { for (i, c) in b.enumerated() { h[offset + i] = c } }
        /// Octal, zero-padded to fill the field less its final NUL.
        func octal(_ v: Int64, at offset: Int, width: Int) {
            var digits = Array(String(v, radix: 8).utf8)
            while digits.count < width - 1 { digits.insert(UInt8(ascii: "0"), at: 0) }
            put(digits, at: offset)
        }
        put(name, at: 0)
        octal(mode, at: 100, width: 8)
        octal(0, at: 108, width: 8)
        octal(0, at: 116, width: 8)
        octal(size, at: 124, width: 12)
        octal(mtime, at: 136, width: 12)
        h[156] = typeflag
        put(Array("ustar\0".utf8), at: 257)
        put(Array("00".utf8), at: 263)
        octal(0, at: 329, width: 8)
        octal(0, at: 337, width: 8)
        put(prefix, at: 345)
        // Checksum: the byte sum with the checksum field read as spaces.
        var sum: Int64 = 0
        for i in 0..<512 { sum += Int64((148..<156).contains(i) ? 0x20 : h[i]) }
        octal(sum, at: 148, width: 7)
        h[155] = 0x20
        bytes.append(contentsOf: h)
    }

    private mutating func appendData(_ data: [UInt8]) {
        bytes.append(contentsOf: data)
        let pad = (512 - data.count % 512) % 512
        bytes.append(contentsOf: repeatElement(0, count: pad))
    }
}
