#if canImport(Glibc)
import Glibc
#endif

/// One HTTP/1.1 keep-alive connection to a loopback port over a blocking POSIX socket.
///
/// The benchmark measures the embedded API server, which runs in the same process on
/// Swift's cooperative pool and NIO's event loops; a client built on either would compete
/// with the server for the very threads it measures. So each connection belongs to one OS
/// thread, blocks in `recv`, and shares nothing. Requests go one at a time (no
/// pipelining), like a Go client's connection from its pool.
final class LoopbackHTTPConnection {
    /// A whole answer: the status and the body (Content-Length or chunked, decoded).
    struct Response {
        var status: Int
        var body: [UInt8]
    }

    private let socket: Int32
    private let port: Int
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    /// The unread bytes are `buffer[start..<end]`.
    private var start = 0
    private var end = 0
    /// What the streamed response being read still has to deliver (nil: no stream open).
    private var streaming: BodyFraming?

    enum BodyFraming {
        case length(Int)
        case chunked
        case untilClose
    }

    /// Connects to 127.0.0.1:`port`; a read that waits longer than `timeoutSeconds` fails
    /// (a lost watch event must end the run, not hang it).
    init(port: Int, timeoutSeconds: Int = 60) throws(BenchError) {
        self.port = port
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw BenchError.socket("socket", errno: errno, port: port) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = in_addr_t(UInt32(0x7F00_0001).bigEndian)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            let code = errno
            close(fd)
            throw BenchError.socket("connect", errno: code, port: port)
        }
        // Small requests must leave at once, not wait for Nagle to coalesce them.
        var on: Int32 = 1
        setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size))
        var timeout = timeval(tv_sec: timeoutSeconds, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        socket = fd
    }

    deinit { close(socket) }

    /// Sends one request and reads its whole answer.
    func request(_ method: String, _ target: String, contentType: String? = nil, body: [UInt8] = []) throws(BenchError) -> Response {
        let status = try send(method, target, contentType: contentType, body: body)
        var whole: [UInt8] = []
        while let piece = try nextBodyPiece() { whole.append(contentsOf: piece) }
        return Response(status: status, body: whole)
    }

    /// Sends a request whose answer streams (a watch) and returns its status once the
    /// head has arrived; `nextBodyPiece` then yields the body as it comes.
    func send(_ method: String, _ target: String, contentType: String? = nil, body: [UInt8] = []) throws(BenchError) -> Int {
        guard streaming == nil else { throw BenchError.protocolViolation("a request was sent before the previous answer was read") }
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUser-Agent: rudder-bench\r\nAccept: application/json\r\n"
        if let contentType { head += "Content-Type: \(contentType)\r\n" }
        if method != "GET" { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        try write(Array(head.utf8) + body)
        return try readHead()
    }

    /// The next piece of the answer's body, as the server framed it; nil once it is whole.
    func nextBodyPiece() throws(BenchError) -> [UInt8]? {
        switch streaming {
        case nil:
            return nil
        case .length(let remaining):
            if remaining == 0 {
                streaming = nil
                return nil
            }
            let piece = try readAvailable(upTo: remaining)
            streaming = .length(remaining - piece.count)
            return piece
        case .chunked:
            let sizeLine = try readLine()
            let digits = sizeLine.split(separator: ";", maxSplits: 1).first.map(String.init) ?? ""
            guard let size = Int(digits.trimmingSpaces, radix: 16), size >= 0 else {
                throw BenchError.protocolViolation("bad chunk size line \"\(sizeLine)\"")
            }
            if size == 0 {
                while try !readLine().isEmpty {}  // trailers
                streaming = nil
                return nil
            }
            let piece = try readExactly(size)
            guard try readLine().isEmpty else { throw BenchError.protocolViolation("chunk not followed by CRLF") }
            return piece
        case .untilClose:
            let piece = try readAvailable(upTo: buffer.count)
            if piece.isEmpty { streaming = nil }
            return piece.isEmpty ? nil : piece
        }
    }

    // MARK: Framing

    private func readHead() throws(BenchError) -> Int {
        let statusLine = try readLine()
        let parts = statusLine.split(separator: " ", maxSplits: 2)
        guard parts.count >= 2, parts[0].hasPrefix("HTTP/1."), let status = Int(parts[1]) else {
            throw BenchError.protocolViolation("bad status line \"\(statusLine)\"")
        }
        var framing = BodyFraming.untilClose
        while true {
            let line = try readLine()
            if line.isEmpty { break }
            guard let colon = line.firstIndex(of: ":") else { continue }
            let name = line[..<colon].lowercased()
            let value = String(line[line.index(after: colon)...]).trimmingSpaces
            if name == "content-length", let n = Int(value) { framing = .length(n) }
            if name == "transfer-encoding", value.lowercased().contains("chunked") { framing = .chunked }
        }
        streaming = framing
        return status
    }

    /// A line ending in CRLF (or LF), without the ending.
    private func readLine() throws(BenchError) -> String {
        var line: [UInt8] = []
        while true {
            if start == end { try fill() }
            if let newline = buffer[start..<end].firstIndex(of: UInt8(ascii: "\n")) {
                line.append(contentsOf: buffer[start..<newline])
                start = newline + 1
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            line.append(contentsOf: buffer[start..<end])
            start = end
        }
    }

    private func readExactly(_ count: Int) throws(BenchError) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(count)
        while bytes.count < count {
            let piece = try readAvailable(upTo: count - bytes.count)
            guard !piece.isEmpty else { throw BenchError.protocolViolation("connection closed mid-body") }
            bytes.append(contentsOf: piece)
        }
        return bytes
    }

    /// Up to `limit` bytes, waiting only if nothing is buffered; empty at end of stream.
    private func readAvailable(upTo limit: Int) throws(BenchError) -> [UInt8] {
        if start == end {
            do { try fill() } catch .closed { return [] }
        }
        let n = min(limit, end - start)
        defer { start += n }
        return Array(buffer[start..<start + n])
    }

    private func fill() throws(BenchError) {
        start = 0
        end = 0
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if n > 0 {
                end = n
                return
            }
            if n == 0 { throw BenchError.closed }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK { throw BenchError.timedOut(port: port) }
            throw BenchError.socket("recv", errno: code, port: port)
        }
    }

    private func write(_ bytes: [UInt8]) throws(BenchError) {
        var sent = 0
        while sent < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.send(socket, $0.baseAddress! + sent, bytes.count - sent, Int32(MSG_NOSIGNAL)) }
            if n < 0 {
                if errno == EINTR { continue }
                throw BenchError.socket("send", errno: errno, port: port)
            }
            sent += n
        }
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        String(drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" }).reversed())
    }
}
