import CCurl

/// One request's libcurl easy handle and what its callbacks collect. Configured on the
/// caller's thread (`EasyHandleSetup`), then, from `CurlMultiLoop.submit(.add)` on, touched
/// only by the loop thread: the callbacks run inside `curl_multi_perform` there, and
/// `complete` is called there exactly once. The hand-over through the loop's lock orders
/// the caller's writes before the loop's reads.
final class EasyTransfer: @unchecked Sendable {
    enum Delivery {
        /// `send`: the whole body, then one answer.
        case whole
        /// `stream`: the head as soon as it is in, then chunks through the buffer.
        case stream(ChunkBuffer)
    }

    let easy: UnsafeMutableRawPointer
    let method: String
    let shownURL: String
    let delivery: Delivery
    private let maximumBytes: Int
    private let errorBuffer: UnsafeMutablePointer<CChar>
    /// Owned here because libcurl only borrows header lists.
    var headerList: UnsafeMutablePointer<curl_slist>?
    var connectTo: UnsafeMutablePointer<curl_slist>?

    // Loop thread only (set by the caller before `add`):
    private var wholeWaiter: CheckedContinuation<Result<TransportResponse, TransportError>, Never>?
    private var headWaiter: CheckedContinuation<Result<TransportResponseHead, TransportError>, Never>?
    private var status = 0
    private var httpVersion = ""
    private var headers = TransportHeaders()
    private var head: TransportResponseHead?
    private var body: [UInt8] = []
    private var tooLarge = false
    private(set) var isComplete = false
    /// A cancel that reached the loop before the add did.
    var cancelledBeforeStart = false

    init(easy: UnsafeMutableRawPointer, method: String, shownURL: String, delivery: Delivery, maximumBytes: Int) {
        self.easy = easy
        self.method = method
        self.shownURL = shownURL
        self.delivery = delivery
        self.maximumBytes = maximumBytes
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let context = Unmanaged.passUnretained(self).toOpaque()
        _ = rudder_curl_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer)
        _ = rudder_curl_easy_setopt_data_callback(easy, CURLOPT_WRITEFUNCTION, Self.write)
        _ = rudder_curl_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, context)
        _ = rudder_curl_easy_setopt_data_callback(easy, CURLOPT_HEADERFUNCTION, Self.header)
        _ = rudder_curl_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, context)
    }

    /// The loop holds the transfer while the handle is in the multi handle, so by now the
    /// handle is out of it and may be cleaned up from any thread.
    deinit {
        curl_easy_cleanup(easy)
        curl_slist_free_all(headerList)
        curl_slist_free_all(connectTo)
        errorBuffer.deallocate()
    }

    func awaitWhole(_ continuation: CheckedContinuation<Result<TransportResponse, TransportError>, Never>) {
        wholeWaiter = continuation
    }

    func awaitHead(_ continuation: CheckedContinuation<Result<TransportResponseHead, TransportError>, Never>) {
        headWaiter = continuation
    }

    func error(_ kind: TransportError.Kind, _ message: String) -> TransportError {
        TransportError(kind: kind, method: method, url: shownURL, message: message)
    }

    // MARK: Loop thread

    /// The transfer is over: libcurl finished it with `code`, or it was cancelled or never
    /// started (`failure`). Answers whoever waits; later calls do nothing.
    func complete(code: CURLcode?, failure: TransportError? = nil) {
        guard !isComplete else { return }
        isComplete = true
        var failure = failure
        if failure == nil, let code, code != CURLE_OK {
            failure = tooLarge ? error(.responseTooLarge(limit: maximumBytes), "the answer exceeds \(maximumBytes) bytes") : curlError(code)
        }
        if failure == nil && head == nil { finishHead() }
        switch delivery {
        case .whole:
            let waiter = wholeWaiter
            wholeWaiter = nil
            if let failure {
                waiter?.resume(returning: .failure(failure))
            } else if let head {
                waiter?.resume(returning: .success(TransportResponse(head: head, body: body)))
            }
        case .stream(let buffer):
            if let waiter = headWaiter {
                headWaiter = nil
                if let failure { waiter.resume(returning: .failure(failure)) } else if let head { waiter.resume(returning: .success(head)) }
            }
            buffer.finish(failure)
        }
    }

    private func curlError(_ code: CURLcode) -> TransportError {
        var message = String(cString: errorBuffer)
        if message.isEmpty { message = String(cString: curl_easy_strerror(code)) }
        return error(Self.kind(of: code), message)
    }

    static func kind(of code: CURLcode) -> TransportError.Kind {
        switch code {
        case CURLE_COULDNT_CONNECT: return .connectionRefused
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY: return .nameResolution
        case CURLE_OPERATION_TIMEDOUT: return .timeout
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS,
            CURLE_SSL_CRL_BADFILE, CURLE_SSL_SHUTDOWN_FAILED, CURLE_USE_SSL_FAILED, CURLE_SSL_ENGINE_NOTFOUND,
            CURLE_SSL_ENGINE_SETFAILED, CURLE_SSL_ENGINE_INITFAILED:
            return .tls
        case CURLE_GOT_NOTHING, CURLE_SEND_ERROR, CURLE_RECV_ERROR, CURLE_PARTIAL_FILE, CURLE_HTTP2, CURLE_HTTP2_STREAM:
            return .connectionLost
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL, CURLE_BAD_FUNCTION_ARGUMENT: return .invalidRequest
        case CURLE_ABORTED_BY_CALLBACK: return .cancelled
        default: return .other(curlCode: Int(code.rawValue))
        }
    }

    /// The header block of a final (non-1xx) answer is complete.
    private func finishHead() {
        if status == 0 {
            var code = 0
            _ = rudder_curl_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &code)
            status = code
        }
        head = TransportResponseHead(status: status, headers: headers, httpVersion: httpVersion)
        if let waiter = headWaiter, let head {
            headWaiter = nil
            waiter.resume(returning: .success(head))
        }
    }

    private func received(headerLine bytes: UnsafeBufferPointer<UInt8>) {
        guard head == nil else { return }  // trailers
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<end]), as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            // A new status line starts a new block (after a 100 Continue): forget the last one.
            let parts = line.split(separator: " ", maxSplits: 2)
            httpVersion = String(parts[0].dropFirst(5))
            status = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
            headers = TransportHeaders()
        } else if line.isEmpty {
            if status >= 200 || status == 0 { finishHead() }
        } else if let colon = line.firstIndex(of: ":") {
            let value = line[line.index(after: colon)...].drop { $0 == " " || $0 == "\t" }
            headers.add(String(line[..<colon]), String(value))
        }
    }

    /// Returns what libcurl expects from a write callback: the count taken, 0 to abort, or
    /// CURL_WRITEFUNC_PAUSE to be offered the same bytes again after `curl_easy_pause`.
    private func received(body bytes: UnsafeBufferPointer<UInt8>) -> Int {
        if head == nil { finishHead() }
        switch delivery {
        case .whole:
            guard body.count + bytes.count <= maximumBytes else {
                tooLarge = true
                return 0
            }
            body.append(contentsOf: bytes)
            return bytes.count
        case .stream(let buffer):
            switch buffer.offer(Array(bytes)) {
            case .accepted: return bytes.count
            case .pause: return Int(rudder_CURL_WRITEFUNC_PAUSE)
            case .reject: return 0
            }
        }
    }

    // MARK: C callbacks

    static let write: rudder_curl_data_callback = { data, size, count, context in
        guard let context else { return 0 }
        let transfer = Unmanaged<EasyTransfer>.fromOpaque(context).takeUnretainedValue()
        let n = size * count
        guard n > 0, let data else { return 0 }
        return data.withMemoryRebound(to: UInt8.self, capacity: n) { transfer.received(body: UnsafeBufferPointer(start: $0, count: n)) }
    }

    static let header: rudder_curl_data_callback = { data, size, count, context in
        guard let context else { return 0 }
        let transfer = Unmanaged<EasyTransfer>.fromOpaque(context).takeUnretainedValue()
        let n = size * count
        guard n > 0, let data else { return n }
        data.withMemoryRebound(to: UInt8.self, capacity: n) { transfer.received(headerLine: UnsafeBufferPointer(start: $0, count: n)) }
        return n
    }
}
