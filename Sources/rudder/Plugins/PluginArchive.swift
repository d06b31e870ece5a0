import CZlib
import Foundation

/// Unpacks a plugin's `.tar.gz` as Helm's `TarGzExtractor` does: directories and regular
/// files only (with their permission bits, so scripts stay executable), PAX and GNU long
/// names understood; links, devices and paths leaving the target are refused.
enum PluginArchive {
    /// Beyond this much unpacked data the archive is refused, so a decompression bomb
    /// cannot fill the disk.
    static let maxUnpackedBytes = 1 << 30

    static func isGzip(_ bytes: [UInt8]) -> Bool { bytes.count >= 2 && bytes[0] == 0x1F && bytes[1] == 0x8B }

    /// Unpacks `data` under `target` (which must exist). `Failure` texts are shown to users.
    static func extract(_ data: [UInt8], into target: String) throws(Failure) {
        let tar = try gunzip(data)
        var offset = 0
        var longName: String?
        var paxPath: String?
        func block(_ at: Int) -> ArraySlice<UInt8>? { at + 512 <= tar.count ? tar[at..<(at + 512)] : nil }
        while let header = block(offset) {
            if header.allSatisfy({ $0 == 0 }) { return }
            let size = try number(header, 124, 12)
            let type = header[header.startIndex + 156]
            let dataStart = offset + 512
            guard size >= 0, dataStart + size <= tar.count else { throw .corrupt("truncated entry") }
            let body = tar[dataStart..<(dataStart + size)]
            offset = dataStart + (size + 511) / 512 * 512
            switch type {
            case UInt8(ascii: "L"):  // GNU long name for the next entry
                longName = cString(body)
                continue
            case UInt8(ascii: "x"):  // PAX header for the next entry
                paxPath = paxRecords(body)["path"]
                continue
            case UInt8(ascii: "g"):  // PAX global header: nothing Helm uses
                continue
            default: break
            }
            var name = longName ?? paxPath ?? headerName(header)
            longName = nil
            paxPath = nil
            name = try safeRelativePath(name)
            if name.isEmpty { continue }
            let path = (target as NSString).appendingPathComponent(name)
            let mode = try number(header, 100, 8) & 0o777
            switch type {
            case UInt8(ascii: "5"):
                try make(directory: path)
            case UInt8(ascii: "0"), 0, UInt8(ascii: "7"):
                try make(directory: (path as NSString).deletingLastPathComponent)
                guard FileManager.default.createFile(
                    atPath: path, contents: Data(body), attributes: [.posixPermissions: mode == 0 ? 0o644 : mode])
                else { throw .corrupt("cannot write \(name)") }
            default:
                throw .unsupported(name: name, type: Character(Unicode.Scalar(type)))
            }
        }
    }

    enum Failure: Error, CustomStringConvertible, Equatable {
        case corrupt(String)
        case tooLarge
        case unsafePath(String)
        case unsupported(name: String, type: Character)

        var description: String {
            switch self {
            case .corrupt(let why): return why
            case .tooLarge: return "it unpacks to more than \(PluginArchive.maxUnpackedBytes >> 20) MiB"
            case .unsafePath(let name): return "entry \"\(name)\" points outside the plugin directory"
            case .unsupported(let name, let type): return "entry \"\(name)\" has unsupported type '\(type)' (only files and directories)"
            }
        }
    }

    private static func gunzip(_ data: [UInt8]) throws(Failure) -> [UInt8] {
        guard isGzip(data) else { throw .corrupt("not gzip data") }
        var stream = z_stream()
        guard inflateInit2_(&stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .corrupt("cannot initialise zlib")
        }
        defer { inflateEnd(&stream) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        var input = data
        var failure: Failure?
        input.withUnsafeMutableBufferPointer { inBuf in
            stream.next_in = inBuf.baseAddress
            stream.avail_in = uInt(inBuf.count)
            while failure == nil {
                let status: Int32 = chunk.withUnsafeMutableBufferPointer { outBuf in
                    stream.next_out = outBuf.baseAddress
                    stream.avail_out = uInt(outBuf.count)
                    return inflate(&stream, Z_NO_FLUSH)
                }
                out.append(contentsOf: chunk[0..<(chunk.count - Int(stream.avail_out))])
                if out.count > maxUnpackedBytes {
                    failure = .tooLarge
                } else if status == Z_STREAM_END {
                    // Concatenated gzip members read as one stream, as Go's reader does.
                    if stream.avail_in == 0 { return }
                    if inflateReset(&stream) != Z_OK { failure = .corrupt("gzip: invalid header") }
                } else if status == Z_BUF_ERROR {
                    // No progress with a fresh output buffer: the input ran out early.
                    failure = .corrupt("unexpected EOF")
                } else if status != Z_OK {
                    failure = .corrupt(stream.msg.map { "gzip: " + String(cString: $0) } ?? "gzip: invalid data")
                }
            }
        }
        if let failure { throw failure }
        return out
    }

    private static func cString(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
    }

    private static func headerName(_ header: ArraySlice<UInt8>) -> String {
        let s = header.startIndex
        let name = cString(header[s..<(s + 100)])
        // ustar's prefix field holds the leading directories of a long path.
        if header[(s + 257)..<(s + 262)].elementsEqual("ustar".utf8) {
            let prefix = cString(header[(s + 345)..<(s + 500)])
            if !prefix.isEmpty { return prefix + "/" + name }
        }
        return name
    }

    /// Octal (space/NUL padded), or base-256 when the top bit is set.
    private static func number(_ header: ArraySlice<UInt8>, _ at: Int, _ length: Int) throws(Failure) -> Int {
        let field = header[(header.startIndex + at)..<(header.startIndex + at + length)]
        if let first = field.first, first & 0x80 != 0 {
            var value = Int(first & 0x7F)
            for b in field.dropFirst() {
                guard value < Int.max >> 9 else { throw .corrupt("numeric field too large") }
                value = value << 8 | Int(b)
            }
            return value
        }
        let text = String(decoding: field, as: UTF8.self).trimmingCharacters(in: CharacterSet(charactersIn: " \0"))
        if text.isEmpty { return 0 }
        guard let value = Int(text, radix: 8) else { throw .corrupt("invalid numeric field \"\(text)\"") }
        return value
    }

    /// `len key=value\n` records.
    private static func paxRecords(_ body: ArraySlice<UInt8>) -> [String: String] {
        var records: [String: String] = [:]
        for line in String(decoding: body, as: UTF8.self).split(separator: "\n") {
            guard let space = line.firstIndex(of: " ") else { continue }
            let record = line[line.index(after: space)...]
            guard let eq = record.firstIndex(of: "=") else { continue }
            records[String(record[..<eq])] = String(record[record.index(after: eq)...])
        }
        return records
    }

    /// The entry's path with `.` parts dropped; absolute paths and `..` are refused.
    private static func safeRelativePath(_ name: String) throws(Failure) -> String {
        guard !name.hasPrefix("/") else { throw .unsafePath(name) }
        var parts: [Substring] = []
        for part in name.split(separator: "/") where part != "." {
            guard part != ".." else { throw .unsafePath(name) }
            parts.append(part)
        }
        return parts.joined(separator: "/")
    }

    private static func make(directory: String) throws(Failure) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .corrupt("cannot create \(directory): \(error.localizedDescription)")
        }
    }
}
