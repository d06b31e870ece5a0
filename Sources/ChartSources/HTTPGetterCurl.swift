import CCurl
import Glibc

/// The libcurl entry points the getter calls. `curl_easy_setopt` and
/// `curl_easy_getinfo` are C variadic functions, which Swift does not import; they
/// are looked up once with `dlsym` and called through fixed prototypes. On the
/// System V x86-64 and AArch64 Linux ABIs an integer or pointer argument travels the
/// same way to a variadic and a fixed-argument function, which is what libcurl reads.
struct CurlLibrary: @unchecked Sendable {
    // @unchecked: C function addresses, immutable after the lookup.
    typealias SetPointer = @convention(c) (UnsafeMutableRawPointer?, CURLoption, UnsafeRawPointer?) -> CURLcode
    typealias SetLong = @convention(c) (UnsafeMutableRawPointer?, CURLoption, Int) -> CURLcode
    typealias GetInfo = @convention(c) (UnsafeMutableRawPointer?, CURLINFO, UnsafeMutableRawPointer?) -> CURLcode

    let setPointer: SetPointer
    let setLong: SetLong
    let getInfo: GetInfo

    /// `curl_global_init` is not thread-safe and must run once before any handle
    /// exists; a `static let` runs its initializer exactly once (swift_once), whichever
    /// thread gets there first.
    static let shared: CurlLibrary? = {
        guard curl_global_init(Int(CURL_GLOBAL_ALL)) == CURLE_OK else { return nil }
        let handle = dlopen(nil, RTLD_NOW)
        guard let setopt = dlsym(handle, "curl_easy_setopt"), let getinfo = dlsym(handle, "curl_easy_getinfo") else {
            return nil
        }
        return CurlLibrary(
            setPointer: unsafeBitCast(setopt, to: SetPointer.self),
            setLong: unsafeBitCast(setopt, to: SetLong.self),
            getInfo: unsafeBitCast(getinfo, to: GetInfo.self))
    }()
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
