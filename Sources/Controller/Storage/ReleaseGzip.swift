import CZlib

/// Gzip for release payloads, as Helm's `encodeRelease`/`decodeRelease` use Go's
/// `compress/gzip`: written at best compression, read with a cap on the inflated size so
/// that a hostile record cannot exhaust memory.
enum ReleaseGzip {
    struct Failure: Error, Equatable {
        let message: String
    }

    /// Go's `magicGzip`: what `decodeRelease` checks before inflating.
    static func hasMagic(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 3 && bytes[0] == 0x1F && bytes[1] == 0x8B && bytes[2] == 0x08
    }

    static func compress(_ input: [UInt8]) throws(Failure) -> [UInt8] {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer {
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
        // windowBits 15 + 16: a gzip wrapper (header and CRC-32 trailer) around deflate.
        var status = deflateInit2_(
            stream, Z_BEST_COMPRESSION, Z_DEFLATED, MAX_WBITS + 16, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION,
            Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw Failure(message: "zlib error \(status)") }
        defer { deflateEnd(stream) }
        let bound = Int(deflateBound(stream, UInt(input.count)))
        var out = [UInt8](repeating: 0, count: bound + 64)
        var produced = 0
        input.withUnsafeBufferPointer { inp in
            out.withUnsafeMutableBufferPointer { buf in
                stream.pointee.next_in = UnsafeMutablePointer(mutating: inp.baseAddress)
                stream.pointee.avail_in = UInt32(inp.count)
                stream.pointee.next_out = buf.baseAddress
                stream.pointee.avail_out = UInt32(buf.count)
                status = deflate(stream, Z_FINISH)
                produced = buf.count - Int(stream.pointee.avail_out)
            }
        }
        guard status == Z_STREAM_END else { throw Failure(message: "zlib error \(status)") }
        out.removeSubrange(produced...)
        return out
    }

    /// Inflates one gzip stream; fails on a corrupt or truncated one, or past `limit` bytes.
    static func decompress(_ input: [UInt8], limit: Int) throws(Failure) -> [UInt8] {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer {
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
        var status = inflateInit2_(stream, MAX_WBITS + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
        guard status == Z_OK else { throw Failure(message: "zlib error \(status)") }
        defer { inflateEnd(stream) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        try input.withUnsafeBufferPointer { inp throws(Failure) in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: inp.baseAddress)
            stream.pointee.avail_in = UInt32(inp.count)
            while true {
                var produced = 0
                chunk.withUnsafeMutableBufferPointer { buf in
                    stream.pointee.next_out = buf.baseAddress
                    stream.pointee.avail_out = UInt32(buf.count)
                    status = inflate(stream, Z_NO_FLUSH)
                    produced = buf.count - Int(stream.pointee.avail_out)
                }
                out.append(contentsOf: chunk[..<produced])
                if out.count > limit { throw Failure(message: "inflates past \(limit) bytes") }
                switch status {
                case Z_STREAM_END: return
                case Z_OK: continue
                case Z_BUF_ERROR where stream.pointee.avail_in == 0: throw Failure(message: "unexpected EOF")
                case Z_BUF_ERROR: continue
                default:
                    let reason = stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                    throw Failure(message: reason)
                }
            }
        }
        return out
    }
}
