import CCurl

/// One HTTP GET as the chart fetcher needs it, on libcurl: request headers in, status
/// and headers out, and — unlike `HTTPGetter` — a 4xx is an answer, not an error,
/// because the registry protocol speaks in 401s (auth challenges) and 404s (unknown
/// tag), and a 304 revalidates a cached index.
///
/// TLS material comes from memory (`CURLOPT_*_BLOB`), so credentials read from a Secret
/// never touch the disk. Blocking: run it on `BlockingWorkers`, never on the
/// cooperative pool.
struct HTTPExchange: Sendable {
    struct Response: Sendable {
        var status: Int
        /// The final response's headers, names lowercased, in order.
        var headers: [(name: String, value: String)]
        var body: [UInt8]

        func header(_ name: String) -> String? {
            let n = name.lowercased()
            return headers.first { $0.name == n }?.value
        }
    }

    var credentials: ChartSourceCredentials = .anonymous
    var connectTimeout: Double = 30
    var timeout: Double = 120
    var maxBytes = 256 << 20
    var userAgent = HTTPGetterOptions().userAgent

    /// `headers` may carry `Authorization`; libcurl drops it when a redirect leaves the
    /// host (curl ≥ 7.58), as Go's client does.
    func get(_ url: String, headers: [(String, String)] = []) throws(HTTPGetterError) -> Response {
        guard let parsed = ChartURL(url), parsed.scheme == "http" || parsed.scheme == "https", !parsed.host.isEmpty
        else { throw .invalidURL(url: ChartURL(url)?.redacted ?? "") }
        let shown = parsed.redacted
        guard CurlLibrary.isReady, let easy = curl_easy_init() else {
            throw .transport(url: shown, code: -1, message: "libcurl could not be initialised")
        }
        defer { curl_easy_cleanup(easy) }
        var list: UnsafeMutablePointer<curl_slist>?
        for (name, value) in headers { list = curl_slist_append(list, "\(name): \(value)") }
        defer { curl_slist_free_all(list) }

        let transfer = ExchangeTransfer(limit: maxBytes)
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        defer { errorBuffer.deallocate() }

        var refused: String?
        func check(_ code: CURLcode, _ what: String) {
            if code != CURLE_OK, refused == nil { refused = "\(what): \(String(cString: curl_easy_strerror(code)))" }
        }
        func set(_ option: CURLoption, _ text: String) {
            check(text.withCString { rudder_curl_easy_setopt_string(easy, option, $0) }, "option")
        }
        func set(_ option: CURLoption, _ value: Int) { check(rudder_curl_easy_setopt_long(easy, option, value), "option") }
        func setBlob(_ option: CURLoption, _ bytes: [UInt8], _ what: String) {
            check(bytes.withUnsafeBytes { rudder_curl_easy_setopt_blob(easy, option, $0.baseAddress, $0.count) }, what)
        }

        set(CURLOPT_URL, url)
        set(CURLOPT_NOSIGNAL, 1)
        set(CURLOPT_FOLLOWLOCATION, 1)
        set(CURLOPT_MAXREDIRS, 10)
        set(CURLOPT_PROTOCOLS_STR, "http,https")
        set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        set(CURLOPT_USERAGENT, userAgent)
        set(CURLOPT_ACCEPT_ENCODING, "")
        _ = rudder_curl_easy_setopt_off(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(maxBytes))
        if connectTimeout > 0 { set(CURLOPT_CONNECTTIMEOUT_MS, Int(connectTimeout * 1000)) }
        if timeout > 0 { set(CURLOPT_TIMEOUT_MS, Int(timeout * 1000)) }
        if let list { check(rudder_curl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, list), "headers") }
        if let ca = credentials.caPEM { setBlob(CURLOPT_CAINFO_BLOB, ca, "certificate authority") }
        if let cert = credentials.certificatePEM { setBlob(CURLOPT_SSLCERT_BLOB, cert, "client certificate") }
        if let key = credentials.privateKeyPEM { setBlob(CURLOPT_SSLKEY_BLOB, key, "client key") }
        if credentials.insecureSkipTLSVerify {
            set(CURLOPT_SSL_VERIFYPEER, 0)
            set(CURLOPT_SSL_VERIFYHOST, 0)
        }
        // A CA or key libcurl refused must fail the request: silently using the system
        // trust store would talk to a server the user did not mean to trust.
        if let refused { throw .transport(url: shown, code: -1, message: refused) }
        _ = rudder_curl_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer)
        _ = rudder_curl_easy_setopt_data_callback(easy, CURLOPT_WRITEFUNCTION, ExchangeTransfer.write)
        _ = rudder_curl_easy_setopt_data_callback(easy, CURLOPT_HEADERFUNCTION, ExchangeTransfer.header)

        let code: CURLcode = withExtendedLifetime(transfer) {
            let context = Unmanaged.passUnretained(transfer).toOpaque()
            _ = rudder_curl_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, context)
            _ = rudder_curl_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, context)
            return curl_easy_perform(easy)
        }
        if transfer.exceeded || code == CURLE_FILESIZE_EXCEEDED { throw .tooLarge(url: shown, limit: maxBytes) }
        guard code == CURLE_OK else {
            var message = String(cString: errorBuffer)
            if message.isEmpty { message = String(cString: curl_easy_strerror(code)) }
            if message.contains(url), url != shown { message = message.replacingAll(url, with: shown) }
            throw .transport(url: shown, code: Int32(code.rawValue), message: message)
        }
        var status = 0
        _ = rudder_curl_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        return Response(status: status, headers: transfer.headers, body: transfer.body)
    }
}

/// The callbacks' state for one exchange; lives only during `curl_easy_perform`.
final class ExchangeTransfer {
    var body: [UInt8] = []
    var headers: [(name: String, value: String)] = []
    let limit: Int
    var exceeded = false

    init(limit: Int) { self.limit = limit }

    static let write: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
        data, size, count, context in
        guard let data, let context else { return 0 }
        let transfer = Unmanaged<ExchangeTransfer>.fromOpaque(context).takeUnretainedValue()
        let n = size * count
        if transfer.body.count + n > transfer.limit {
            transfer.exceeded = true
            return 0
        }
        data.withMemoryRebound(to: UInt8.self, capacity: n) { transfer.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: n)) }
        return n
    }

    static let header: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
        data, size, count, context in
        guard let data, let context else { return 0 }
        let n = size * count
        let transfer = Unmanaged<ExchangeTransfer>.fromOpaque(context).takeUnretainedValue()
        let line = data.withMemoryRebound(to: UInt8.self, capacity: n) {
            String(decoding: UnsafeBufferPointer(start: $0, count: n), as: UTF8.self)
        }
        // Each response of a redirect chain starts with its status line: keep only the last one's headers.
        if line.hasPrefix("HTTP/") {
            transfer.headers.removeAll()
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon].lowercased()
            let value = String(line[line.index(after: colon)...]).trimmed(" \t\r\n")
            transfer.headers.append((name, value))
        }
        return n
    }
}

extension String {
    func trimmed(_ set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s = s.dropFirst() }
        while let l = s.last, set.contains(l) { s = s.dropLast() }
        return String(s)
    }

    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty else { return self }
        var out = "", rest = Substring(self)
        while let r = rest.firstRange(of: target) {
            out += rest[..<r.lowerBound] + replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }
}
