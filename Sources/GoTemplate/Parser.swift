/// Go's `text/template/parse` parser: one file's text into its top-level tree and the
/// trees of every `define` and `block` in it.
public enum Parser {
    /// Parses one file's text: its top-level tree (named `name`) and every `define`/`block`
    /// in it, keyed by name.
    ///
    /// `isFunction` tells which identifiers are defined functions; an unknown one is the
    /// parse error `function "foo" not defined`, as Go checks functions at parse time.
    /// Errors are `TemplateError.parse` with Go's message and the line Go reports (that
    /// of the last token read when the error was found).
    public static func parse(
        name: String, text: String, leftDelim: String = "{{", rightDelim: String = "}}",
        isFunction: (String) -> Bool
    ) throws -> [String: Tree] {
        try withoutActuallyEscaping(isFunction) { isFunction in
            var session = ParseSession(
                name: name, text: text, leftDelim: leftDelim, rightDelim: rightDelim, isFunction: isFunction)
            try session.parseFile()
            return session.treeSet
        }
    }
}

/// What `textOrAction` yields: a node, or the `{{end}}`/`{{else}}` that closes a list.
enum Statement {
    case node(Node)
    case end(pos: Int)
    case elseNode(pos: Int, line: Int)
}

/// The state Go keeps per `parse.Tree`: a `define` or `block` body is parsed by a fresh
/// tree sharing the lexer, with its own look-ahead, variables and range depth. Errors
/// report the line of *this* tree's last token, so the look-ahead must not be shared.
struct TreeState {
    var name: String
    var token0 = Item.none
    var token1 = Item.none
    var token2 = Item.none
    var peekCount = 0
    var vars: [String] = ["$"]
    var rangeDepth = 0
    /// The line of the action being parsed, for `unclosed action started at …`.
    var actionLine = 0

    init(name: String) { self.name = name }

    subscript(_ i: Int) -> Item {
        get { i == 0 ? token0 : i == 1 ? token1 : token2 }
        set {
            switch i {
            case 0: token0 = newValue
            case 1: token1 = newValue
            default: token2 = newValue
            }
        }
    }
}

/// One file being parsed.
struct ParseSession {
    var lexer: Lexer
    let parseName: String
    let text: String
    let isFunction: (String) -> Bool
    var treeSet: [String: Tree] = [:]
    var tree: TreeState

    init(name: String, text: String, leftDelim: String, rightDelim: String, isFunction: @escaping (String) -> Bool) {
        var utf8 = ContiguousArray<UInt8>()
        utf8.reserveCapacity(text.utf8.count)
        utf8.append(contentsOf: text.utf8)
        lexer = Lexer(input: utf8, leftDelim: leftDelim, rightDelim: rightDelim)
        lexer.breakOK = !isFunction("break")
        lexer.continueOK = !isFunction("continue")
        parseName = name
        self.text = text
        self.isFunction = isFunction
        tree = TreeState(name: name)
    }

    // MARK: - Look-ahead (Go's next/backup/peek)

    mutating func next() -> Item {
        if tree.peekCount > 0 {
            tree.peekCount -= 1
        } else {
            tree.token0 = lexer.nextItem()
        }
        return tree[tree.peekCount]
    }

    mutating func backup() { tree.peekCount += 1 }

    mutating func backup2(_ t1: Item) {
        tree.token1 = t1
        tree.peekCount = 2
    }

    mutating func backup3(_ t2: Item, _ t1: Item) {
        tree.token1 = t1
        tree.token2 = t2
        tree.peekCount = 3
    }

    mutating func peek() -> Item {
        if tree.peekCount > 0 { return tree[tree.peekCount - 1] }
        tree.peekCount = 1
        tree.token0 = lexer.nextItem()
        return tree.token0
    }

    mutating func nextNonSpace() -> Item {
        var token = next()
        while token.type == .space { token = next() }
        return token
    }

    mutating func peekNonSpace() -> Item {
        let token = nextNonSpace()
        backup()
        return token
    }

    // MARK: - Errors

    /// A parse error on the line of the last token read (Go's `t.token[0].line`).
    func errorf(_ message: String) -> TemplateError {
        .parse(name: parseName, line: tree.token0.line, message: message)
    }

    /// Go's `item.String()`.
    func describe(_ item: Item) -> String {
        switch item.type {
        case .eof: return "EOF"
        case .error: return lexer.message(of: item)
        default:
            let val = lexer.text(of: item)
            if item.type.isKeyword { return "<\(val)>" }
            // Go tests the length in bytes, then cuts to ten runes (`%.10q`).
            if item.end - item.pos > 10 { return GoStrconv.quote(val, maxRunes: 10) + "..." }
            return GoStrconv.quote(val)
        }
    }

    func unexpected(_ token: Item, _ context: String) -> TemplateError {
        if token.type == .error {
            var extra = ""
            if tree.actionLine != 0 && tree.actionLine != token.line {
                extra = " in action started at \(parseName):\(tree.actionLine)"
                if lexer.message(of: token).hasSuffix(" action") {
                    extra = String(extra.dropFirst(" in action".count))  // avoid "action in action"
                }
            }
            return errorf(lexer.message(of: token) + extra)
        }
        return errorf("unexpected \(describe(token)) in \(context)")
    }

    mutating func expect(_ expected: ItemType, _ context: String) throws -> Item {
        let token = nextNonSpace()
        if token.type != expected { throw unexpected(token, context) }
        return token
    }

    mutating func expectOneOf(_ e1: ItemType, _ e2: ItemType, _ context: String) throws -> Item {
        let token = nextNonSpace()
        if token.type != e1 && token.type != e2 { throw unexpected(token, context) }
        return token
    }

    // MARK: - Trees

    mutating func parseFile() throws {
        let root = try parseTopLevel()
        try add(name: parseName, root: root)
    }

    /// Go's `Tree.parse`: the top level, where `define` may appear.
    private mutating func parseTopLevel() throws -> ListNode {
        let listPos = peek().pos
        var nodes: [Node] = []
        while peek().type != .eof {
            if peek().type == .leftDelim {
                let delim = next()
                if nextNonSpace().type == .define {
                    try parseDefinition()
                    continue
                }
                backup2(delim)
            }
            switch try textOrAction() {
            case .end: throw errorf("unexpected {{end}}")
            case .elseNode: throw errorf("unexpected {{else}}")
            case .node(let n): nodes.append(n)
            }
        }
        return ListNode(pos: listPos, nodes: nodes)
    }

    /// `{{define "name"}}…{{end}}`, parsed by a fresh tree.
    private mutating func parseDefinition() throws {
        let outer = tree
        tree = TreeState(name: "definition")
        let context = "define clause"
        let nameToken = try expectOneOf(.string, .rawString, context)
        guard let name = GoStrconv.unquote(lexer.bytes(of: nameToken)) else { throw errorf(GoStrconv.syntaxError) }
        tree.name = name
        _ = try expect(.rightDelim, context)
        let (root, end) = try itemList()
        if case .elseNode = end { throw errorf("unexpected {{else}} in \(context)") }
        try add(name: name, root: root)
        tree = outer
    }

    /// Go's `Tree.add`: a template replaces an empty one of its name; two non-empty
    /// bodies of one name in one parse are an error.
    private mutating func add(name: String, root: ListNode) throws {
        if let existing = treeSet[name], !ParseSession.isEmptyTree(existing.root) {
            if !ParseSession.isEmptyTree(root) {
                throw errorf("template: multiple definition of template \(GoStrconv.quote(name))")
            }
            return
        }
        treeSet[name] = Tree(name: name, parseName: parseName, text: text, root: root)
    }

    /// Go's `parse.IsEmptyTree`: only text that `bytes.TrimSpace` empties (Unicode
    /// white space) and comments.
    static func isEmptyTree(_ list: ListNode) -> Bool {
        list.nodes.allSatisfy { node in
            switch node {
            case .text(let t): return t.text.unicodeScalars.allSatisfy { $0.properties.isWhitespace }
            case .comment: return true
            case .list(let l): return isEmptyTree(l)
            default: return false
            }
        }
    }

    /// Nodes up to the `{{end}}` or `{{else}}` that closes them.
    mutating func itemList() throws -> (ListNode, Statement) {
        let pos = peekNonSpace().pos
        var nodes: [Node] = []
        while peekNonSpace().type != .eof {
            let statement = try textOrAction()
            switch statement {
            case .end, .elseNode: return (ListNode(pos: pos, nodes: nodes), statement)
            case .node(let n): nodes.append(n)
            }
        }
        throw errorf("unexpected EOF")
    }

    private mutating func textOrAction() throws -> Statement {
        let token = nextNonSpace()
        switch token.type {
        case .text:
            return .node(.text(TextNode(pos: token.pos, text: lexer.text(of: token))))
        case .leftDelim:
            tree.actionLine = token.line
            let statement = try action()
            tree.actionLine = 0
            return statement
        case .comment:
            return .node(.comment(CommentNode(pos: token.pos, text: lexer.text(of: token))))
        default:
            throw unexpected(token, "input")
        }
    }

    // MARK: - Actions

    private mutating func action() throws -> Statement {
        let token = nextNonSpace()
        switch token.type {
        case .block: return try blockControl()
        case .breakKeyword: return try loopControl(token, keyword: "break")
        case .continueKeyword: return try loopControl(token, keyword: "continue")
        case .elseKeyword: return try elseControl()
        case .end: return .end(pos: try expect(.rightDelim, "end").pos)
        case .ifKeyword: return .node(.ifNode(try parseControl("if")))
        case .range: return .node(.rangeNode(try parseControl("range")))
        case .template: return try templateControl()
        case .with: return .node(.withNode(try parseControl("with")))
        default: break
        }
        backup()
        let first = peek()
        // Variables declared here persist until the enclosing "end".
        let pipe = try pipeline("command", end: .rightDelim)
        return .node(.action(ActionNode(pos: first.pos, line: first.line, pipe: pipe)))
    }

    /// `{{break}}` and `{{continue}}`: nothing may follow, and only inside a range.
    private mutating func loopControl(_ keywordToken: Item, keyword: String) throws -> Statement {
        let token = nextNonSpace()
        if token.type != .rightDelim { throw unexpected(token, "{{\(keyword)}}") }
        if tree.rangeDepth == 0 { throw errorf("{{\(keyword)}} outside {{range}}") }
        if keyword == "break" { return .node(.breakNode(pos: keywordToken.pos, line: keywordToken.line)) }
        return .node(.continueNode(pos: keywordToken.pos, line: keywordToken.line))
    }

    /// `if`, `range` and `with`. Variables declared in the pipeline or body go out of
    /// scope at `{{end}}`. `{{else if …}}`/`{{else with …}}` become a nested node in the
    /// else list, closed by the same `{{end}}`.
    private mutating func parseControl(_ context: String) throws -> BranchNode {
        let varCount = tree.vars.count
        let pipe = try pipeline(context, end: .rightDelim)
        if context == "range" { tree.rangeDepth += 1 }
        let (list, next) = try itemList()
        if context == "range" { tree.rangeDepth -= 1 }
        var elseList: ListNode?
        if case .elseNode(let elsePos, _) = next {
            if context == "if" && peek().type == .ifKeyword {
                _ = self.next()
                elseList = ListNode(pos: elsePos, nodes: [.ifNode(try parseControl("if"))])
            } else if context == "with" && peek().type == .with {
                _ = self.next()
                elseList = ListNode(pos: elsePos, nodes: [.withNode(try parseControl("with"))])
            } else {
                let (list, next) = try itemList()
                if case .elseNode = next { throw errorf("expected end; found {{else}}") }
                elseList = list
            }
        }
        tree.vars.removeSubrange(varCount...)
        return BranchNode(pos: pipe.pos, line: pipe.line, pipe: pipe, list: list, elseList: elseList)
    }

    private mutating func elseControl() throws -> Statement {
        let peeked = peekNonSpace()
        // "{{else if" and "{{else with" leave the keyword pending for parseControl.
        if peeked.type == .ifKeyword || peeked.type == .with {
            return .elseNode(pos: peeked.pos, line: peeked.line)
        }
        let token = try expect(.rightDelim, "else")
        return .elseNode(pos: token.pos, line: token.line)
    }

    /// `{{block "name" pipeline}}body{{end}}`: defines the template and calls it.
    private mutating func blockControl() throws -> Statement {
        let context = "block clause"
        let token = nextNonSpace()
        let name = try parseTemplateName(token, context)
        let pipe = try pipeline(context, end: .rightDelim)
        let outer = tree
        tree = TreeState(name: name)
        let (root, end) = try itemList()
        if case .elseNode = end {
            tree = outer  // Go reports this from the enclosing tree.
            throw errorf("unexpected {{else}} in \(context)")
        }
        try add(name: name, root: root)
        tree = outer
        return .node(.template(TemplateNode(pos: token.pos, line: token.line, name: name, pipe: pipe)))
    }

    private mutating func templateControl() throws -> Statement {
        let context = "template clause"
        let token = nextNonSpace()
        let name = try parseTemplateName(token, context)
        var pipe: PipeNode?
        if nextNonSpace().type != .rightDelim {
            backup()
            pipe = try pipeline(context, end: .rightDelim)
        }
        return .node(.template(TemplateNode(pos: token.pos, line: token.line, name: name, pipe: pipe)))
    }

    private func parseTemplateName(_ token: Item, _ context: String) throws -> String {
        switch token.type {
        case .string, .rawString:
            guard let name = GoStrconv.unquote(lexer.bytes(of: token)) else { throw errorf(GoStrconv.syntaxError) }
            return name
        default:
            throw unexpected(token, context)
        }
    }
}
