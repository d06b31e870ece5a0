/// One PEM block as Go's `encoding/pem` reads and writes it.
///
/// Sprig hands every key and certificate through `pem.Decode`/`pem.Encode`, so what counts
/// as "no PEM data in input" and how the text is laid out (64-character base64 lines, a
/// final newline) follow that package: a block starts at the beginning of the input or of a
/// line, junk before it is skipped, and a malformed block is passed over in favour of a
/// later one.
struct PEMBlock: Sendable, Equatable {
    var type: String
    var bytes: [UInt8]

    init(type: String, bytes: [UInt8]) {
        self.type = type
        self.bytes = bytes
    }

    /// `pem.EncodeToMemory` for a block without headers.
    var encoded: String {
        var out = Array("-----BEGIN \(type)-----\n".utf8)
        let body = Array(Base64.encode(bytes, alphabet: Base64.standard).utf8)
        var i = 0
        while i < body.count {
            let end = min(i + 64, body.count)
            out += body[i..<end]
            out.append(UInt8(ascii: "\n"))
            i = end
        }
        out += Array("-----END \(type)-----\n".utf8)
        return String(decoding: out, as: UTF8.self)
    }

    /// `pem.Decode`: the first well-formed block in `text`, or nil when there is none.
    static func decode(_ text: String) -> PEMBlock? {
        let data = Array(text.utf8)
        let begin = Array("-----BEGIN ".utf8), end = Array("-----END ".utf8), dashes = Array("-----".utf8)
        var rest = data[...]
        while true {
            if rest.starts(with: begin) {
                rest = rest.dropFirst(begin.count)
            } else if let at = rest.firstRange(of: [UInt8(ascii: "\n")] + begin) {
                rest = rest[at.upperBound...]
            } else {
                return nil
            }
            let (typeLine, afterType) = line(rest)
            rest = afterType
            guard typeLine.count >= dashes.count, typeLine.hasSuffix(dashes) else { continue }
            let type = typeLine.dropLast(dashes.count)
            var headerCount = 0
            while true {
                if rest.isEmpty { return nil }
                let (l, next) = line(rest)
                guard l.contains(UInt8(ascii: ":")) else { break }
                headerCount += 1
                rest = next
            }
            let endIndex: Int, trailerIndex: Int
            if headerCount == 0 && rest.starts(with: end) {
                endIndex = rest.startIndex
                trailerIndex = endIndex + end.count
            } else if let at = rest.firstRange(of: [UInt8(ascii: "\n")] + end) {
                endIndex = at.lowerBound
                trailerIndex = at.upperBound
            } else {
                continue
            }
            let trailerLength = type.count + dashes.count
            guard rest.endIndex - trailerIndex >= trailerLength else { continue }
            let trailer = rest[trailerIndex..<(trailerIndex + trailerLength)]
            guard trailer.starts(with: type), trailer.hasSuffix(dashes) else { continue }
            guard line(rest[(trailerIndex + trailerLength)...]).line.isEmpty else { continue }
            let body = rest[rest.startIndex..<endIndex].filter { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }
            guard case .success(let bytes) = Base64.decode(String(decoding: body, as: UTF8.self)) else { continue }
            return PEMBlock(type: String(decoding: type, as: UTF8.self), bytes: bytes)
        }
    }

    /// Go's `getLine`: up to the next newline, without trailing spaces, tabs and CRs.
    private static func line(_ data: ArraySlice<UInt8>) -> (line: ArraySlice<UInt8>, rest: ArraySlice<UInt8>) {
        var line: ArraySlice<UInt8>, rest: ArraySlice<UInt8>
        if let nl = data.firstIndex(of: UInt8(ascii: "\n")) {
            line = data[data.startIndex..<nl]
            rest = data[(nl + 1)...]
        } else {
            line = data
            rest = data[data.endIndex...]
        }
        while let last = line.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") || last == UInt8(ascii: "\r") {
            line = line.dropLast()
        }
        return (line, rest)
    }
}

extension ArraySlice where Element == UInt8 {
    fileprivate func hasSuffix(_ suffix: [UInt8]) -> Bool {
        count >= suffix.count && self[(endIndex - suffix.count)...].elementsEqual(suffix)
    }
}
