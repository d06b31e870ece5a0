#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension String {
    /// Go's string order: byte by byte over the UTF-8 encoding (`sort.Strings`, map
    /// keys when printed or ranged over, `lt` on strings). Compared with `memcmp` on the
    /// strings' own storage; the generic `utf8.lexicographicallyPrecedes` walked the
    /// views an index at a time, and sorting keys is in every render.
    public static func goLess(_ a: String, _ b: String) -> Bool {
        if let answer = a.utf8.withContiguousStorageIfAvailable({ x in
            b.utf8.withContiguousStorageIfAvailable { y in less(x, y) }
        }), let answer {
            return answer
        }
        var a = a
        var b = b
        return a.withUTF8 { x in b.withUTF8 { y in less(x, y) } }
    }

    private static func less(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = Swift.min(x.count, y.count)
        if n > 0, let xb = x.baseAddress, let yb = y.baseAddress {
            let c = memcmp(xb, yb, n)
            if c != 0 { return c < 0 }
        }
        return x.count < y.count
    }
}
