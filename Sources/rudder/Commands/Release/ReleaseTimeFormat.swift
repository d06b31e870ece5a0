import Values

/// The times of `status.history` (RFC 3339) printed as Helm prints release times.
enum ReleaseTimeFormat {
    /// `helm list`'s UPDATED: Go's `2006-01-02 15:04:05.999999999 -0700 MST`.
    static func list(_ text: String?) -> String { format(text, "2006-01-02 15:04:05.999999999 -0700 MST") }

    /// `helm history`'s UPDATED and `helm status`'s LAST DEPLOYED: Go's `time.ANSIC`.
    static func ansic(_ text: String?) -> String { format(text, "Mon Jan _2 15:04:05 2006") }

    private static func format(_ text: String?, _ layout: String) -> String {
        guard let text, !text.isEmpty else { return "" }
        // Go's json decoding of a time is time.Parse: a zone matching Local reads as Local.
        guard let time = try? GoTime.parse(layout: GoTimeLayout.rfc3339Nano, value: text, in: .local) else { return text }
        return time.format(layout)
    }
}
