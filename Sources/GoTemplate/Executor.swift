import Values

/// Executes one parse tree: the twin of Go's `text/template` `state` and its `walk`.
///
/// Control flow (`break`/`continue`) travels as a return value rather than as a thrown
/// error, because it is common in loops and must stay cheap; errors are thrown.
struct Executor {
    let context: ExecutionContext
    /// The template being executed; error messages name it (`executing "NAME"`).
    var tree: Tree
    var output = ""
    /// The variable stack: `$` first, then declarations in scope order.
    var vars: [(name: String, value: Reflected)]
    /// The node being evaluated, for error locations.
    var node: (pos: Int, text: NodeText)?
    let data: Value

    enum Flow {
        case normal, breakLoop, continueLoop
    }

    init(context: ExecutionContext, tree: Tree, data: Value) {
        self.context = context
        self.tree = tree
        self.data = data
        self.vars = [("$", data.isNull ? .invalid : .concrete(data))]
    }

    mutating func run() throws -> String {
        let dot: Reflected = data.isNull ? .invalid : .concrete(data)
        _ = try walk(dot, tree.root)
        return output
    }

    // MARK: Walking

    mutating func walk(_ dot: Reflected, _ list: ListNode) throws -> Flow {
        for n in list.nodes {
            let flow = try walk(dot, n)
            if case .normal = flow { continue }
            return flow
        }
        return .normal
    }

    mutating func walk(_ dot: Reflected, _ n: Node) throws -> Flow {
        switch n {
        case .text(let t):
            output += t.text
        case .action(let a):
            at(a.pos, a)
            let val = try evalPipeline(dot, a.pipe)
            if a.pipe.decl.isEmpty { try printValue(val, a) }
        case .comment:
            break
        case .ifNode(let b):
            return try walkIfOrWith(isWith: false, dot, b)
        case .withNode(let b):
            return try walkIfOrWith(isWith: true, dot, b)
        case .rangeNode(let b):
            try walkRange(dot, b)
        case .template(let t):
            try walkTemplate(dot, t)
        case .breakNode:
            return .breakLoop
        case .continueNode:
            return .continueLoop
        case .list(let l):
            return try walk(dot, l)
        }
        return .normal
    }

    mutating func walkIfOrWith(isWith: Bool, _ dot: Reflected, _ b: BranchNode) throws -> Flow {
        let mark = vars.count
        defer { vars.removeSubrange(mark...) }
        at(b.pos, "")
        let val = try evalPipeline(dot, b.pipe)
        if truth(val) {
            return try walk(isWith ? val : dot, b.list)
        } else if let e = b.elseList {
            return try walk(dot, e)
        }
        return .normal
    }

    mutating func walkRange(_ dot: Reflected, _ r: BranchNode) throws {
        let outer = vars.count
        defer { vars.removeSubrange(outer...) }
        at(r.pos, "")
        let val = try evalPipeline(dot, r.pipe).unboxed
        let mark = vars.count
        let decl = r.pipe.decl

        // Returns false when the body asked to break.
        func iteration(_ ex: inout Executor, index: Reflected, elem: Reflected) throws -> Bool {
            if !decl.isEmpty {
                if r.pipe.isAssign {
                    try ex.setVar(decl[0].names[0], decl.count > 1 ? index : elem)
                } else {
                    ex.vars[ex.vars.count - 1].value = elem
                }
            }
            if decl.count > 1 {
                if r.pipe.isAssign {
                    try ex.setVar(decl[1].names[0], elem)
                } else {
                    ex.vars[ex.vars.count - 2].value = index
                }
            }
            defer { ex.vars.removeSubrange(mark...) }
            let flow = try ex.walk(elem, r.list)
            if case .breakLoop = flow { return false }
            return true
        }

        switch val {
        case .concrete(.list(let items, let type)) where !items.isEmpty:
            for (i, item) in items.enumerated() {
                if try !iteration(&self, index: .concrete(.int(i)), elem: Reflected(element: item, of: type)) { break }
            }
            return
        case .concrete(.bytes(let bytes)) where !bytes.isEmpty:
            for (i, b) in bytes.enumerated() {
                if try !iteration(&self, index: .concrete(.int(i)), elem: .concrete(.int(Int64(b), type: .uint8))) {
                    break
                }
            }
            return
        case .concrete(.map(let entries, let type)) where !entries.isEmpty:
            for key in entries.keys.sorted(by: goStringLess) {
                if try !iteration(&self, index: .concrete(.string(key)), elem: Reflected(element: entries[key]!, of: type)) {
                    break
                }
            }
            return
        case .concrete(.int(let n, let type)):
            if decl.count > 1 {
                throw error("can't use \(GoFmt.formatValue(.int(n, type: type))) to iterate over more than one variable")
            }
            let limit = type.isUnsignedInteger ? Int64(clamping: UInt64(bitPattern: n)) : n
            if limit > 0 {
                var i: Int64 = 0
                while i < limit {
                    let v = Reflected.concrete(.int(i, type: type))
                    if try !iteration(&self, index: v, elem: v) { break }
                    i += 1
                }
                return
            }
        case .concrete(.list), .concrete(.map), .concrete(.bytes), .invalid:
            break
        case .concrete(let v), .boxed(let v):
            throw error("range can't iterate over \(GoFmt.formatValue(v))")
        }
        if let e = r.elseList {
            _ = try walk(dot, e)
        }
    }

    mutating func walkTemplate(_ dot: Reflected, _ t: TemplateNode) throws {
        at(t.pos, t)
        guard let target = context.set.trees[t.name] else {
            throw error("template \(goQuote(t.name)) not defined")
        }
        if context.depth >= context.set.maxDepth {
            throw error("exceeded maximum template depth (\(context.set.maxDepth))")
        }
        let newDot: Reflected = t.pipe == nil ? .invalid : try evalPipeline(dot, t.pipe!)
        var nested = Executor(context: context, tree: target, data: .null)
        nested.vars = [("$", newDot)]
        context.depth += 1
        defer { context.depth -= 1 }
        _ = try nested.walk(newDot, target.root)
        output += nested.output
    }

    // MARK: Variables

    mutating func setVar(_ name: String, _ value: Reflected) throws {
        for i in stride(from: vars.count - 1, through: 0, by: -1) where vars[i].name == name {
            vars[i].value = value
            return
        }
        throw error("undefined variable: \(name)")
    }

    func varValue(_ name: String) throws -> Reflected {
        for i in stride(from: vars.count - 1, through: 0, by: -1) where vars[i].name == name {
            return vars[i].value
        }
        throw error("undefined variable: \(name)")
    }

    // MARK: Printing

    mutating func printValue(_ v: Reflected, _ a: ActionNode) throws {
        switch v {
        case .invalid:
            output += "<no value>"
        case .boxed(.null):
            output += "<nil>"
        case .boxed(let value), .concrete(let value):
            switch value {
            case .string(let s): output += s
            case .object(let o) where o.pointerStringer != nil: output += o.pointerStringer!
            case .function:
                at(a.pos, a)
                throw error("can't print \(a.pipe) of type func")
            default: output += GoFmt.formatValue(value)
            }
        }
    }

    // MARK: Errors

    mutating func at(_ pos: Int, _ text: NodeText) {
        node = (pos, text)
    }

    /// An execution error worded as Go's `state.errorf`, at the current node.
    func error(_ message: String) -> TemplateError {
        guard let node else {
            return .execution(location: nil, template: tree.name, node: nil, message: "\(tree.name): \(message)")
        }
        // Go 1.26 quotes the whole node (older Go cut it at 20 characters).
        return .execution(location: tree.location(of: node.pos), template: tree.name, node: node.text.description, message: message)
    }
}

/// Go orders map keys by byte value when ranging and printing.
func goStringLess(_ a: String, _ b: String) -> Bool {
    String.goLess(a, b)
}

/// `%q` of a string, for messages that quote names.
func goQuote(_ s: String) -> String {
    GoFmt.sprintf("%q", [.string(s)])
}

/// The node an error would quote. Kept as the node itself and printed only when an error
/// is raised: printing every node as it is evaluated cost more than evaluating it.
typealias NodeText = any CustomStringConvertible & Sendable
