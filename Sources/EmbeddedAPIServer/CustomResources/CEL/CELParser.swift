/// A recursive-descent parser for CEL's grammar (precedence from loosest: `?:`, `||`,
/// `&&`, relations and `in`, `+ -`, `* / %`, unary `! -`, member access), expanding the
/// macros (`has`, `all`, `exists`, `exists_one`, `map`, `filter`) as it goes.
/// Nesting is bounded so a hostile rule cannot exhaust the stack.
public struct CELParser {
    private let source: String
    private let tokens: [CELToken]
    private var p = 0
    private var depth = 0
    static let maxDepth = 128

    private static let reserved: Set<String> = [
        "as", "break", "const", "continue", "else", "for", "function", "if", "import", "let", "loop",
        "package", "namespace", "return", "var", "void", "while",
    ]

    /// Parses a whole expression; the issue carries cel-go's position and wording.
    public static func parse(_ source: String) throws(CELIssue) -> CELExpr {
        var parser = CELParser(source: source, tokens: try CELLexer.tokens(source))
        let e = try parser.expression()
        if case .end = parser.current.kind { return e }
        throw parser.unexpected()
    }

    private init(source: String, tokens: [CELToken]) {
        self.source = source
        self.tokens = tokens
    }

    private var current: CELToken { tokens[p] }

    private func isSymbol(_ s: String) -> Bool {
        if case .symbol(s) = current.kind { return true }
        return false
    }

    private func isIdentifier(_ s: String) -> Bool {
        if case .identifier(s) = current.kind { return true }
        return false
    }

    private mutating func accept(_ s: String) -> Bool {
        if isSymbol(s) { p += 1; return true }
        return false
    }

    private func issue(_ message: String, at offset: Int? = nil) -> CELIssue {
        CELIssue(message, at: offset ?? current.offset, in: source)
    }

    private func unexpected() -> CELIssue {
        let text: String
        switch current.kind {
        case .end: text = "<EOF>"
        case .symbol(let s): text = s
        case .identifier(let s): text = s
        case .int(let s), .uint(let s): text = s
        case .double(let d): text = String(d)
        case .string, .bytes: text = "literal"
        }
        return issue("Syntax error: mismatched input '\(text)'")
    }

    private mutating func expect(_ s: String) throws(CELIssue) {
        guard accept(s) else { throw unexpected() }
    }

    private mutating func nested<T>(_ body: (inout CELParser) throws(CELIssue) -> T) throws(CELIssue) -> T {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maxDepth { throw issue("expression recursion limit exceeded: \(Self.maxDepth)") }
        return try body(&self)
    }

    mutating func expression() throws(CELIssue) -> CELExpr {
        try nested { (me: inout CELParser) throws(CELIssue) -> CELExpr in
            let condition = try me.logicalOr()
            let at = me.current.offset
            guard me.accept("?") else { return condition }
            let yes = try me.logicalOr()
            try me.expect(":")
            let no = try me.expression()
            return CELExpr(.conditional(condition, yes, no), at: at)
        }
    }

    private mutating func logicalOr() throws(CELIssue) -> CELExpr {
        var e = try logicalAnd()
        while isSymbol("||") {
            let at = current.offset
            p += 1
            e = CELExpr(.or(e, try logicalAnd()), at: at)
        }
        return e
    }

    private mutating func logicalAnd() throws(CELIssue) -> CELExpr {
        var e = try relation()
        while isSymbol("&&") {
            let at = current.offset
            p += 1
            e = CELExpr(.and(e, try relation()), at: at)
        }
        return e
    }

    private mutating func relation() throws(CELIssue) -> CELExpr {
        var e = try addition()
        let ops = ["<": "_<_", "<=": "_<=_", ">": "_>_", ">=": "_>=_", "==": "_==_", "!=": "_!=_"]
        while true {
            let at = current.offset
            if case .symbol(let s) = current.kind, let name = ops[s] {
                p += 1
                e = CELExpr(.call(target: nil, function: name, args: [e, try addition()]), at: at)
            } else if isIdentifier("in") {
                p += 1
                e = CELExpr(.call(target: nil, function: "@in", args: [e, try addition()]), at: at)
            } else {
                return e
            }
        }
    }

    private mutating func addition() throws(CELIssue) -> CELExpr {
        var e = try multiplication()
        while isSymbol("+") || isSymbol("-") {
            let at = current.offset
            let name = isSymbol("+") ? "_+_" : "_-_"
            p += 1
            e = CELExpr(.call(target: nil, function: name, args: [e, try multiplication()]), at: at)
        }
        return e
    }

    private mutating func multiplication() throws(CELIssue) -> CELExpr {
        var e = try unary()
        while isSymbol("*") || isSymbol("/") || isSymbol("%") {
            let at = current.offset
            let name = isSymbol("*") ? "_*_" : isSymbol("/") ? "_/_" : "_%_"
            p += 1
            e = CELExpr(.call(target: nil, function: name, args: [e, try unary()]), at: at)
        }
        return e
    }

    private mutating func unary() throws(CELIssue) -> CELExpr {
        try nested { (me: inout CELParser) throws(CELIssue) -> CELExpr in
            let at = me.current.offset
            if me.accept("!") {
                return CELExpr(.call(target: nil, function: "!_", args: [try me.unary()]), at: at)
            }
            if me.accept("-") {
                // `-9223372036854775808` is the one int literal that only exists negated.
                if case .int(let text) = me.current.kind {
                    let next = me.tokens[me.p + 1].kind
                    if next != .symbol("."), next != .symbol("[") {
                        me.p += 1
                        return CELExpr(.literal(try me.intLiteral("-" + text, at: at)), at: at)
                    }
                }
                if case .double(let d) = me.current.kind {
                    let next = me.tokens[me.p + 1].kind
                    if next != .symbol("."), next != .symbol("[") {
                        me.p += 1
                        return CELExpr(.literal(.double(-d)), at: at)
                    }
                }
                return CELExpr(.call(target: nil, function: "-_", args: [try me.unary()]), at: at)
            }
            return try me.member()
        }
    }

    private func intLiteral(_ text: String, at offset: Int) throws(CELIssue) -> CELValue {
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let value: Int64?
        if body.hasPrefix("0x") {
            value = UInt64(body.dropFirst(2), radix: 16).flatMap { u in
                negative ? (u <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- u) : nil)
                    : (u <= UInt64(Int64.max) ? Int64(u) : nil)
            }
        } else {
            value = Int64(text)
        }
        guard let value else { throw issue("invalid int literal", at: offset) }
        return .int(value)
    }

    private mutating func member() throws(CELIssue) -> CELExpr {
        var e = try primary()
        while true {
            let at = current.offset
            if accept(".") {
                guard case .identifier(let name) = current.kind else { throw unexpected() }
                p += 1
                if accept("(") {
                    let args = try argumentList(closing: ")")
                    e = try receiverCall(e, name, args, at: at)
                } else {
                    e = CELExpr(.select(e, field: name, testOnly: false), at: at)
                }
            } else if accept("[") {
                let index = try expression()
                try expect("]")
                e = CELExpr(.call(target: nil, function: "_[_]", args: [e, index]), at: at)
            } else {
                return e
            }
        }
    }

    private mutating func argumentList(closing: String) throws(CELIssue) -> [CELExpr] {
        var args: [CELExpr] = []
        if accept(closing) { return args }
        while true {
            args.append(try expression())
            if accept(closing) { return args }
            try expect(",")
            if closing == "]", accept(closing) { return args }
        }
    }

    /// `target.name(args)`, expanding the comprehension macros.
    private func receiverCall(_ target: CELExpr, _ name: String, _ args: [CELExpr], at: Int) throws(CELIssue) -> CELExpr {
        let macro: CELExpr.Macro?
        switch (name, args.count) {
        case ("all", 2): macro = .all
        case ("exists", 2): macro = .exists
        case ("exists_one", 2): macro = .existsOne
        case ("filter", 2): macro = .filter
        case ("map", 2), ("map", 3): macro = .map
        default: macro = nil
        }
        guard let macro else { return CELExpr(.call(target: target, function: name, args: args), at: at) }
        guard case .identifier(let variable) = args[0].kind else {
            throw issue("argument must be a simple name", at: args[0].offset)
        }
        let body = Array(args.dropFirst())
        switch macro {
        case .map where body.count == 2:
            return CELExpr(.comprehension(.map, range: target, variable: variable, predicate: body[0], transform: body[1]), at: at)
        case .map:
            return CELExpr(.comprehension(.map, range: target, variable: variable, predicate: nil, transform: body[0]), at: at)
        default:
            return CELExpr(.comprehension(macro, range: target, variable: variable, predicate: body[0], transform: nil), at: at)
        }
    }

    private mutating func primary() throws(CELIssue) -> CELExpr {
        let token = current
        let at = token.offset
        switch token.kind {
        case .int(let text):
            p += 1
            return CELExpr(.literal(try intLiteral(text, at: at)), at: at)
        case .uint(let text):
            p += 1
            let value = text.hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16) : UInt64(text)
            guard let value else { throw issue("invalid uint literal", at: at) }
            return CELExpr(.literal(.uint(value)), at: at)
        case .double(let d):
            p += 1
            return CELExpr(.literal(.double(d)), at: at)
        case .string(let s):
            p += 1
            return CELExpr(.literal(.string(s)), at: at)
        case .bytes(let b):
            p += 1
            return CELExpr(.literal(.bytes(b)), at: at)
        case .identifier(let name):
            p += 1
            switch name {
            case "true": return CELExpr(.literal(.bool(true)), at: at)
            case "false": return CELExpr(.literal(.bool(false)), at: at)
            case "null": return CELExpr(.literal(.null), at: at)
            case "in": throw issue("Syntax error: mismatched input 'in'", at: at)
            default: break
            }
            if Self.reserved.contains(name) { throw issue("reserved identifier: \(name)", at: at) }
            guard accept("(") else { return CELExpr(.identifier(name), at: at) }
            let args = try argumentList(closing: ")")
            if name == "has" {
                guard args.count == 1, case .select(let operand, let field, false) = args[0].kind else {
                    throw issue("invalid argument to has() macro", at: args.first?.offset ?? at)
                }
                return CELExpr(.select(operand, field: field, testOnly: true), at: args[0].offset)
            }
            return CELExpr(.call(target: nil, function: name, args: args), at: at)
        case .symbol("("):
            p += 1
            let e = try expression()
            try expect(")")
            return e
        case .symbol("["):
            p += 1
            return CELExpr(.list(try argumentList(closing: "]")), at: at)
        case .symbol("{"):
            p += 1
            var entries: [CELExpr.MapEntry] = []
            if accept("}") { return CELExpr(.map(entries), at: at) }
            while true {
                let key = try expression()
                try expect(":")
                entries.append(.init(key: key, value: try expression()))
                if accept("}") { break }
                try expect(",")
                if accept("}") { break }
            }
            return CELExpr(.map(entries), at: at)
        case .symbol("."):
            // A leading dot names the root namespace: `.self` is `self`.
            p += 1
            guard case .identifier = current.kind else { throw unexpected() }
            return try primary()
        default:
            throw unexpected()
        }
    }
}
