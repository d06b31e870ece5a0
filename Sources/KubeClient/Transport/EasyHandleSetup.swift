import CCurl

/// Turns a configuration, a request and a token into a configured easy handle. Every
/// option libcurl refuses fails the request: a silently ignored CA or client key would
/// mean talking to the wrong server or as the wrong user.
struct EasyHandleSetup {
    let configuration: TransportConfiguration
    let endpoint: ServerEndpoint

    func transfer(
        for request: TransportRequest, credential: RequestCredential, delivery: EasyTransfer.Delivery
    ) throws(TransportError) -> EasyTransfer {
        let method = request.method.rawValue
        let shown = endpoint.shownURL(path: request.path)
        let fail = { (kind: TransportError.Kind, message: String) in
            TransportError(kind: kind, method: method, url: shown, message: message)
        }
        guard CurlGlobal.isReady, let easy = curl_easy_init() else { throw fail(.other(curlCode: -1), "libcurl could not be initialised") }
        // From here the transfer owns the handle and frees it on every path.
        let transfer = EasyTransfer(
            easy: easy, method: method, shownURL: shown, delivery: delivery, maximumBytes: configuration.maximumResponseBytes)
        var failed: TransportError?
        func check(_ code: CURLcode, _ what: String, _ kind: TransportError.Kind = .invalidRequest) {
            if code != CURLE_OK, failed == nil { failed = fail(kind, "\(what): \(String(cString: curl_easy_strerror(code)))") }
        }
        func set(_ option: CURLoption, _ value: Int, _ what: String) { check(rudder_curl_easy_setopt_long(easy, option, value), what) }
        func set(_ option: CURLoption, _ text: String?, _ what: String) {
            if let text { check(text.withCString { rudder_curl_easy_setopt_string(easy, option, $0) }, what) }
            else { check(rudder_curl_easy_setopt_string(easy, option, nil), what) }
        }
        func setBlob(_ option: CURLoption, _ bytes: [UInt8], _ what: String) {
            check(bytes.withUnsafeBytes { rudder_curl_easy_setopt_blob(easy, option, $0.baseAddress, $0.count) }, what, .tls)
        }

        let tlsName = endpoint.isTLS ? configuration.tlsServerName.flatMap { $0.isEmpty ? nil : $0 } : nil
        set(CURLOPT_URL, endpoint.url(path: request.path, query: request.query, hostOverride: tlsName), "URL")
        // Signals cannot be used by a library sharing the process with Swift's runtime.
        set(CURLOPT_NOSIGNAL, 1, "NOSIGNAL")
        set(CURLOPT_PROTOCOLS_STR, "http,https", "protocols")
        // Kubernetes clients do not follow redirects to other hosts; a redirect is an answer.
        set(CURLOPT_FOLLOWLOCATION, 0, "redirects")
        // HTTP/2 when ALPN offers it (one connection multiplexes every request and watch),
        // HTTP/1.1 otherwise; plain http stays 1.1.
        set(CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS), "HTTP version")
        // Wait for a connection being set up to learn whether it multiplexes, rather than
        // opening a second one for the same host at once.
        set(CURLOPT_PIPEWAIT, 1, "PIPEWAIT")
        if configuration.compression { set(CURLOPT_ACCEPT_ENCODING, "gzip", "Accept-Encoding") }
        set(CURLOPT_USERAGENT, configuration.userAgent, "User-Agent")
        set(CURLOPT_TCP_KEEPALIVE, 1, "keep-alive")
        set(CURLOPT_TCP_KEEPIDLE, 30, "keep-alive idle")
        set(CURLOPT_TCP_KEEPINTVL, 30, "keep-alive interval")
        set(CURLOPT_SUPPRESS_CONNECT_HEADERS, 1, "proxy CONNECT headers")
        set(CURLOPT_CONNECTTIMEOUT_MS, Self.milliseconds(configuration.connectTimeout), "connect timeout")
        let isStream = if case .stream = delivery { true } else { false }
        if let total = request.timeout ?? (isStream ? nil : configuration.requestTimeout) {
            set(CURLOPT_TIMEOUT_MS, Self.milliseconds(total), "timeout")
        }
        if let proxy = configuration.proxy { set(CURLOPT_PROXY, proxy, "proxy") }

        if let tlsName {
            connect(transfer, from: tlsName, check: check)
        }
        if endpoint.isTLS {
            if let ca = configuration.certificateAuthorityPEM {
                setBlob(CURLOPT_CAINFO_BLOB, ca, "certificate authority")
                // Only the configured CA, as client-go trusts only `certificate-authority-data`.
                set(CURLOPT_CAPATH, nil, "CA path")
            }
            let exec = if case .clientCertificate(let c) = credential { c } else { ClientCertificate?.none }
            if let client = exec ?? configuration.clientCertificate {
                setBlob(CURLOPT_SSLCERT_BLOB, client.certificatePEM, "client certificate")
                set(CURLOPT_SSLCERTTYPE, "PEM", "client certificate type")
                setBlob(CURLOPT_SSLKEY_BLOB, client.privateKeyPEM, "client key")
                set(CURLOPT_SSLKEYTYPE, "PEM", "client key type")
            }
            if configuration.insecureSkipTLSVerify {
                set(CURLOPT_SSL_VERIFYPEER, 0, "verify peer")
                set(CURLOPT_SSL_VERIFYHOST, 0, "verify host")
            }
        }

        switch request.method {
        case .get: set(CURLOPT_HTTPGET, 1, "GET")
        case .head: set(CURLOPT_NOBODY, 1, "HEAD")
        case .post, .put, .patch, .delete: set(CURLOPT_CUSTOMREQUEST, method, "method")
        }
        if let body = request.body, request.method != .get, request.method != .head {
            check(rudder_curl_easy_setopt_off(easy, CURLOPT_POSTFIELDSIZE_LARGE, curl_off_t(body.count)), "body size")
            // COPYPOSTFIELDS: libcurl keeps its own copy, so the request may go away.
            let code = body.isEmpty
                ? rudder_curl_easy_setopt_string(easy, CURLOPT_COPYPOSTFIELDS, "")
                : body.withUnsafeBytes { rudder_curl_easy_setopt_pointer(easy, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: $0.baseAddress)) }
            check(code, "body")
        }

        var headers = request.headers
        if let impersonate = configuration.impersonate, headers["Impersonate-User"] == nil {
            headers = impersonate.applied(to: headers)
        }
        var lines: [String] = []
        for field in headers {
            guard Self.isSafe(field.name), !field.name.isEmpty, !field.name.contains(":"), Self.isSafe(field.value) else {
                throw fail(.invalidRequest, "header \(Self.isSafe(field.name) ? field.name : "?") holds a line break")
            }
            // "Name:" would delete a header in libcurl's syntax; "Name;" sends it empty.
            lines.append(field.value.isEmpty ? "\(field.name);" : "\(field.name): \(field.value)")
        }
        if request.body != nil, request.headers["Content-Type"] == nil {
            lines.append("Content-Type:")  // not libcurl's default form encoding
        }
        lines.append("Expect:")  // no 100-continue round trip before large bodies
        if let authorization = credential.authorizationHeader, endpoint.isTLS {
            guard Self.isSafe(authorization) else { throw fail(.credentials, "the credential holds a line break") }
            lines.append("Authorization: \(authorization)")
        }
        if tlsName != nil, request.headers["Host"] == nil {
            // The URL names the TLS server name; the Host header stays the configured one.
            lines.append("Host: \(ServerEndpoint.authority(endpoint.host, endpoint.port))")
        }
        for line in lines { transfer.headerList = curl_slist_append(transfer.headerList, line) }
        check(rudder_curl_easy_setopt_slist(easy, CURLOPT_HTTPHEADER, transfer.headerList), "headers")

        if let failed { throw failed }
        return transfer
    }

    /// Sends connections for the TLS server name to the configured address.
    private func connect(_ transfer: EasyTransfer, from name: String, check: (CURLcode, String, TransportError.Kind) -> Void) {
        let target = endpoint.host.contains(":") ? "[\(endpoint.host)]" : endpoint.host
        let from = name.contains(":") ? "[\(name)]" : name
        transfer.connectTo = curl_slist_append(nil, "\(from):\(endpoint.port):\(target):\(endpoint.port)")
        check(rudder_curl_easy_setopt_slist(transfer.easy, CURLOPT_CONNECT_TO, transfer.connectTo), "TLS server name", .invalidRequest)
    }

    private static func isSafe(_ text: String) -> Bool { !text.utf8.contains { $0 == 0x0A || $0 == 0x0D || $0 == 0 } }

    static func milliseconds(_ duration: Duration) -> Int {
        let (seconds, attoseconds) = duration.components
        let ms = seconds * 1000 + attoseconds / 1_000_000_000_000_000
        return Int(max(1, ms))
    }
}
