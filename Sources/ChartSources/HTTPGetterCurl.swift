import CCurl

/// libcurl's one-time set-up. Options are set through the non-variadic wrappers of
/// `CCurl/shim.h` (Swift cannot call the variadic `curl_easy_setopt` itself).
enum CurlLibrary {
    /// `curl_global_init` must run once before any handle exists and, in libcurl builds
    /// older than 7.84, is not thread-safe; a `static let` runs its initializer exactly
    /// once (swift_once), whichever thread gets there first.
    static let isReady: Bool = curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK
}

/// What the callbacks of one transfer fill in. Lives only for the duration of
/// `curl_easy_perform` on the calling thread.
final class CurlTransfer {
    var body: [UInt8] = []
    let limit: Int
    var exceeded = false
    /// The last status line seen (after redirects, the final response's).
    var statusText = ""

    init(limit: Int) { self.limit = limit }

    static let write: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
        data, size, count, context in
        guard let data, let context else { return 0 }
        let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
        let n = size * count
        if transfer.body.count + n > transfer.limit {
            transfer.exceeded = true
            return 0  // makes libcurl abort with CURLE_WRITE_ERROR
        }
        data.withMemoryRebound(to: UInt8.self, capacity: n) { transfer.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: n)) }
        return n
    }

    static let header: @convention(c) (UnsafeMutablePointer<CChar>?, Int, Int, UnsafeMutableRawPointer?) -> Int = {
        data, size, count, context in
        guard let data, let context else { return 0 }
        let n = size * count
        let line = data.withMemoryRebound(to: UInt8.self, capacity: n) {
            String(decoding: UnsafeBufferPointer(start: $0, count: n), as: UTF8.self)
        }
        if line.hasPrefix("HTTP/") {
            let transfer = Unmanaged<CurlTransfer>.fromOpaque(context).takeUnretainedValue()
            var rest = line.drop { $0 != " " }.drop { $0 == " " }
            while let last = rest.last, last == "\r" || last == "\n" || last == " " { rest = rest.dropLast() }
            transfer.statusText = String(rest)
        }
        return n
    }
}
