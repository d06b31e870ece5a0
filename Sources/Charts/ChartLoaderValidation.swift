import Values

/// Helm's `Metadata.Validate` (pkg/chart/v2/metadata.go), run on every chart the
/// loader reads, subcharts included. It also sanitizes the free-text fields in place.
enum ChartValidation {
    static func validate(
        _ md: inout ChartMetadata, nullMaintainer: Bool = false, nullDependency: Bool = false
    ) throws(ChartLoadError) {
        md.name = sanitize(md.name)
        md.description = sanitize(md.description)
        md.home = sanitize(md.home)
        md.icon = sanitize(md.icon)
        md.condition = sanitize(md.condition)
        md.tags = sanitize(md.tags)
        md.appVersion = sanitize(md.appVersion)
        md.kubeVersion = sanitize(md.kubeVersion)
        md.sources = md.sources.map(sanitize)
        md.keywords = md.keywords.map(sanitize)

        if md.apiVersion.isEmpty { throw .validation("chart.metadata.apiVersion is required") }
        if md.name.isEmpty { throw .validation("chart.metadata.name is required") }
        // filepath.Base(name) != name: a name with a slash (or "." / "/").
        if md.name.contains("/") || md.name == "." {
            throw .validation("chart.metadata.name \(goQuote(md.name)) is invalid")
        }
        if md.version.isEmpty { throw .validation("chart.metadata.version is required") }
        if !SemverSyntax.isValid(md.version) {
            throw .validation("chart.metadata.version \(goQuote(md.version)) is invalid")
        }
        if !(md.type.isEmpty || md.type == "application" || md.type == "library") {
            throw .validation("chart.metadata.type must be application or library")
        }
        if nullMaintainer { throw .validation("maintainers must not contain empty or null nodes") }
        md.maintainers = md.maintainers.map {
            ChartMetadata.Maintainer(name: sanitize($0.name), email: sanitize($0.email), url: sanitize($0.url))
        }
        if nullDependency { throw .validation("dependencies must not contain empty or null nodes") }
        var seen = Set<String>()
        for i in md.dependencies.indices {
            var d = md.dependencies[i]
            d.name = sanitize(d.name)
            d.version = sanitize(d.version)
            d.repository = sanitize(d.repository)
            d.condition = sanitize(d.condition)
            d.tags = d.tags.map(sanitize)
            if !d.alias.isEmpty && !d.alias.utf8.allSatisfy(isAliasByte) {
                throw .validation("dependency \(goQuote(d.name)) has disallowed characters in the alias")
            }
            md.dependencies[i] = d
            let key = d.effectiveName
            if !seen.insert(key).inserted {
                throw .validation("more than one dependency with name or alias \(goQuote(key))")
            }
        }
    }

    /// `^[a-zA-Z0-9_-]+$`
    private static func isAliasByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x5F || b == 0x2D
    }

    /// Helm's `sanitizeString`: whitespace becomes a space, other unprintable runes go.
    static func sanitize(_ s: String) -> String {
        if s.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if u.properties.isWhitespace {
                out.append(" ")
            } else if GoUnicode.isPrint(u) {
                out.append(u)
            }
        }
        return String(out)
    }

    /// Go's `%q` for the plain strings these messages quote.
    static func goQuote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}

/// Masterminds semver v3's `NewVersion` syntax, the check Helm applies to
/// `version:`: an optional `v`, one to three dot-separated numbers, then an optional
/// `-prerelease` and `+metadata` of `[0-9A-Za-z-]` identifiers. Numeric prerelease
/// identifiers may not have leading zeros; numbers must fit in uint64.
enum SemverSyntax {
    static func isValid(_ s: String) -> Bool {
        var b = Array(s.utf8)[...]
        if b.first == UInt8(ascii: "v") { b = b.dropFirst() }
        func number(_ b: inout ArraySlice<UInt8>) -> Bool {
            let digits = b.prefix { $0 >= 0x30 && $0 <= 0x39 }
            guard !digits.isEmpty, UInt64(String(decoding: digits, as: UTF8.self)) != nil else { return false }
            b = b.dropFirst(digits.count)
            return true
        }
        guard number(&b) else { return false }
        for _ in 0..<2 where b.first == UInt8(ascii: ".") {
            b = b.dropFirst()
            guard number(&b) else { return false }
        }
        func identifiers(_ b: inout ArraySlice<UInt8>, prerelease: Bool) -> Bool {
            let part = b.prefix { $0 != UInt8(ascii: "+") || !prerelease }
            b = b.dropFirst(part.count)
            for id in part.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
                guard !id.isEmpty,
                    id.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || $0 == 0x2D })
                else { return false }
                if prerelease, id.count > 1, id.first == 0x30, id.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) {
                    return false
                }
            }
            return true
        }
        if b.first == UInt8(ascii: "-") {
            b = b.dropFirst()
            guard identifiers(&b, prerelease: true) else { return false }
        }
        if b.first == UInt8(ascii: "+") {
            b = b.dropFirst()
            guard identifiers(&b, prerelease: false) else { return false }
        }
        return b.isEmpty
    }
}
