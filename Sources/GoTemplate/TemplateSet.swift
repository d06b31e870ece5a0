import Values

/// A set of parsed templates that can call each other, with the functions they may use:
/// Go's `*template.Template` with its associated templates.
public struct TemplateSet: Sendable {
    public private(set) var trees: [String: Tree] = [:]
    public private(set) var functions: [String: TemplateFunction] = [:]
    /// The root template's name (Go's `template.New(name)`), quoted in lookup errors.
    public var name: String
    public var missingKey: MissingKeyOption = .invalid
    /// Methods of named types that are not `GoObject`s (Helm's `common.Values` has
    /// `YAML`, `Table`, `AsMap`…); consulted before map keys, as Go looks methods up first.
    public var methodResolver: (@Sendable (Value, String) -> GoFunction?)?
    /// Go's `maxExecDepth`: nested `template` calls beyond this fail.
    public var maxDepth = 100_000
    public var leftDelimiter = "{{"
    public var rightDelimiter = "}}"

    public init(name: String = "") {
        self.name = name
    }

    /// Adds functions; later additions with the same name replace earlier ones.
    public mutating func addFunctions(_ funcs: [String: GoFunction]) {
        for (name, f) in funcs { functions[name] = .plain(f) }
    }

    public mutating func addFunctions(_ funcs: [String: ContextualFunction]) {
        for (name, f) in funcs { functions[name] = .contextual(f) }
    }

    /// Adds a ready table; into an empty set it is shared as is, so a table built once
    /// serves every render without being rehashed.
    public mutating func addFunctions(_ table: [String: TemplateFunction]) {
        if functions.isEmpty {
            functions = table
            return
        }
        for (name, f) in table { functions[name] = f }
    }

    /// Whether a name is a function a template may call (its table or Go's builtins).
    public func isFunction(_ name: String) -> Bool {
        functions[name] != nil || Builtins.names.contains(name)
    }

    /// Parses a file's text and adds its templates (the file itself under `name`, and
    /// each `define`). As in Go, a later definition replaces an earlier one, except that
    /// an empty body never replaces an existing template.
    @discardableResult
    public mutating func parse(name: String, text: String) throws -> [String: Tree] {
        let parsed = try Parser.parse(
            name: name, text: text, leftDelim: leftDelimiter, rightDelim: rightDelimiter,
            isFunction: { self.isFunction($0) })
        add(parsed)
        return parsed
    }

    /// Adds already parsed trees under Go's replacement rule.
    public mutating func add(_ parsed: [String: Tree]) {
        for (n, tree) in parsed {
            if let old = trees[n], tree.isEmpty, !old.isEmpty { continue }
            trees[n] = tree
        }
    }

    public func lookup(_ name: String) -> Tree? { trees[name] }

    /// Executes the named template with `data` as dot and `$`.
    public func execute(_ name: String, data: Value) throws -> String {
        let context = ExecutionContext(set: self)
        return try context.execute(templateNamed: name, data: data)
    }
}

/// One execution of a template set, shared by the nested executions that functions such
/// as `include` and `tpl` start, so they can keep per-render state.
public final class ExecutionContext {
    public let set: TemplateSet
    /// Per-render counters for functions that guard against runaway recursion (Helm's
    /// `include` refuses a name nested more than 1000 times).
    public var counters: [String: Int] = [:]
    /// How deep `template`/`include` calls are nested right now.
    var depth = 0

    public init(set: TemplateSet) {
        self.set = set
    }

    /// Executes a template of the set (Go's `ExecuteTemplate`).
    public func execute(templateNamed name: String, data: Value) throws -> String {
        guard let tree = set.trees[name] else {
            throw TemplateError.execution(
                location: nil, template: name, node: nil,
                message: "no template \"\(name)\" associated with template \"\(set.name)\"")
        }
        var executor = Executor(context: self, tree: tree, data: data)
        return try executor.run()
    }

    /// Parses `text` as a template named `name` into a copy of the set (so its defines
    /// stay local, as with Go's `Clone`) and executes it (Helm's `tpl`).
    public func execute(text: String, name: String, data: Value, configure: (inout TemplateSet) -> Void = { _ in }) throws -> String {
        var copy = set
        configure(&copy)
        // Go's `t.New(name).Parse(text)` runs the tree just parsed, even when the set
        // keeps an older template of that name because the new one is empty: an empty
        // `tpl ""` inside another `tpl` must print nothing, not re-run the outer text.
        let parsed = try copy.parse(name: name, text: text)
        let nested = ExecutionContext(set: copy)
        nested.counters = counters
        nested.depth = depth
        defer { counters = nested.counters }
        guard let tree = parsed[name] else { return "" }
        var executor = Executor(context: nested, tree: tree, data: data)
        return try executor.run()
    }
}
