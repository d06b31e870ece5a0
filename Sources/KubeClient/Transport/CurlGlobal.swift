import CCurl

/// libcurl's one-time set-up.
enum CurlGlobal {
    /// `curl_global_init` must run before any handle exists and, in libcurl builds older
    /// than 7.84, is not thread-safe; a `static let` runs it exactly once (swift_once).
    static let isReady: Bool = curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK
}
