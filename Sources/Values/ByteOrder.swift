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
        var a = a
        var b = b
        return a.withUTF8 { x in
            b.withUTF8 { y in
                let n = Swift.min(x.count, y.count)
                if n > 0, let xb = x.baseAddress, let yb = y.baseAddress {
                    let c = memcmp(xb, yb, n)
                    if c != 0 { return c < 0 }
                }
                return x.count < y.count
            }
        }
    }
}
