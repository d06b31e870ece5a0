import CYaml

/// One node of a parsed YAML document, as go-yaml v2's `parser` builds it before decoding.
struct YAMLNode: Sendable {
    enum Kind: UInt8, Sendable { case scalar, sequence, mapping, alias }
    var kind: Kind
    /// The scalar's text, or the alias's anchor name.
    var value: String
    /// The resolved tag (`tag:yaml.org,2002:int`, `!foo`), empty when the node has none.
    var tag: String
    /// libyaml's `plain_implicit`: a plain scalar without a tag. Quoted and block scalars
    /// are never resolved (they are strings).
    var plainImplicit: Bool
    /// Zero-based line of the node's start.
    var line: Int
    /// Sequence items; mapping keys and values interleaved; an alias's target.
    var children: [Int]
}

/// A document as a flat node table (aliases point at earlier nodes by index).
struct YAMLDocument: Sendable {
    var nodes: [YAMLNode]
    var root: Int
}

/// Reads YAML text into documents with libyaml (through Yams' `CYaml`), which is the C
/// library go-yaml was ported from: same scanner, same error wording. Line numbers in
/// errors follow go-yaml v2's `parser.fail`: a scanner error reports its 0-based mark plus
/// one, a parser error its 0-based mark as is (so it names the line before), and no line
/// at all when the mark is on the first line.
enum YAMLParser {
    static let maxDepth = 1000

    /// libyaml 0.2.5 stops at 1000 nested collections, go-yaml never does; raise libyaml's
    /// (process-wide) limit past ours, once.
    private static let nestingLimitRaised: Void = { yaml_set_max_nest_level(Int32(maxDepth * 4)) }()

    /// The documents of `text`; with `firstOnly`, stops after the first one without reading
    /// further, as `yaml.Unmarshal` does (errors in later documents go unnoticed).
    static func parse(_ text: String, firstOnly: Bool) throws(YAMLError) -> [YAMLDocument] {
        _ = nestingLimitRaised
        var text = text
        let result = text.withUTF8 { (buffer) -> Result<[YAMLDocument], YAMLError> in
            let session = Session()
            defer { session.close() }
            yaml_parser_set_input_string(&session.parser, buffer.baseAddress, buffer.count)
            return Result { () throws(YAMLError) in try session.documents(firstOnly: firstOnly) }
        }
        return try result.get()
    }

    /// A class, so libyaml's parser state has one stable address.
    private final class Session {
        var parser = yaml_parser_t()
        var event = yaml_event_t()
        var hasEvent = false
        var nodes: [YAMLNode] = []
        var anchors: [String: Int] = [:]
        var depth = 0

        init() {
            yaml_parser_initialize(&parser)
        }

        func close() {
            if hasEvent { yaml_event_delete(&event) }
            yaml_parser_delete(&parser)
        }

        /// Moves to the next event, releasing the previous one.
        func next() throws(YAMLError) -> yaml_event_type_t {
            if hasEvent {
                yaml_event_delete(&event)
                hasEvent = false
            }
            guard yaml_parser_parse(&parser, &event) == 1 else { throw failure() }
            hasEvent = true
            return event.type
        }

        func documents(firstOnly: Bool) throws(YAMLError) -> [YAMLDocument] {
            var docs: [YAMLDocument] = []
            guard try next() == YAML_STREAM_START_EVENT else { return docs }
            while true {
                let t = try next()
                if t == YAML_STREAM_END_EVENT { break }
                guard t == YAML_DOCUMENT_START_EVENT else { break }
                nodes = []
                anchors = [:]
                _ = try next()
                let root = try node()
                _ = try next()  // DOCUMENT-END
                docs.append(YAMLDocument(nodes: nodes, root: root))
                if firstOnly { break }
            }
            return docs
        }

        /// Builds the node whose first event is current; returns its index.
        func node() throws(YAMLError) -> Int {
            // go-yaml v2 has no limit, but a deep enough nesting would overflow our stack;
            // refuse it with go-yaml v3's message instead of crashing.
            guard depth < YAMLParser.maxDepth else {
                throw YAMLError.yaml("exceeded max depth of \(YAMLParser.maxDepth)")
            }
            depth += 1
            defer { depth -= 1 }
            let line = Int(event.start_mark.line)
            switch event.type {
            case YAML_SCALAR_EVENT:
                let s = event.data.scalar
                let value = string(s.value, count: s.length)
                let index = append(
                    YAMLNode(
                        kind: .scalar, value: value, tag: cString(s.tag), plainImplicit: s.plain_implicit != 0,
                        line: line, children: []))
                register(s.anchor, index)
                return index
            case YAML_ALIAS_EVENT:
                let name = cString(event.data.alias.anchor)
                guard let target = anchors[name] else {
                    throw YAMLError.yaml("unknown anchor '\(name)' referenced")
                }
                return append(
                    YAMLNode(kind: .alias, value: name, tag: "", plainImplicit: false, line: line, children: [target]))
            case YAML_SEQUENCE_START_EVENT:
                let s = event.data.sequence_start
                let index = append(
                    YAMLNode(kind: .sequence, value: "", tag: cString(s.tag), plainImplicit: false, line: line, children: []))
                register(s.anchor, index)
                var children: [Int] = []
                while try next() != YAML_SEQUENCE_END_EVENT {
                    children.append(try node())
                }
                nodes[index].children = children
                return index
            case YAML_MAPPING_START_EVENT:
                let m = event.data.mapping_start
                let index = append(
                    YAMLNode(kind: .mapping, value: "", tag: cString(m.tag), plainImplicit: false, line: line, children: []))
                register(m.anchor, index)
                var children: [Int] = []
                while try next() != YAML_MAPPING_END_EVENT {
                    children.append(try node())
                    _ = try next()
                    children.append(try node())
                }
                nodes[index].children = children
                return index
            default:
                throw YAMLError.yaml("unexpected event in document")
            }
        }

        func append(_ n: YAMLNode) -> Int {
            nodes.append(n)
            return nodes.count - 1
        }

        /// go-yaml registers an anchor when its node starts, so an alias inside the node
        /// refers to the node itself (and decoding reports "contains itself").
        func register(_ anchor: UnsafeMutablePointer<yaml_char_t>?, _ index: Int) {
            guard anchor != nil else { return }
            anchors[cString(anchor)] = index
        }

        func string(_ p: UnsafeMutablePointer<yaml_char_t>?, count: Int) -> String {
            guard let p, count > 0 else { return "" }
            return String(decoding: UnsafeBufferPointer(start: p, count: count), as: UTF8.self)
        }

        func cString(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String {
            guard let p else { return "" }
            return String(cString: p)
        }

        /// go-yaml v2's `parser.fail`.
        func failure() -> YAMLError {
            var line = 0
            if parser.problem_mark.line != 0 {
                line = Int(parser.problem_mark.line)
                if parser.error == YAML_SCANNER_ERROR { line += 1 }
            } else if parser.context_mark.line != 0 {
                line = Int(parser.context_mark.line)
            }
            let problem = parser.problem.map { String(cString: $0) } ?? ""
            let msg = problem.isEmpty ? "unknown problem parsing YAML content" : problem
            if line != 0 { return YAMLError.yaml("line \(line): " + msg, line: line) }
            return YAMLError.yaml(msg)
        }
    }
}
