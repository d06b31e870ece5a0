/// Kubernetes' escaping of property names that are not CEL identifiers: `x-y` is selected
/// as `self.x__dash__y`, `a.b` as `a__dot__b`, `a/b` as `a__slash__b`, `__` as
/// `__underscores__`, and a property named like a CEL keyword (`namespace`) as
/// `__namespace__`.
enum CELFieldNames {
    static let keywords: Set<String> = [
        "true", "false", "null", "in", "as", "break", "const", "continue", "else", "for", "function", "if",
        "import", "let", "loop", "package", "namespace", "return", "var", "void", "while",
    ]

    /// The identifier a property is selected by; nil for a name that cannot be escaped
    /// (it is then reachable only through map access on a dyn value).
    static func escape(_ name: String) -> String? {
        if keywords.contains(name) { return "__\(name)__" }
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return nil }
        var out = ""
        var scalars = Substring(name)
        while let c = scalars.unicodeScalars.first {
            if scalars.hasPrefix("__") {
                out += "__underscores__"
                scalars = scalars.dropFirst(2)
                continue
            }
            switch c {
            case ".": out += "__dot__"
            case "-": out += "__dash__"
            case "/": out += "__slash__"
            case "a"..."z", "A"..."Z", "0"..."9", "_": out.unicodeScalars.append(c)
            default: return nil
            }
            scalars = scalars.dropFirst()
        }
        return out
    }

    /// The property an escaped identifier stands for; nil when nothing is escaped.
    static func unescape(_ field: String) -> String? {
        guard field.contains("__") else { return nil }
        if field.hasPrefix("__"), field.hasSuffix("__"), field.count > 4 {
            let inner = String(field.dropFirst(2).dropLast(2))
            if keywords.contains(inner) { return inner }
        }
        var out = field
        for (escaped, plain) in [("__underscores__", "\u{0}"), ("__dot__", "."), ("__dash__", "-"), ("__slash__", "/")] {
            out = out.replacingAll(escaped, with: plain)
        }
        out = out.replacingAll("\u{0}", with: "__")
        return out == field ? nil : out
    }
}

extension String {
    /// Every non-overlapping occurrence replaced, left to right (no Foundation here).
    func replacingAll(_ target: String, with replacement: String, limit: Int = -1) -> String {
        guard !target.isEmpty else { return self }
        var out = ""
        var rest = Substring(self)
        var done = 0
        while limit < 0 || done < limit, let r = rest.firstRange(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
            done += 1
        }
        return out + rest
    }
}
