import CCurl

/// Gets a URL's body over HTTP(S) with libcurl: Helm's `getter.HTTPGetter`.
///
/// Synchronous by design: one call is one blocking transfer on the calling thread, with
/// nothing left running when it returns (callers wanting concurrency run several in a
/// task group). Redirects are followed; credentials go only where
/// `HTTPGetterOptions.sendsCredentials` allows, and libcurl itself drops them when a
/// redirect leaves the origin unless `passCredentialsAll` is set, as Go's client does.
public struct HTTPGetter: Sendable {
    public var options: HTTPGetterOptions

    public init(options: HTTPGetterOptions = HTTPGetterOptions()) {
        self.options = options
    }

    /// The body of a successful (status < 400) response.
    public func get(_ url: String) throws(HTTPGetterError) -> [UInt8] {
        guard let parsed = ChartURL(url), parsed.scheme == "http" || parsed.scheme == "https", !parsed.host.isEmpty
        else { throw .invalidURL(url: ChartURL(url)?.redacted ?? "") }
        let shown = parsed.redacted
        guard CurlLibrary.isReady, let easy = curl_easy_init() else {
            throw .transport(url: shown, code: -1, message: "libcurl could not be initialised")
        }
        defer { curl_easy_cleanup(easy) }

        let transfer = CurlTransfer(limit: options.maxBytes)
        let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        defer { errorBuffer.deallocate() }

        // Strings handed to curl_easy_setopt are copied by libcurl (since 7.17), so
        // temporary C strings are enough.
        func set(_ option: CURLoption, _ text: String) {
            _ = text.withCString { rudder_curl_easy_setopt_string(easy, option, $0) }
        }
        func set(_ option: CURLoption, _ value: Int) { _ = rudder_curl_easy_setopt_long(easy, option, value) }

        set(CURLOPT_URL, url)
        set(CURLOPT_NOSIGNAL, 1)
        set(CURLOPT_FOLLOWLOCATION, 1)
        set(CURLOPT_MAXREDIRS, options.maxRedirects)
        set(CURLOPT_PROTOCOLS_STR, "http,https")
        set(CURLOPT_REDIR_PROTOCOLS_STR, "http,https")
        set(CURLOPT_USERAGENT, options.userAgent)
        set(CURLOPT_ACCEPT_ENCODING, "")
        _ = rudder_curl_easy_setopt_off(easy, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(options.maxBytes))
        if options.connectTimeout > 0 { set(CURLOPT_CONNECTTIMEOUT_MS, Int(options.connectTimeout * 1000)) }
        if options.timeout > 0 { set(CURLOPT_TIMEOUT_MS, Int(options.timeout * 1000)) }
        if options.sendsCredentials(to: url) {
            set(CURLOPT_HTTPAUTH, rudder_CURLAUTH_BASIC)
            set(CURLOPT_USERNAME, options.username)
            set(CURLOPT_PASSWORD, options.password)
            set(CURLOPT_UNRESTRICTED_AUTH, options.passCredentialsAll ? 1 : 0)
        }
        if !options.caFile.isEmpty { set(CURLOPT_CAINFO, options.caFile) }
        if !options.certFile.isEmpty { set(CURLOPT_SSLCERT, options.certFile) }
        if !options.keyFile.isEmpty { set(CURLOPT_SSLKEY, options.keyFile) }
        if options.insecureSkipTLSVerify {
            set(CURLOPT_SSL_VERIFYPEER, 0)
            set(CURLOPT_SSL_VERIFYHOST, 0)
        }
        _ = rudder_curl_easy_setopt_pointer(easy, CURLOPT_ERRORBUFFER, errorBuffer)
        _ = rudder_curl_easy_setopt_data_callback(easy, CURLOPT_WRITEFUNCTION, CurlTransfer.write)
        _ = rudder_curl_easy_setopt_data_callback(easy, CURLOPT_HEADERFUNCTION, CurlTransfer.header)

        let code: CURLcode = withExtendedLifetime(transfer) {
            let context = Unmanaged.passUnretained(transfer).toOpaque()
            _ = rudder_curl_easy_setopt_pointer(easy, CURLOPT_WRITEDATA, context)
            _ = rudder_curl_easy_setopt_pointer(easy, CURLOPT_HEADERDATA, context)
            return curl_easy_perform(easy)
        }
        if transfer.exceeded || code == CURLE_FILESIZE_EXCEEDED {
            throw .tooLarge(url: shown, limit: options.maxBytes)
        }
        guard code == CURLE_OK else {
            var message = String(cString: errorBuffer)
            if message.isEmpty { message = String(cString: curl_easy_strerror(code)) }
            // libcurl may echo the URL; never let a password in it through.
            message = Self.scrub(message, url: url, shown: shown)
            throw .transport(url: shown, code: Int32(code.rawValue), message: message)
        }
        var status = 0
        _ = rudder_curl_easy_getinfo_long(easy, CURLINFO_RESPONSE_CODE, &status)
        if status >= 400 {
            var text = transfer.statusText
            if text.isEmpty || Int(text) != nil { text = "\(status) " + Self.reasonPhrase(status) }
            throw .status(url: shown, code: status, status: text)
        }
        return transfer.body
    }

    private static func scrub(_ message: String, url: String, shown: String) -> String {
        guard url != shown, !url.isEmpty else { return message }
        let m = Array(message.utf8), u = Array(url.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < m.count {
            if i + u.count <= m.count, m[i..<(i + u.count)].elementsEqual(u) {
                out.append(contentsOf: shown.utf8)
                i += u.count
            } else {
                out.append(m[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Go's `http.StatusText` for the codes a chart repository answers with (HTTP/2
    /// status lines carry no phrase, and Go then prints its own).
    static func reasonPhrase(_ code: Int) -> String {
        switch code {
        case 400: return "Bad Request"
        case 401: return "Unauthorized"
        case 403: return "Forbidden"
        case 404: return "Not Found"
        case 405: return "Method Not Allowed"
        case 408: return "Request Timeout"
        case 410: return "Gone"
        case 429: return "Too Many Requests"
        case 500: return "Internal Server Error"
        case 502: return "Bad Gateway"
        case 503: return "Service Unavailable"
        case 504: return "Gateway Timeout"
        default: return ""
        }
    }
}
