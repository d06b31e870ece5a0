#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading TZif files (RFC 8536) as Go's `LoadLocationFromTZData` does: the 64-bit
/// block of version 2+ files, zones with their abbreviations, transitions, and the
/// POSIX TZ footer that extends the rules past the last transition.
enum TZif {
    /// Go's `platformZoneSources` on Linux, searched in order.
    static let zoneSources = [
        "/usr/share/zoneinfo/", "/usr/share/lib/zoneinfo/", "/usr/lib/locale/TZ/", "/etc/zoneinfo/",
    ]

    /// A zone by IANA name from the first source that has a valid file for it; `ZONEINFO`
    /// (a directory) is consulted first, as in Go.
    static func loadFromSystem(name: String) -> GoLocation? {
        if let dir = getenv("ZONEINFO").map({ String(cString: $0) }), !dir.isEmpty,
            let l = load(name: name, path: dir + "/" + name)
        {
            return l
        }
        for source in zoneSources {
            if let l = load(name: name, path: source + name) { return l }
        }
        return nil
    }

    static func load(name: String, path: String) -> GoLocation? {
        guard let data = readFile(path) else { return nil }
        return parse(name: name, data: data)
    }

    /// The whole file, or nil if it cannot be read (missing, a directory, too large to
    /// be a zone file — Go's limit is 10 MB).
    static func readFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        if fd < 0 { return nil }
        defer { close(fd) }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 { return nil }
            if n == 0 { break }
            out.append(contentsOf: buffer[0..<n])
            if out.count > 10 << 20 { return nil }
        }
        return out
    }

    /// Go's `LoadLocationFromTZData`; nil where Go reports bad data.
    static func parse(name: String, data: [UInt8]) -> GoLocation? {
        var r = Reader(data: data)
        guard r.read(4) == Array("TZif".utf8), let header = r.read(16) else { return nil }
        let version: Int
        switch header[0] {
        case 0: version = 1
        case UInt8(ascii: "2"): version = 2
        case UInt8(ascii: "3"): version = 3
        default: return nil
        }
        // Counts: UTC/local indicators, standard/wall indicators, leap seconds,
        // transitions, zones, abbreviation bytes.
        guard var n = r.counts() else { return nil }
        var is64 = false
        if version > 1 {
            // Skip the 32-bit block and the second header; read the 64-bit block.
            let skip = n[3] * 4 + n[3] + n[4] * 6 + n[5] + n[2] * 8 + n[1] + n[0] + 4 + 16
            guard r.read(skip) != nil, let again = r.counts() else { return nil }
            n = again
            is64 = true
        }
        let size = is64 ? 8 : 4
        guard let times = r.read(n[3] * size), let indices = r.read(n[3]), let zoneData = r.read(n[4] * 6),
            let abbrev = r.read(n[5]), r.read(n[2] * (size + 4)) != nil, r.read(n[1]) != nil, r.read(n[0]) != nil
        else { return nil }
        var extend = ""
        let rest = r.rest
        if rest.count > 2, rest.first == UInt8(ascii: "\n"), rest.last == UInt8(ascii: "\n") {
            extend = String(decoding: rest.dropFirst().dropLast(), as: UTF8.self)
        }
        if n[4] == 0 { return nil }
        var zones: [GoLocation.Zone] = []
        zones.reserveCapacity(n[4])
        for i in 0..<n[4] {
            let b = zoneData[(i * 6)...]
            let offset = Int(Int32(bitPattern: Reader.big32(b)))
            let isDST = b[b.startIndex + 4] != 0
            let nameIndex = Int(b[b.startIndex + 5])
            guard nameIndex < abbrev.count else { return nil }
            let nameBytes = abbrev[nameIndex...].prefix(while: { $0 != 0 })
            zones.append(GoLocation.Zone(name: String(decoding: nameBytes, as: UTF8.self), offset: offset, isDST: isDST))
        }
        var whens: [Int64] = []
        whens.reserveCapacity(n[3])
        for i in 0..<n[3] {
            let when =
                is64
                ? Int64(bitPattern: Reader.big64(times[(i * 8)...]))
                : Int64(Int32(bitPattern: Reader.big32(times[(i * 4)...])))
            guard Int(indices[i]) < zones.count else { return nil }
            whens.append(when)
        }
        var zoneIndices = indices
        if whens.isEmpty {
            // A fixed zone such as Etc/GMT+5: one fake transition covering all time.
            whens = [GoLocation.alpha]
            zoneIndices = [0]
        }
        return GoLocation(
            name: name, zones: zones, transitionTimes: whens, transitionZones: zoneIndices, extend: extend)
    }

    /// Go's `dataIO`: a cursor over the file's bytes.
    struct Reader {
        let data: [UInt8]
        var position = 0

        mutating func read(_ count: Int) -> [UInt8]? {
            guard count >= 0, count <= data.count - position else { return nil }
            defer { position += count }
            return Array(data[position..<position + count])
        }

        mutating func counts() -> [Int]? {
            var n: [Int] = []
            for _ in 0..<6 {
                guard let b = read(4) else { return nil }
                n.append(Int(Reader.big32(b[...])))
            }
            return n
        }

        var rest: ArraySlice<UInt8> { data[position...] }

        static func big32(_ b: ArraySlice<UInt8>) -> UInt32 {
            let s = b.startIndex
            return UInt32(b[s]) << 24 | UInt32(b[s + 1]) << 16 | UInt32(b[s + 2]) << 8 | UInt32(b[s + 3])
        }

        static func big64(_ b: ArraySlice<UInt8>) -> UInt64 {
            UInt64(big32(b)) << 32 | UInt64(big32(b[(b.startIndex + 4)...]))
        }
    }
}
