import Values

/// Reads Chart.yaml (and requirements.yaml) into `ChartMetadata` the way Helm does:
/// `sigs.k8s.io/yaml` turns the YAML into JSON, stringifying scalars whose target
/// field is a string (ints in decimal, floats with `FormatFloat(f, 'g', -1, 32)`,
/// booleans as `true`/`false`), then `encoding/json` fills the struct, failing on
/// any other type mismatch. Unknown keys are ignored.
struct ChartYAMLReader {
    /// When strict, the first mismatch is kept in `error` (Helm refuses the chart);
    /// otherwise mismatched fields just read as empty.
    let strict: Bool
    private(set) var error: String?
    /// A `null` entry in `maintainers:` / `dependencies:`: Go keeps a nil pointer, which
    /// validation then refuses.
    private(set) var nullMaintainer = false
    var nullDependency = false

    init(strict: Bool) { self.strict = strict }

    private mutating func mismatch(_ v: Value, field: String, type: String) {
        guard error == nil else { return }
        error = "json: cannot unmarshal \(Self.jsonKind(v)) into Go struct field \(field) of type \(type)"
    }

    static func jsonKind(_ v: Value) -> String {
        switch v {
        case .string: return "string"
        case .int, .float: return "number"
        case .bool: return "bool"
        case .list: return "array"
        case .map: return "object"
        default: return "value"
        }
    }

    /// A scalar as sigs.k8s.io/yaml stringifies it for a string field.
    static func scalarText(_ v: Value) -> String? {
        switch v {
        case .string(let s): return s
        case .bool(let b): return b ? "true" : "false"
        case .int(let i, _): return String(i)
        case .float(let f): return formatFloat32(f)
        default: return nil
        }
    }

    /// `strconv.FormatFloat(f, 'g', -1, 32)`, with YAML's spellings of the specials.
    static func formatFloat32(_ f: Double) -> String {
        if f.isNaN { return ".nan" }
        if f.isInfinite { return f < 0 ? "-.inf" : ".inf" }
        let d = GoFloat.shortestDigits(Float(f))
        let exp = d.decimalPoint - 1
        var eprec = 6
        if eprec > d.digits.count && d.digits.count >= d.decimalPoint { eprec = d.digits.count }
        if exp < -4 || exp >= eprec {
            return GoFloat.formatE(d, precision: max(d.digits.count - 1, 0))
        }
        return GoFloat.formatF(d, precision: max(d.digits.count - d.decimalPoint, 0))
    }

    mutating func string(_ m: ValueMap, _ key: String, in type: String) -> String {
        guard let v = m[key], !v.isNull else { return "" }
        if let s = Self.scalarText(v) { return s }
        mismatch(v, field: "\(type).\(key)", type: "string")
        return ""
    }

    mutating func strings(_ m: ValueMap, _ key: String, in type: String) -> [String] {
        guard let v = m[key], !v.isNull else { return [] }
        guard case .list(let items, _) = v else {
            mismatch(v, field: "\(type).\(key)", type: "[]string")
            return []
        }
        return items.map { item in
            if item.isNull { return "" }
            if let s = Self.scalarText(item) { return s }
            mismatch(item, field: "\(type).\(key)", type: "string")
            return ""
        }
    }

    mutating func bool(_ m: ValueMap, _ key: String, in type: String) -> Bool {
        guard let v = m[key], !v.isNull else { return false }
        if case .bool(let b) = v { return b }
        mismatch(v, field: "\(type).\(key)", type: "bool")
        return false
    }

    mutating func metadata(_ v: Value, into md: inout ChartMetadata) {
        guard case .map(let m, _) = v else {
            if !v.isNull { mismatch(v, field: "Metadata", type: "v2.Metadata") }
            return
        }
        let t = "Metadata"
        md.apiVersion = string(m, "apiVersion", in: t)
        md.name = string(m, "name", in: t)
        md.home = string(m, "home", in: t)
        md.sources = strings(m, "sources", in: t)
        md.version = string(m, "version", in: t)
        md.description = string(m, "description", in: t)
        md.keywords = strings(m, "keywords", in: t)
        md.icon = string(m, "icon", in: t)
        md.condition = string(m, "condition", in: t)
        md.tags = string(m, "tags", in: t)
        md.appVersion = string(m, "appVersion", in: t)
        md.deprecated = bool(m, "deprecated", in: t)
        md.kubeVersion = string(m, "kubeVersion", in: t)
        md.type = string(m, "type", in: t)
        md.engine = string(m, "engine", in: t)
        md.annotations = [:]
        if let a = m["annotations"], !a.isNull {
            if case .map(let am, _) = a {
                for (k, av) in am {
                    if av.isNull { md.annotations[k] = ""; continue }
                    if let s = Self.scalarText(av) { md.annotations[k] = s } else {
                        mismatch(av, field: "Metadata.annotations", type: "string")
                    }
                }
            } else {
                mismatch(a, field: "Metadata.annotations", type: "map[string]string")
            }
        }
        md.maintainers = []
        if let list = m["maintainers"], !list.isNull {
            if case .list(let items, _) = list {
                for item in items {
                    if item.isNull { nullMaintainer = true; continue }
                    guard case .map(let mm, _) = item else {
                        mismatch(item, field: "Metadata.maintainers", type: "v2.Maintainer")
                        continue
                    }
                    md.maintainers.append(
                        ChartMetadata.Maintainer(
                            name: string(mm, "name", in: "Maintainer"), email: string(mm, "email", in: "Maintainer"),
                            url: string(mm, "url", in: "Maintainer")))
                }
            } else {
                mismatch(list, field: "Metadata.maintainers", type: "[]*v2.Maintainer")
            }
        }
        dependencies(m, into: &md)
    }

    /// `dependencies:` of Chart.yaml or requirements.yaml. A key that is absent
    /// leaves what an earlier file set. encoding/json decodes a list into the existing
    /// slice element by element, so requirements.yaml's entries are laid over Chart.yaml's
    /// at the same index (only the keys it writes change), and its length wins.
    mutating func dependencies(_ m: ValueMap, into md: inout ChartMetadata) {
        guard let list = m["dependencies"] else { return }
        let earlier = md.dependencies
        md.dependencies = []
        nullDependency = false
        if list.isNull { return }
        guard case .list(let items, _) = list else {
            mismatch(list, field: "Metadata.dependencies", type: "[]*v2.Dependency")
            return
        }
        for (i, item) in items.enumerated() {
            if item.isNull { nullDependency = true; continue }
            let base = i < earlier.count ? earlier[i] : ChartDependency()
            if let d = dependency(item, at: "dependencies", over: base) { md.dependencies.append(d) }
        }
    }

    mutating func dependency(_ v: Value, at field: String, over base: ChartDependency = ChartDependency())
        -> ChartDependency?
    {
        guard case .map(let m, _) = v else {
            mismatch(v, field: "Metadata.\(field)", type: "v2.Dependency")
            return nil
        }
        let t = "Dependency"
        var d = base
        if m["name"] != nil { d.name = string(m, "name", in: t) }
        if m["version"] != nil { d.version = string(m, "version", in: t) }
        if m["repository"] != nil { d.repository = string(m, "repository", in: t) }
        if m["condition"] != nil { d.condition = string(m, "condition", in: t) }
        if m["tags"] != nil { d.tags = strings(m, "tags", in: t) }
        if m["enabled"] != nil { d.enabled = bool(m, "enabled", in: t) }
        if m["alias"] != nil { d.alias = string(m, "alias", in: t) }
        if let iv = m["import-values"] {
            if iv.isNull {
                d.importValues = []
            } else if case .list(let items, _) = iv {
                d.importValues = items
            } else {
                mismatch(iv, field: "Dependency.import-values", type: "[]interface {}")
            }
        }
        return d
    }
}
