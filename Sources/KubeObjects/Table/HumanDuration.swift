/// apimachinery's `duration.HumanDuration`: two or three significant figures of a duration,
/// as the Age column shows it (`21s`, `5m3s`, `15m`, `3h`, `7h5m`, `2d5h`, `45d`, `3y4d`).
/// Up to two seconds in the future is tolerated as clock skew and reads `0s`.
public enum HumanDuration {
    public static func format(seconds: Int64) -> String {
        if seconds < -1 { return "<invalid>" }
        if seconds < 0 { return "0s" }
        if seconds < 60 * 2 { return "\(seconds)s" }
        let minutes = seconds / 60
        if minutes < 10 {
            let s = seconds % 60
            return s == 0 ? "\(minutes)m" : "\(minutes)m\(s)s"
        }
        if minutes < 60 * 3 { return "\(minutes)m" }
        let hours = seconds / 3600
        if hours < 8 {
            let m = minutes % 60
            return m == 0 ? "\(hours)h" : "\(hours)h\(m)m"
        }
        if hours < 48 { return "\(hours)h" }
        if hours < 24 * 8 {
            let h = hours % 24
            return h == 0 ? "\(hours / 24)d" : "\(hours / 24)d\(h)h"
        }
        if hours < 24 * 365 * 2 { return "\(hours / 24)d" }
        if hours < 24 * 365 * 8 {
            let dy = (hours / 24) % 365
            return dy == 0 ? "\(hours / 24 / 365)y" : "\(hours / 24 / 365)y\(dy)d"
        }
        return "\(hours / 24 / 365)y"
    }

    /// The printers' `translateTimestampSince`: `<unknown>` for a missing timestamp.
    public static func since(_ timestamp: JSONValue?, now: KubeTime) -> String {
        guard let text = timestamp?.stringValue, let t = KubeTime(rfc3339: text) else { return "<unknown>" }
        return format(seconds: now.secondsSinceEpoch - t.secondsSinceEpoch)
    }
}
