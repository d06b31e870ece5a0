import CZlib

/// A streaming gzip decoder over zlib, read on demand by the tar reader so that a
/// decompression bomb is stopped by the size limits instead of being inflated whole.
/// Like Go's `gzip.Reader` (multistream on), concatenated gzip members read as one
/// stream; after the last member only end of input is accepted.
///
/// A class because zlib's `z_stream` must keep one address for its whole life.
final class GzipInflater {
    enum Failure: Error, Equatable {
        /// Not gzip at all, or garbage where a next member should start (`gzip: invalid header`).
        case invalidHeader
        /// The stream ends before its trailer (`unexpected EOF`).
        case truncated
        /// The deflate data or the CRC/length trailer is wrong.
        case corrupt(String)

        var message: String {
            switch self {
            case .invalidHeader: return "gzip: invalid header"
            case .truncated: return "unexpected EOF"
            case .corrupt(let m): return m
            }
        }
    }

    private let input: [UInt8]
    private var inputOffset = 0
    private let stream: UnsafeMutablePointer<z_stream>
    private var initialized = false
    private var finished = false
    private var buffer: [UInt8] = []
    private var bufferStart = 0

    init(_ data: [UInt8]) throws(Failure) {
        input = data
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // Go checks the magic itself before inflating: anything else is ErrHeader.
        guard data.count >= 2 else {
            if data.isEmpty { throw .truncated }
            throw .truncated
        }
        guard data[0] == 0x1F, data[1] == 0x8B else { throw .invalidHeader }
        guard inflateInit2_(stream, 16 + MAX_WBITS, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw .corrupt("gzip: cannot initialise zlib")
        }
        initialized = true
    }

    deinit {
        if initialized { inflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    /// Reads exactly `count` bytes; fewer only at a clean end of stream (then the
    /// bytes that were left, possibly none).
    func read(_ count: Int) throws(Failure) -> ArraySlice<UInt8> {
        while buffer.count - bufferStart < count && !finished {
            try inflateMore()
        }
        let end = min(bufferStart + count, buffer.count)
        let out = buffer[bufferStart..<end]
        bufferStart = end
        return out
    }

    /// Skips `count` bytes; returns how many were there.
    func skip(_ count: Int) throws(Failure) -> Int {
        var left = count
        while left > 0 {
            let chunk = try read(min(left, 1 << 16))
            if chunk.isEmpty { break }
            left -= chunk.count
        }
        return count - left
    }

    private func inflateMore() throws(Failure) {
        if bufferStart > 0 {
            buffer.removeSubrange(0..<bufferStart)
            bufferStart = 0
        }
        let chunk = 1 << 16
        let oldCount = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: chunk))
        var status: Int32 = Z_OK
        var produced = 0
        var consumed = 0
        input.withUnsafeBufferPointer { inp in
            buffer.withUnsafeMutableBufferPointer { out in
                stream.pointee.next_in = UnsafeMutablePointer(mutating: inp.baseAddress! + inputOffset)
                stream.pointee.avail_in = UInt32(clamping: inp.count - inputOffset)
                stream.pointee.next_out = out.baseAddress! + oldCount
                stream.pointee.avail_out = UInt32(chunk)
                let availIn = stream.pointee.avail_in
                status = inflate(stream, Z_NO_FLUSH)
                produced = chunk - Int(stream.pointee.avail_out)
                consumed = Int(availIn - stream.pointee.avail_in)
            }
        }
        inputOffset += consumed
        buffer.removeLast(chunk - produced)
        switch status {
        case Z_OK:
            if produced == 0 && consumed == 0 { throw .truncated }
        case Z_BUF_ERROR:
            // No progress possible: the input ran out mid-member.
            throw .truncated
        case Z_STREAM_END:
            try nextMember()
        case Z_DATA_ERROR:
            let msg = stream.pointee.msg.map { String(cString: $0) } ?? "corrupt input"
            if msg.contains("check") || msg.contains("length") { throw .corrupt("gzip: invalid checksum") }
            throw .corrupt("flate: corrupt input (\(msg))")
        default:
            throw .corrupt("gzip: zlib error \(status)")
        }
    }

    /// After a member's trailer: end of input finishes the stream, a new gzip magic
    /// starts the next member, anything else is Go's ErrHeader.
    private func nextMember() throws(Failure) {
        let rest = input.count - inputOffset
        if rest == 0 {
            finished = true
            return
        }
        guard rest >= 2, input[inputOffset] == 0x1F, input[inputOffset + 1] == 0x8B else {
            throw rest < 2 && input[inputOffset] == 0x1F ? .truncated : .invalidHeader
        }
        guard inflateReset(stream) == Z_OK else { throw .corrupt("gzip: cannot reset zlib") }
    }
}
