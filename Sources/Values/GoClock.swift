#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Go's `time.Now()`: the wall clock in `time.Local`, plus a monotonic reading counted
/// from the process's start (Go's `runtimeNano() - startNano`), which `Time.String()`
/// shows as ` m=+0.001234567` — Helm prints `{{ now }}` that way.
public enum GoClock {
    /// The monotonic clock when the process (first) asked for the time, less one
    /// nanosecond, as Go's `startNano` is, so that readings are never zero.
    public static let processStart: Int64 = monotonicNanoseconds() - 1

    public static func now() -> GoTime {
        let start = processStart  // first, so a first reading is never before it
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        var t = GoTime(seconds: Int64(ts.tv_sec), nanoseconds: Int32(ts.tv_nsec), location: .local)
        t.monotonic = monotonicNanoseconds() - start
        return t
    }

    /// `time.Since(t)`: by the monotonic clock when `t` has a reading, else by the wall.
    public static func since(_ t: GoTime) -> GoDuration {
        now().subtracting(t)
    }

    static func monotonicNanoseconds() -> Int64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Int64(ts.tv_sec) * 1_000_000_000 + Int64(ts.tv_nsec)
    }
}
