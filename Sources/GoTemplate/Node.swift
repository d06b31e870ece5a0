/// The parse tree of a template, the twin of Go's `text/template/parse` nodes.
///
/// Every node keeps its byte offset in the template text (`pos`), from which errors
/// compute `NAME:LINE:COL` exactly as Go's `Tree.ErrorContext` does. `description`
/// reproduces Go's `String()` of the node, which error messages quote
/// (`executing "x" at <index .Values.l 5>`).

/// A parsed template: the body of one file or one `define`.
public final class Tree: Sendable {
    /// The template's name (`define "x"` gives "x"; a file gives its path).
    public let name: String
    /// The name of the file the text came from; error locations use it.
    public let parseName: String
    /// The text the positions refer to.
    public let text: String
    public let root: ListNode

    public init(name: String, parseName: String, text: String, root: ListNode) {
        self.name = name
        self.parseName = parseName
        self.text = text
        self.root = root
    }

    /// Go's `IsEmptyTree`: only whitespace text and comments. A `define` whose body is
    /// empty does not replace an existing template of the same name.
    public var isEmpty: Bool { root.isEmpty }

    /// `NAME:LINE:COL` for a byte offset, as Go's `ErrorContext` computes it.
    public func location(of pos: Int) -> String {
        let bytes = text.utf8
        let end = bytes.index(bytes.startIndex, offsetBy: min(pos, bytes.count))
        var line = 1
        var lastNewline = -1
        var i = 0
        for b in bytes[bytes.startIndex..<end] {
            if b == UInt8(ascii: "\n") {
                line += 1
                lastNewline = i
            }
            i += 1
        }
        let col = lastNewline == -1 ? pos : pos - (lastNewline + 1)
        return "\(parseName):\(line):\(col)"
    }

    /// The line of a byte offset (parse errors report only the line).
    public func line(of pos: Int) -> Int {
        var line = 1
        var i = 0
        for b in text.utf8 {
            if i >= pos { break }
            if b == UInt8(ascii: "\n") { line += 1 }
            i += 1
        }
        return line
    }
}

/// A sequence of nodes (a template body, an if/range/with branch).
public final class ListNode: Sendable, CustomStringConvertible {
    public let pos: Int
    public let nodes: [Node]
    public init(pos: Int, nodes: [Node]) {
        self.pos = pos
        self.nodes = nodes
    }

    var isEmpty: Bool {
        nodes.allSatisfy { node in
            switch node {
            // Go's IsEmptyTree trims with unicode.IsSpace.
            case .text(let t): return t.text.unicodeScalars.allSatisfy { $0.properties.isWhitespace }
            case .comment: return true
            case .list(let l): return l.isEmpty
            default: return false
            }
        }
    }

    public var description: String { nodes.map(\.description).joined() }
}

/// A statement-level node: what a template body is made of.
public enum Node: Sendable, CustomStringConvertible {
    case text(TextNode)
    case action(ActionNode)
    case comment(CommentNode)
    case ifNode(BranchNode)
    case rangeNode(BranchNode)
    case withNode(BranchNode)
    case template(TemplateNode)
    case breakNode(pos: Int, line: Int)
    case continueNode(pos: Int, line: Int)
    case list(ListNode)

    public var pos: Int {
        switch self {
        case .text(let n): return n.pos
        case .action(let n): return n.pos
        case .comment(let n): return n.pos
        case .ifNode(let n), .rangeNode(let n), .withNode(let n): return n.pos
        case .template(let n): return n.pos
        case .breakNode(let p, _), .continueNode(let p, _): return p
        case .list(let l): return l.pos
        }
    }

    public var description: String {
        switch self {
        case .text(let n): return n.description
        case .action(let n): return n.description
        case .comment(let n): return "{{\(n.text)}}"
        case .ifNode(let n): return n.describe(keyword: "if")
        case .rangeNode(let n): return n.describe(keyword: "range")
        case .withNode(let n): return n.describe(keyword: "with")
        case .template(let n): return n.description
        case .breakNode: return "{{break}}"
        case .continueNode: return "{{continue}}"
        case .list(let l): return l.description
        }
    }
}

public struct TextNode: Sendable, CustomStringConvertible {
    public let pos: Int
    public let text: String
    public init(pos: Int, text: String) {
        self.pos = pos
        self.text = text
    }
    /// Go prints text nodes quoted (`%q`) in node dumps.
    public var description: String { text }
}

public struct CommentNode: Sendable {
    public let pos: Int
    /// The comment including its `/*` and `*/`, as Go keeps it.
    public let text: String
    public init(pos: Int, text: String) {
        self.pos = pos
        self.text = text
    }
}

/// `{{pipeline}}`: a non-control action.
public struct ActionNode: Sendable, CustomStringConvertible {
    public let pos: Int
    public let line: Int
    public let pipe: PipeNode
    public init(pos: Int, line: Int, pipe: PipeNode) {
        self.pos = pos
        self.line = line
        self.pipe = pipe
    }
    public var description: String { "{{\(pipe)}}" }
}

/// `$x := cmd | cmd | cmd`, optionally declaring (`:=`) or assigning (`=`) variables.
public final class PipeNode: Sendable, CustomStringConvertible {
    public let pos: Int
    public let line: Int
    /// `=` rather than `:=`.
    public let isAssign: Bool
    /// Variables declared or assigned (`$x` or `$i, $v` in range).
    public let decl: [VariableNode]
    public let commands: [CommandNode]

    public init(pos: Int, line: Int, isAssign: Bool, decl: [VariableNode], commands: [CommandNode]) {
        self.pos = pos
        self.line = line
        self.isAssign = isAssign
        self.decl = decl
        self.commands = commands
    }

    public var description: String {
        var s = ""
        if !decl.isEmpty {
            s = decl.map(\.description).joined(separator: ", ") + (isAssign ? " = " : " := ")
        }
        return s + commands.map(\.description).joined(separator: " | ")
    }
}

/// One command of a pipeline: a function call, method call or operand with arguments.
public struct CommandNode: Sendable, CustomStringConvertible {
    public let pos: Int
    public let args: [Operand]
    public init(pos: Int, args: [Operand]) {
        self.pos = pos
        self.args = args
    }
    public var description: String {
        args.map { arg in
            if case .pipe(let p) = arg { return "(\(p))" }
            return arg.description
        }.joined(separator: " ")
    }
}

/// `$name.field1.field2`; `names[0]` is the variable itself, `$` included.
public struct VariableNode: Sendable, CustomStringConvertible {
    public let pos: Int
    public let names: [String]
    public init(pos: Int, names: [String]) {
        self.pos = pos
        self.names = names
    }
    public var description: String { names.joined(separator: ".") }
}

/// A number literal; Go keeps every interpretation that fits.
public struct NumberNode: Sendable, CustomStringConvertible {
    public let pos: Int
    public let text: String
    public var isInt = false
    public var isUint = false
    public var isFloat = false
    public var isComplex = false
    public var int64: Int64 = 0
    public var uint64: UInt64 = 0
    public var float64: Double = 0
    /// Real and imaginary parts when `isComplex`.
    public var complex: (Double, Double) = (0, 0)
    public init(pos: Int, text: String) {
        self.pos = pos
        self.text = text
    }
    public var description: String { text }
}

/// An argument or command head.
public indirect enum Operand: Sendable, CustomStringConvertible {
    /// `.a.b`: field chain starting at dot.
    case field(pos: Int, names: [String])
    case variable(VariableNode)
    /// A function name.
    case identifier(pos: Int, name: String)
    case dot(pos: Int)
    case nilValue(pos: Int)
    case bool(pos: Int, value: Bool)
    case number(NumberNode)
    /// `quoted` is the literal as written, `text` its value.
    case string(pos: Int, quoted: String, text: String)
    /// `(pipe).a.b` or `$x.a` after a parenthesized or other operand.
    case chain(pos: Int, node: Operand, fields: [String])
    /// A parenthesized pipeline.
    case pipe(PipeNode)

    public var pos: Int {
        switch self {
        case .field(let p, _), .identifier(let p, _), .dot(let p), .nilValue(let p), .bool(let p, _),
            .string(let p, _, _), .chain(let p, _, _):
            return p
        case .variable(let v): return v.pos
        case .number(let n): return n.pos
        case .pipe(let p): return p.pos
        }
    }

    public var description: String {
        switch self {
        case .field(_, let names): return names.map { "." + $0 }.joined()
        case .variable(let v): return v.description
        case .identifier(_, let name): return name
        case .dot: return "."
        case .nilValue: return "nil"
        case .bool(_, let b): return b ? "true" : "false"
        case .number(let n): return n.text
        case .string(_, let quoted, _): return quoted
        case .chain(_, let node, let fields):
            let head: String
            if case .pipe(let p) = node { head = "(\(p))" } else { head = node.description }
            return head + fields.map { "." + $0 }.joined()
        case .pipe(let p): return "(\(p))"
        }
    }
}

/// `if`, `range` and `with`, which share a shape.
public final class BranchNode: Sendable {
    public let pos: Int
    public let line: Int
    public let pipe: PipeNode
    public let list: ListNode
    public let elseList: ListNode?
    public init(pos: Int, line: Int, pipe: PipeNode, list: ListNode, elseList: ListNode?) {
        self.pos = pos
        self.line = line
        self.pipe = pipe
        self.list = list
        self.elseList = elseList
    }

    func describe(keyword: String) -> String {
        if let e = elseList {
            return "{{\(keyword) \(pipe)}}\(list){{else}}\(e){{end}}"
        }
        return "{{\(keyword) \(pipe)}}\(list){{end}}"
    }
}

/// `{{template "name" pipeline}}`.
public struct TemplateNode: Sendable, CustomStringConvertible {
    public let pos: Int
    public let line: Int
    public let name: String
    public let pipe: PipeNode?
    public init(pos: Int, line: Int, name: String, pipe: PipeNode?) {
        self.pos = pos
        self.line = line
        self.name = name
        self.pipe = pipe
    }
    public var description: String {
        let q = GoStrconv.quote(name)
        if let p = pipe { return "{{template \(q) \(p)}}" }
        return "{{template \(q)}}"
    }
}
