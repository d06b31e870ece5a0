#if canImport(Glibc)
import Glibc
#endif

/// The `Date` header (RFC 7231 IMF-fixdate), which Go clients use for clock-skew hints.
enum HTTPDate {
    static var now: String {
        var t = time(nil)
        var tm = tm()
        gmtime_r(&t, &tm)
        var buffer = [Int8](repeating: 0, count: 64)
        let n = strftime(&buffer, buffer.count, "%a, %d %b %Y %H:%M:%S GMT", &tm)
        return String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
