import Sprig
import Values

/// Compiles a `values.schema.json` document as Helm's santhosh-tekuri/jsonschema v6
/// compiler does: the document is the resource `file:///values.schema.json`, its dialect
/// comes from `$schema` (draft 2020-12 when absent, v6's default), `$id`s open
/// sub-resources that relative `$ref`s resolve against, and `$anchor`s (or draft-07
/// `"$id": "#name"`) name subschemas. Nothing is fetched: a `urn:` ref is the permissive
/// `true` schema (Helm's URN loader), any other document outside this one is an error.
struct ValuesSchemaCompiler {
    static let documentURL = "file:///values.schema.json"

    let root: Value
    let draft: Int
    private var nodes: [ValuesSchemaNode] = []
    private var compiled: [String: Int] = [:]
    /// Resource URL (no fragment) → JSON pointer of its root in the document.
    private var resources: [String: String] = [:]
    /// Absolute URL with a plain-name fragment → JSON pointer.
    private var anchors: [String: String] = [:]
    /// JSON pointer of a schema → the base URL its relative refs resolve against.
    private var bases: [String: String] = [:]

    init(root: Value) throws(ValuesSchemaError) {
        self.root = root
        self.draft = Self.draft(of: root)
        index(root, pointer: "", base: Self.documentURL)
    }

    static func compile(_ root: Value) throws(ValuesSchemaError) -> ValuesSchemaProgram {
        var compiler = try ValuesSchemaCompiler(root: root)
        let index = try compiler.node(at: "")
        return ValuesSchemaProgram(nodes: compiler.nodes, root: index)
    }

    /// The dialect `$schema` names; v6 defaults to draft 2020-12.
    static func draft(of root: Value) -> Int {
        guard case .map(let m, _) = root, case .string(let s)? = m["$schema"] else { return 2020 }
        if s.contains("draft-04") { return 4 }
        if s.contains("draft-06") { return 6 }
        if s.contains("draft-07") { return 7 }
        if s.contains("2019-09") { return 2019 }
        return 2020
    }

    // MARK: - Resources and anchors

    private static let schemaMapKeywords = [
        "properties", "patternProperties", "definitions", "$defs", "dependentSchemas", "dependencies",
    ]
    private static let schemaKeywords = [
        "additionalItems", "additionalProperties", "not", "if", "then", "else", "contains",
        "propertyNames", "unevaluatedProperties", "unevaluatedItems", "items",
    ]
    private static let schemaListKeywords = ["allOf", "anyOf", "oneOf", "prefixItems", "items"]

    private mutating func index(_ v: Value, pointer: String, base: String) {
        guard case .map(let m, _) = v else { return }
        var base = base
        let idKey = draft == 4 ? "id" : "$id"
        if case .string(let id)? = m[idKey] {
            let resolved = ValuesSchemaURL.resolve(id, against: base)
            let (doc, fragment) = ValuesSchemaURL.split(resolved)
            if id.hasPrefix("#") {
                if draft < 2019, !fragment.isEmpty { anchors[doc + "#" + fragment] = pointer }
            } else {
                base = doc
                resources[doc] = pointer
                if draft < 2019, !fragment.isEmpty { anchors[doc + "#" + fragment] = pointer }
            }
        }
        if pointer.isEmpty { resources[Self.documentURL] = "" }
        if draft >= 2019 {
            for key in ["$anchor", "$dynamicAnchor"] {
                if case .string(let name)? = m[key] { anchors[base + "#" + name] = pointer }
            }
        }
        bases[pointer] = base
        for key in Self.schemaMapKeywords {
            guard case .map(let sub, _)? = m[key] else { continue }
            for (name, child) in sub { index(child, pointer: pointer + "/" + key + "/" + Self.escape(name), base: base) }
        }
        for key in Self.schemaKeywords {
            if let child = m[key] { index(child, pointer: pointer + "/" + key, base: base) }
        }
        for key in Self.schemaListKeywords {
            guard case .list(let items, _)? = m[key] else { continue }
            for (i, child) in items.enumerated() { index(child, pointer: pointer + "/\(key)/\(i)", base: base) }
        }
    }

    /// RFC 6901 escaping of a pointer token. Most names need none, and Foundation's
    /// replacing (bridged through NSString) was a large share of compiling a schema.
    static func escape(_ token: String) -> String {
        if !token.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) { return token }
        var out = ""
        out.reserveCapacity(token.utf8.count + 4)
        for c in token.unicodeScalars {
            switch c {
            case "~": out += "~0"
            case "/": out += "~1"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// RFC 6901 unescaping: `~1` is `/`, then `~0` is `~`.
    static func unescape(_ token: Substring) -> String {
        if !token.utf8.contains(UInt8(ascii: "~")) { return String(token) }
        var out = ""
        var it = token.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = it.next()
        while let c = pending {
            pending = it.next()
            if c == "~", let n = pending, n == "1" || n == "0" {
                out += n == "1" ? "/" : "~"
                pending = it.next()
                continue
            }
            out.unicodeScalars.append(c)
        }
        return out
    }

    /// The value at a JSON pointer of the document.
    private func value(at pointer: String) -> Value? {
        var current = root
        guard !pointer.isEmpty else { return current }
        for raw in pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            let token = Self.unescape(raw)
            switch current {
            case .map(let m, _):
                guard let next = m[token] else { return nil }
                current = next
            case .list(let l, _):
                guard let i = Int(token), i >= 0, i < l.count else { return nil }
                current = l[i]
            default: return nil
            }
        }
        return current
    }

    /// The node a `$ref` written at `pointer` names.
    private mutating func resolve(_ ref: String, from pointer: String) throws(ValuesSchemaError) -> Int {
        let base = bases[pointer] ?? Self.documentURL
        let url = ValuesSchemaURL.resolve(ref, against: base)
        let (doc, fragment) = ValuesSchemaURL.split(url)
        guard let resource = resources[doc] else {
            if url.hasPrefix("urn:") { return appendNode(ValuesSchemaNode(boolean: true, location: url)) }
            throw ValuesSchemaError(message: Self.loadFailure(doc))
        }
        let decoded = ValuesSchemaURL.percentDecode(fragment)
        if decoded.isEmpty { return try node(at: resource) }
        if decoded.hasPrefix("/") {
            let target = resource + decoded
            guard value(at: target) != nil else {
                throw ValuesSchemaError(message: "JSON pointer \(Self.goQuote(decoded)) not found in \(Self.goQuote(doc))")
            }
            return try node(at: target)
        }
        guard let target = anchors[doc + "#" + decoded] else {
            throw ValuesSchemaError(message: "anchor \(Self.goQuote(decoded)) not found in \(Self.goQuote(doc))")
        }
        return try node(at: target)
    }

    /// What v6 reports for a document it could not load: Helm's loaders fetch http(s)
    /// and read files, which a controller rendering offline must not do.
    static func loadFailure(_ url: String) -> String {
        if url.hasPrefix("file://") {
            let path = String(url.dropFirst("file://".count))
            return "failing loading \(goQuote(url)): open \(path): no such file or directory"
        }
        return "failing loading \(goQuote(url)): remote schemas are not loaded"
    }

    static func goQuote(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    private mutating func appendNode(_ node: ValuesSchemaNode) -> Int {
        nodes.append(node)
        return nodes.count - 1
    }

    // MARK: - Nodes

    /// The node of the schema at `pointer`; `known` is that schema when the caller
    /// already holds it (a child of the schema being built), which spares walking the
    /// pointer down from the document root.
    mutating func node(at pointer: String, known: Value? = nil) throws(ValuesSchemaError) -> Int {
        if let index = compiled[pointer] { return index }
        guard let v = known ?? value(at: pointer) else {
            throw ValuesSchemaError(message: "JSON pointer \(Self.goQuote(pointer)) not found")
        }
        let index = appendNode(ValuesSchemaNode(location: pointer, draft: draft))
        compiled[pointer] = index
        nodes[index] = try build(v, pointer: pointer)
        return index
    }

    private func invalid(_ pointer: String, _ keyword: String) -> ValuesSchemaError {
        ValuesSchemaError(
            message: "\(Self.goQuote(Self.documentURL + "#" + pointer)) is not valid against metaschema: invalid \(Self.goQuote(keyword))")
    }

    private mutating func build(_ v: Value, pointer: String) throws(ValuesSchemaError) -> ValuesSchemaNode {
        var n = ValuesSchemaNode(location: pointer, draft: draft)
        switch v {
        case .bool(let b):
            n.boolean = b
            return n
        case .map: break
        default: throw invalid(pointer, "")
        }
        guard case .map(let map, _) = v else { return n }
        let m = map.dictionary

        func sub(_ key: String) throws(ValuesSchemaError) -> Int? {
            guard let child = m[key] else { return nil }
            return try node(at: pointer + "/" + key, known: child)
        }
        func list(_ key: String) throws(ValuesSchemaError) -> [Int] {
            guard let raw = m[key] else { return [] }
            guard case .list(let items, _) = raw else { throw invalid(pointer, key) }
            var out: [Int] = []
            for (i, child) in items.enumerated() { out.append(try node(at: pointer + "/\(key)/\(i)", known: child)) }
            return out
        }
        func count(_ key: String) throws(ValuesSchemaError) -> Int? {
            guard let raw = m[key] else { return nil }
            guard let num = ValuesSchemaNumber(raw), num.value >= 0, num.value == num.value.rounded() else {
                throw invalid(pointer, key)
            }
            return Int(num.value)
        }
        func number(_ key: String) throws(ValuesSchemaError) -> ValuesSchemaNumber? {
            guard let raw = m[key] else { return nil }
            guard let num = ValuesSchemaNumber(raw) else { throw invalid(pointer, key) }
            return num
        }
        func strings(_ key: String) throws(ValuesSchemaError) -> [String] {
            guard let raw = m[key] else { return [] }
            guard case .list(let items, _) = raw else { throw invalid(pointer, key) }
            var out: [String] = []
            for item in items {
                guard case .string(let s) = item else { throw invalid(pointer, key) }
                out.append(s)
            }
            return out
        }
        func regexp(_ source: String, _ key: String) throws(ValuesSchemaError) -> Regexp {
            do { return try Regexp(source) } catch {
                throw ValuesSchemaError(
                    message: "\(Self.goQuote(Self.documentURL + "#" + pointer)) is not valid against metaschema: \(ValuesSchemaText.quote(source)) is not valid regex: \(error)")
            }
        }
        func additional(_ key: String) throws(ValuesSchemaError) -> ValuesSchemaNode.Additional? {
            switch m[key] {
            case nil: return nil
            case .bool(let b)?: return .allowed(b)
            case let child?: return .schema(try node(at: pointer + "/" + key, known: child))
            }
        }

        // type
        if let raw = m["type"] {
            var names: [String]
            switch raw {
            case .string(let s): names = [s]
            case .list(let items, _): names = items.compactMap { $0.stringValue }
            default: throw invalid(pointer, "type")
            }
            for name in names where !ValuesSchemaValidator.typeOrder.contains(name) { throw invalid(pointer, "type") }
            names = ValuesSchemaValidator.typeOrder.filter { names.contains($0) }
            n.types = names
        }
        if draft >= 6, let c = m["const"] { n.constValue = c }
        if let raw = m["enum"] {
            guard case .list(let items, _) = raw else { throw invalid(pointer, "enum") }
            n.enumValues = items
        }
        if case .string(let f)? = m["format"] { n.format = f }
        if case .string(let r)? = m["$ref"] { n.ref = try resolve(r, from: pointer) }
        if draft >= 2019 {
            if case .string(let r)? = m["$dynamicRef"] { n.dynamicRef = try resolve(r, from: pointer) }
            if case .string(let r)? = m["$recursiveRef"] { n.dynamicRef = try resolve(r, from: pointer) }
        }

        // objects
        n.minProperties = try count("minProperties")
        n.maxProperties = try count("maxProperties")
        n.required = try strings("required")
        if case .map(let props, _)? = m["properties"] {
            for (key, child) in props {
                n.properties[key] = try node(at: pointer + "/properties/" + Self.escape(key), known: child)
            }
        }
        if case .map(let props, _)? = m["patternProperties"] {
            for key in props.keys.sorted() {
                n.patternProperties.append(
                    (try regexp(key, "patternProperties"), try node(at: pointer + "/patternProperties/" + Self.escape(key), known: props[key])))
            }
        }
        n.additionalProperties = try additional("additionalProperties")
        if draft >= 6 { n.propertyNames = try sub("propertyNames") }
        if case .map(let deps, _)? = m["dependencies"] {
            for key in deps.keys.sorted() {
                switch deps[key] {
                case .list(let items, _)?:
                    n.dependencies.append((key, .required(items.compactMap { $0.stringValue })))
                default:
                    n.dependencies.append((key, .schema(try node(at: pointer + "/dependencies/" + Self.escape(key), known: deps[key]))))
                }
            }
        }
        if draft >= 2019 {
            if case .map(let deps, _)? = m["dependentSchemas"] {
                for key in deps.keys.sorted() {
                    n.dependentSchemas.append((key, try node(at: pointer + "/dependentSchemas/" + Self.escape(key), known: deps[key])))
                }
            }
            if case .map(let deps, _)? = m["dependentRequired"] {
                for key in deps.keys.sorted() {
                    guard case .list(let items, _)? = deps[key] else { throw invalid(pointer, "dependentRequired") }
                    n.dependentRequired.append((key, items.compactMap { $0.stringValue }))
                }
            }
            n.unevaluatedProperties = try sub("unevaluatedProperties")
            n.unevaluatedItems = try sub("unevaluatedItems")
        }

        // arrays
        n.minItems = try count("minItems")
        n.maxItems = try count("maxItems")
        if case .bool(true)? = m["uniqueItems"] { n.uniqueItems = true }
        if draft < 2020 {
            switch m["items"] {
            case nil: break
            case .list?: n.items = .tuple(try list("items"))
            case let child?: n.items = .single(try node(at: pointer + "/items", known: child))
            }
            n.additionalItems = try additional("additionalItems")
        } else {
            n.prefixItems = try list("prefixItems")
            if case .list? = m["items"] { throw invalid(pointer, "items") }
            n.items2020 = try sub("items")
        }
        if draft >= 6 { n.contains = try sub("contains") }
        if draft >= 2019 {
            n.minContains = try count("minContains")
            n.maxContains = try count("maxContains")
        }

        // strings
        n.minLength = try count("minLength")
        n.maxLength = try count("maxLength")
        if let raw = m["pattern"] {
            guard case .string(let p) = raw else { throw invalid(pointer, "pattern") }
            n.pattern = (try regexp(p, "pattern"), p)
        }

        // numbers (draft-04 spells the exclusive bounds as booleans on the plain ones)
        n.minimum = try number("minimum")
        n.maximum = try number("maximum")
        n.multipleOf = try number("multipleOf")
        if draft == 4 {
            if case .bool(true)? = m["exclusiveMinimum"] { (n.exclusiveMinimum, n.minimum) = (n.minimum, nil) }
            if case .bool(true)? = m["exclusiveMaximum"] { (n.exclusiveMaximum, n.maximum) = (n.maximum, nil) }
        } else {
            n.exclusiveMinimum = try number("exclusiveMinimum")
            n.exclusiveMaximum = try number("exclusiveMaximum")
        }

        // applicators
        n.not = try sub("not")
        n.allOf = try list("allOf")
        n.anyOf = try list("anyOf")
        n.oneOf = try list("oneOf")
        if draft >= 7 {
            n.ifSchema = try sub("if")
            n.thenSchema = try sub("then")
            n.elseSchema = try sub("else")
        }
        return n
    }
}
