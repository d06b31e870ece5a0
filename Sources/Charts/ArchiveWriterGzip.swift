import CZlib

/// Gzip as Helm's `chartutil.Save` writes it with Go's `compress/gzip`: a header with
/// no modification time (zero), no file name, Helm's Extra field and the comment
/// `Helm`, OS byte 255 ("unknown"), XFL 0 (default level); then the deflate stream
/// and the CRC-32 / length trailer. The deflate stream is zlib's at the default level,
/// so the compressed bytes are not Go's (Go's flate is a different encoder), but they
/// depend only on the input: the same tar gives the same .tgz.
enum GzipWriter {
    /// The gzip Extra field Helm puts in every chart archive (`headerBytes` in
    /// chartutil/save.go), kept so tools that look for it still see a Helm package.
    static let helmExtra = Array("+aHR0cHM6Ly95b3V0dS5iZS96OVV6MWljandyTQo=".utf8)

    struct Failure: Error, Equatable, CustomStringConvertible {
        let code: Int32
        var description: String { "gzip: zlib error \(code)" }
    }

    static func compress(_ input: [UInt8], extra: [UInt8] = helmExtra, comment: String = "Helm") throws(Failure)
        -> [UInt8]
    {
        var out: [UInt8] = [0x1F, 0x8B, 0x08, 0x04 | 0x10, 0, 0, 0, 0, 0, 0xFF]
        out.append(UInt8(extra.count & 0xFF))
        out.append(UInt8(extra.count >> 8))
        out.append(contentsOf: extra)
        out.append(contentsOf: comment.utf8)
        out.append(0)
        out.append(contentsOf: try deflateRaw(input))
        let crc = input.withUnsafeBufferPointer { buf -> UInt in
            crc32(0, buf.baseAddress, UInt32(buf.count))
        }
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8(truncatingIfNeeded: UInt(crc) >> UInt(shift))) }
        let size = UInt32(truncatingIfNeeded: input.count)
        for shift in stride(from: 0, to: 32, by: 8) { out.append(UInt8(truncatingIfNeeded: size >> UInt32(shift))) }
        return out
    }

    /// A raw deflate stream (no zlib or gzip framing) of the whole input.
    private static func deflateRaw(_ input: [UInt8]) throws(Failure) -> [UInt8] {
        // zlib remembers the stream's address, so it must not move: allocate it.
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer {
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
        var status = deflateInit2_(
            stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
            Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw Failure(code: status) }
        defer { deflateEnd(stream) }
        let bound = Int(deflateBound(stream, UInt(input.count)))
        var out = [UInt8](repeating: 0, count: bound + 64)
        var produced = 0
        input.withUnsafeBufferPointer { inp in
            out.withUnsafeMutableBufferPointer { outBuf in
                stream.pointee.next_in = UnsafeMutablePointer(mutating: inp.baseAddress)
                stream.pointee.avail_in = UInt32(inp.count)
                stream.pointee.next_out = outBuf.baseAddress
                stream.pointee.avail_out = UInt32(outBuf.count)
                status = deflate(stream, Z_FINISH)
                produced = outBuf.count - Int(stream.pointee.avail_out)
            }
        }
        guard status == Z_STREAM_END else { throw Failure(code: status) }
        out.removeSubrange(produced...)
        return out
    }
}
