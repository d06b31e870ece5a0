/// The table tree BurntSushi/toml's parser builds while reading a document, with its
/// bookkeeping of *implicit* tables.
///
/// The rules are the parser's, quirks included, because Helm users see them:
/// a table created implicitly (by `[a.b]` or the dotted key `a.b = 1`) may later be
/// "defined" once — `[a]` then adds to it, and a plain `a = 2` is silently ignored —
/// while any other redefinition is `Key 'a' has already been defined.`; a header
/// drilling through a non-table is `Key 'a' was already created as a hash.`; an inline
/// table stays open for later `[a.b]` headers and dotted keys.
struct TOMLTree {
    /// A Go map during parsing: Go maps are references that the parser keeps drilling
    /// into, so the tree is built from shared mutable tables.
    final class Table {
        var entries: [String: Node] = [:]
    }

    enum Node {
        case value(Value)
        case table(Table)
        /// `[]map[string]interface {}` from `[[a]]` headers.
        case tables([Table])
    }

    let root = Table()
    private var implicits: Set<String> = []
    /// Where `key = value` lines go (the last `[table]` header).
    var context: [String] = []

    /// What went wrong, worded as BurntSushi's `panicf`, with the context at that moment.
    struct SemanticError: Error {
        let message: String
        let lastKey: String
    }

    /// BurntSushi's `Key.String()`: parts joined by dots, quoted when not bare.
    static func keyString(_ key: [String]) -> String {
        key.map { $0.isEmpty ? "\"\"" : TOMLWriter.quoteKey($0) }.joined(separator: ".")
    }

    /// The parser's `current()`: the context and the key being defined.
    func current(_ currentKey: String) -> String {
        if currentKey.isEmpty { return Self.keyString(context) }
        if context.isEmpty { return currentKey }
        return Self.keyString(context) + "." + currentKey
    }

    mutating func addImplicit(_ key: [String]) { implicits.insert(Self.keyString(key)) }

    /// `addContext`: make `key` the current table (or a new element of the array of
    /// tables at `key`), creating missing parents as implicit tables.
    mutating func addContext(_ key: [String], array: Bool, currentKey: String) throws(SemanticError) {
        var table = root
        var keyContext: [String] = []
        for k in key.dropLast() {
            keyContext.append(k)
            if table.entries[k] == nil {
                addImplicit(keyContext)
                table.entries[k] = .table(Table())
            }
            switch table.entries[k] {
            case .tables(let ts)?: table = ts[ts.count - 1]
            case .table(let t)?: table = t
            default:
                throw SemanticError(
                    message: "Key '\(Self.keyString(keyContext))' was already created as a hash.",
                    lastKey: current(currentKey))
            }
        }
        context = keyContext
        guard let last = key.last else { return }
        if array {
            switch table.entries[last] {
            case nil: table.entries[last] = .tables([Table()])
            case .tables(let ts)?: table.entries[last] = .tables(ts + [Table()])
            default:
                throw SemanticError(
                    message: "Key '\(Self.keyString(key))' was already created and cannot be used as an array.",
                    lastKey: current(currentKey))
            }
        } else {
            try setValue(last, .table(Table()), currentKey: currentKey)
        }
        context.append(last)
    }

    /// `addImplicitContext`: a dotted key's parent.
    mutating func addImplicitContext(_ key: [String], currentKey: String) throws(SemanticError) {
        addImplicit(key)
        try addContext(key, array: false, currentKey: currentKey)
    }

    /// `setValue`: store under `key` in the current table. An existing implicit table is
    /// kept as it is (and stops being implicit); anything else existing is an error.
    mutating func setValue(_ key: String, _ node: Node, currentKey: String) throws(SemanticError) {
        var table = root
        var keyContext: [String] = []
        for k in context {
            keyContext.append(k)
            switch table.entries[k] {
            case .tables(let ts)?: table = ts[ts.count - 1]
            case .table(let t)?: table = t
            default:
                throw SemanticError(
                    message: "Key '\(Self.keyString(keyContext))' has already been defined.",
                    lastKey: current(currentKey))
            }
        }
        keyContext.append(key)
        if table.entries[key] != nil {
            let name = Self.keyString(keyContext)
            if implicits.contains(name) {
                implicits.remove(name)
                return
            }
            throw SemanticError(message: "Key '\(name)' has already been defined.", lastKey: current(currentKey))
        }
        table.entries[key] = node
    }

    /// The finished document as Go values: tables are `map[string]interface {}`, arrays
    /// of tables `[]map[string]interface {}`.
    static func value(of table: Table) -> [String: Value] {
        table.entries.mapValues { node in
            switch node {
            case .value(let v): return v
            case .table(let t): return .map(value(of: t))
            case .tables(let ts): return .list(ts.map { .map(value(of: $0)) }, type: .slice(.interfaceMap))
            }
        }
    }
}
