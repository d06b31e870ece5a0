/// Turns a parsed document into the value Helm ends up with after `sigs.k8s.io/yaml`'s
/// three steps: go-yaml v2 decodes into `interface{}` (YAML 1.1 resolution, merges,
/// aliases), the result is made JSON-compatible (map keys become strings: `1` → `"1"`,
/// `y` → `"true"`, `1.5` → `"1.5"` via 32-bit float formatting), and `encoding/json`
/// decodes it again, so every number becomes a float64 and every container a
/// `[]interface {}` or `map[string]interface {}`.
///
/// The steps are fused here; errors keep their order of precedence: go-yaml's own
/// failures come first, then unsupported map keys, then `NaN`/`±Inf` (which only
/// `json.Marshal` rejects).
struct YAMLDecoder {
    let nodes: [YAMLNode]
    /// Alias nodes being expanded, to report "anchor 'x' value contains itself".
    private var expanding: Set<Int> = []
    private var keyError: YAMLError?
    private var numberError: YAMLError?

    init(document: YAMLDocument) {
        nodes = document.nodes
    }

    static func decode(_ doc: YAMLDocument) throws(YAMLError) -> Value {
        var d = YAMLDecoder(document: doc)
        let v = try d.value(doc.root)
        if let e = d.keyError { throw e }
        if let e = d.numberError { throw e }
        return v
    }

    private mutating func value(_ i: Int) throws(YAMLError) -> Value {
        let n = nodes[i]
        switch n.kind {
        case .scalar:
            return jsonValue(try YAMLDecoder.scalar(n))
        case .sequence:
            var items: [Value] = []
            items.reserveCapacity(n.children.count)
            for c in n.children { items.append(try value(c)) }
            return .list(items)
        case .mapping:
            var dict: [String: Value] = [:]
            dict.reserveCapacity(n.children.count / 2)
            try mapping(i, into: &dict)
            return .map(dict)
        case .alias:
            return try expandAlias(i) { (d, target) throws(YAMLError) in try d.value(target) }
        }
    }

    private mutating func expandAlias<T>(
        _ i: Int, _ body: (inout YAMLDecoder, Int) throws(YAMLError) -> T
    ) throws(YAMLError) -> T {
        guard !expanding.contains(i) else {
            throw YAMLError.yaml("anchor '\(nodes[i].value)' value contains itself")
        }
        expanding.insert(i)
        defer { expanding.remove(i) }
        return try body(&self, nodes[i].children[0])
    }

    /// go-yaml v2's `decoder.mapping`: pairs in document order, later keys replacing
    /// earlier ones, and a `<<` key merging its map(s) at the point where it appears.
    private mutating func mapping(_ i: Int, into dict: inout [String: Value]) throws(YAMLError) {
        let children = nodes[i].children
        var k = 0
        while k + 1 < children.count {
            let keyNode = children[k]
            let valueNode = children[k + 1]
            k += 2
            if isMerge(nodes[keyNode]) {
                try merge(valueNode, into: &dict)
                continue
            }
            let key = try goValue(keyNode)
            switch key {
            case .seq, .map:
                throw YAMLError.yaml("invalid map key: " + key.goSyntax)
            default:
                break
            }
            let v = try value(valueNode)
            if let s = jsonKey(key, valueNode: valueNode) { dict[s] = v }
        }
    }

    private func isMerge(_ n: YAMLNode) -> Bool {
        n.kind == .scalar && n.value == "<<" && (n.plainImplicit || n.tag == YAMLTag.merge)
    }

    /// go-yaml v2's `decoder.merge`: a map, an alias of a map, or a sequence of those
    /// (applied from last to first, so earlier maps win).
    private mutating func merge(_ i: Int, into dict: inout [String: Value]) throws(YAMLError) {
        let wantMap = YAMLError.yaml("map merge requires map or sequence of maps as the value")
        let n = nodes[i]
        switch n.kind {
        case .mapping:
            try mapping(i, into: &dict)
        case .alias:
            guard nodes[n.children[0]].kind == .mapping else { throw wantMap }
            try expandAlias(i) { (d, target) throws(YAMLError) in try d.mapping(target, into: &dict) }
        case .sequence:
            for c in n.children.reversed() {
                let child = nodes[c]
                if child.kind == .alias {
                    guard nodes[child.children[0]].kind == .mapping else { throw wantMap }
                    try expandAlias(c) { (d, target) throws(YAMLError) in try d.mapping(target, into: &dict) }
                } else {
                    guard child.kind == .mapping else { throw wantMap }
                    try mapping(c, into: &dict)
                }
            }
        case .scalar:
            throw wantMap
        }
    }

    // MARK: Scalars

    /// go-yaml v2's `decoder.scalar` with `resolve`: quoted and block scalars are strings;
    /// explicit tags force (or refuse) a type.
    static func scalar(_ n: YAMLNode) throws(YAMLError) -> GoYAML {
        if n.tag.isEmpty && !n.plainImplicit { return .string(n.value) }
        let tag = n.tag
        if tag == YAMLTag.binary {
            guard let bytes = StdBase64.decode(n.value) else {
                throw YAMLError.yaml("!!binary value contains invalid base64 data")
            }
            return .string(String(decoding: bytes, as: UTF8.self))
        }
        switch tag {
        case "", YAMLTag.str, YAMLTag.bool, YAMLTag.int, YAMLTag.float, YAMLTag.null, YAMLTag.timestamp: break
        default: return .string(n.value)  // unknown tags leave the text alone
        }
        if tag == YAMLTag.str { return .string(n.value) }
        let r = YAMLResolver.resolve(n.value)
        let resolved: GoYAML
        let rtag: String
        switch r {
        case .null: resolved = .null; rtag = YAMLTag.null
        case .bool(let b): resolved = .bool(b); rtag = YAMLTag.bool
        case .int(let v): resolved = .int(v); rtag = YAMLTag.int
        case .uint(let v): resolved = .uint(v); rtag = YAMLTag.int
        case .float(let f): resolved = .float(f); rtag = YAMLTag.float
        case .timestamp:
            resolved = .string(n.value)
            rtag = (tag.isEmpty || tag == YAMLTag.timestamp) ? YAMLTag.timestamp : YAMLTag.str
        case .string: resolved = .string(n.value); rtag = YAMLTag.str
        }
        if tag.isEmpty || tag == rtag { return resolved }
        if tag == YAMLTag.float, case .int(let v) = resolved { return .float(Double(v)) }
        throw YAMLError.yaml("cannot decode \(YAMLTag.short(rtag)) `\(n.value)` as a \(YAMLTag.short(tag))")
    }

    /// The JSON round trip of a decoded scalar: numbers become float64; `NaN` and `±Inf`
    /// are remembered as the error `json.Marshal` would give.
    private mutating func jsonValue(_ g: GoYAML) -> Value {
        switch g {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let v): return .float(Double(v))
        case .uint(let v): return .float(Double(v))
        case .float(let f):
            if !f.isFinite && numberError == nil {
                numberError = YAMLError(
                    stage: .yamlToJSON, message: "json: unsupported value: " + GoFloat.format(f, "g"))
            }
            return .float(f)
        case .string(let s): return .string(s)
        case .seq, .map: return .null  // not reached: collections are decoded as values
        }
    }

    /// `sigs.k8s.io/yaml`'s key conversion in `convertToJSONableObject`.
    private mutating func jsonKey(_ key: GoYAML, valueNode: Int) -> String? {
        switch key {
        case .string(let s): return s
        case .int(let v): return String(v)
        case .bool(let b): return b ? "true" : "false"
        case .float(let f): return YAMLDecoder.float32Text(f)
        case .null, .uint, .seq, .map:
            if keyError == nil {
                let typeName: String
                switch key {
                case .null: typeName = "%!s(<nil>)"
                case .uint: typeName = "uint64"
                default: typeName = key.goTypeName
                }
                let valueText = (try? goValue(valueNode).goSyntaxPlus) ?? ""
                let keyText = key.isNull ? "<nil>" : key.goSyntax
                keyError = YAMLError(
                    stage: .yamlToJSON,
                    message: "unsupported map key of type: \(typeName), key: \(keyText), value: \(valueText)")
            }
            return nil
        }
    }

    /// `strconv.FormatFloat(f, 'g', -1, 32)` with go-yaml's names for the infinities.
    static func float32Text(_ f: Double) -> String {
        if f.isNaN { return ".nan" }
        let x = Float(f)  // Go converts to float32 first; large values become ±Inf
        if x.isInfinite { return x > 0 ? ".inf" : "-.inf" }
        let digits = GoFloat.shortestDigits(x)
        if digits.digits.isEmpty { return x.sign == .minus ? "-0" : "0" }
        let exp = digits.decimalPoint - 1
        if exp < -4 || exp >= 6 {
            return GoFloat.formatE(digits, precision: digits.digits.count - 1)
        }
        return GoFloat.formatF(digits, precision: max(digits.digits.count - digits.decimalPoint, 0))
    }

    // MARK: go-yaml's own view (keys and messages)

    /// The node as go-yaml v2 decodes it into `interface{}`, before JSON conversion; used
    /// for map keys and for the `%#v` text of error messages.
    private mutating func goValue(_ i: Int) throws(YAMLError) -> GoYAML {
        let n = nodes[i]
        switch n.kind {
        case .scalar: return try YAMLDecoder.scalar(n)
        case .sequence:
            var items: [GoYAML] = []
            for c in n.children { items.append(try goValue(c)) }
            return .seq(items)
        case .mapping:
            var pairs: [(GoYAML, GoYAML)] = []
            var k = 0
            while k + 1 < n.children.count {
                pairs.append((try goValue(n.children[k]), try goValue(n.children[k + 1])))
                k += 2
            }
            return .map(pairs)
        case .alias:
            return try expandAlias(i) { (d, target) throws(YAMLError) in try d.goValue(target) }
        }
    }
}

/// go-yaml's long tag names.
enum YAMLTag {
    static let prefix = "tag:yaml.org,2002:"
    static let str = prefix + "str"
    static let bool = prefix + "bool"
    static let int = prefix + "int"
    static let float = prefix + "float"
    static let null = prefix + "null"
    static let timestamp = prefix + "timestamp"
    static let binary = prefix + "binary"
    static let merge = prefix + "merge"

    static func short(_ tag: String) -> String {
        tag.hasPrefix(prefix) ? "!!" + tag.dropFirst(prefix.count) : tag
    }
}

/// A value as go-yaml v2 decodes it into `interface{}`.
indirect enum GoYAML {
    case null
    case bool(Bool)
    case int(Int64)
    case uint(UInt64)
    case float(Double)
    case string(String)
    case seq([GoYAML])
    case map([(GoYAML, GoYAML)])

    var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    var goTypeName: String {
        switch self {
        case .null: return "<nil>"
        case .bool: return "bool"
        case .int: return "int"
        case .uint: return "uint64"
        case .float: return "float64"
        case .string: return "string"
        case .seq: return "[]interface {}"
        case .map: return "map[interface {}]interface {}"
        }
    }

    /// `fmt`'s `%#v` of the value.
    var goSyntax: String { syntax(inInterface: false) }
    /// `%+#v`, which prints the same for these types.
    var goSyntaxPlus: String { goSyntax }

    private func syntax(inInterface: Bool) -> String {
        switch self {
        case .null: return inInterface ? "interface {}(nil)" : "<nil>"
        case .bool(let b): return b ? "true" : "false"
        case .int(let v): return String(v)
        case .uint(let v): return "0x" + String(v, radix: 16)
        case .float(let f): return GoFloat.format(f, "g")
        case .string(let s): return GoQuote.quote(s)
        case .seq(let items):
            return "[]interface {}{" + items.map { $0.syntax(inInterface: true) }.joined(separator: ", ") + "}"
        case .map(let pairs):
            let parts = pairs.map { $0.0.syntax(inInterface: true) + ":" + $0.1.syntax(inInterface: true) }
            return "map[interface {}]interface {}{" + parts.sorted().joined(separator: ", ") + "}"
        }
    }
}


