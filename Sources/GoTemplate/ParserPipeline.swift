/// Pipelines, commands and operands: the inside of an action, as Go's parser reads it.
extension ParseSession {
    /// `[decl :=] cmd | cmd …` up to `end` (`}}` or `)`).
    ///
    /// Declarations need three tokens of look-ahead, because spaces are tokens: in
    /// `$x foo` the parser reads `foo` to learn that `$x` is an argument, not a
    /// declaration, and pushes both back.
    mutating func pipeline(_ context: String, end: ItemType) throws -> PipeNode {
        let first = peekNonSpace()
        var decl: [VariableNode] = []
        var isAssign = false
        decls: while true {
            let v = peekNonSpace()
            guard v.type == .variable else { break }
            _ = next()
            let tokenAfterVariable = peek()
            let following = peekNonSpace()
            if following.type == .assign || following.type == .declare {
                isAssign = following.type == .assign
                _ = nextNonSpace()
                let name = lexer.text(of: v)
                decl.append(VariableNode(pos: v.pos, names: [name]))
                tree.vars.append(name)
            } else if following.type == .char && isComma(following) {
                _ = nextNonSpace()
                let name = lexer.text(of: v)
                decl.append(VariableNode(pos: v.pos, names: [name]))
                tree.vars.append(name)
                if context == "range" && decl.count < 2 {
                    switch peekNonSpace().type {
                    case .variable, .rightDelim, .rightParen:
                        continue decls  // the second variable of a range
                    default:
                        throw errorf("range can only initialize variables")
                    }
                }
                throw errorf("too many declarations in \(context)")
            } else if tokenAfterVariable.type == .space {
                backup3(v, tokenAfterVariable)
            } else {
                backup2(v)
            }
            break
        }
        var commands: [CommandNode] = []
        while true {
            let token = nextNonSpace()
            if token.type == end {
                try checkPipeline(commands, context)
                return PipeNode(pos: first.pos, line: first.line, isAssign: isAssign, decl: decl, commands: commands)
            }
            switch token.type {
            case .bool, .charConstant, .complex, .dot, .field, .identifier, .number, .nilKeyword, .rawString,
                .string, .variable, .leftParen:
                backup()
                commands.append(try command())
            default:
                throw unexpected(token, context)
            }
        }
    }

    private func isComma(_ item: Item) -> Bool {
        item.end == item.pos + 1 && lexer.byte(at: item.pos) == UInt8(ascii: ",")
    }

    /// Go rejects empty pipelines and literals after the first stage (`a | 1`).
    private func checkPipeline(_ commands: [CommandNode], _ context: String) throws {
        if commands.isEmpty { throw errorf("missing value for \(context)") }
        for (i, c) in commands.enumerated().dropFirst() {
            switch c.args.first {
            case .bool, .dot, .nilValue, .number, .string:
                throw errorf("non executable command in pipeline stage \(i + 1)")
            default:
                continue
            }
        }
    }

    /// Space-separated operands up to `|`, `}}` or `)`.
    private mutating func command() throws -> CommandNode {
        let pos = peekNonSpace().pos
        var args: [Operand] = []
        operands: while true {
            _ = peekNonSpace()  // skip leading spaces
            if let operand = try operand() { args.append(operand) }
            let token = next()
            switch token.type {
            case .space:
                continue operands
            case .rightDelim, .rightParen:
                backup()
            case .pipe:
                break
            default:
                throw unexpected(token, "operand")
            }
            break
        }
        if args.isEmpty { throw errorf("empty command") }
        return CommandNode(pos: pos, args: args)
    }

    /// A term and any field chain after it. `.a.b` and `$x.a` stay fields and
    /// variables (positioned at their first trailing field, as in Go); anything else
    /// with fields becomes a chain.
    private mutating func operand() throws -> Operand? {
        guard let node = try term() else { return nil }
        guard peek().type == .field else { return node }
        let chainPos = peek().pos
        var fields: [String] = []
        while peek().type == .field {
            let field = next()
            fields.append(lexer.text(field.pos + 1, to: field.end))
        }
        switch node {
        case .field(_, let names):
            return .field(pos: chainPos, names: names + fields)
        case .variable(let v):
            return .variable(VariableNode(pos: chainPos, names: v.names + fields))
        case .bool, .string, .number, .nilValue, .dot:
            throw errorf("unexpected . after term \(GoStrconv.quote(node.description))")
        default:
            return .chain(pos: chainPos, node: node, fields: fields)
        }
    }

    private mutating func term() throws -> Operand? {
        let token = nextNonSpace()
        switch token.type {
        case .identifier:
            let name = lexer.text(of: token)
            if !isFunction(name) { throw errorf("function \(GoStrconv.quote(name)) not defined") }
            return .identifier(pos: token.pos, name: name)
        case .dot:
            return .dot(pos: token.pos)
        case .nilKeyword:
            return .nilValue(pos: token.pos)
        case .variable:
            let name = lexer.text(of: token)
            if !tree.vars.contains(name) { throw errorf("undefined variable \(GoStrconv.quote(name))") }
            return .variable(VariableNode(pos: token.pos, names: [name]))
        case .field:
            return .field(pos: token.pos, names: lexer.fieldNames(of: token))
        case .bool:
            return .bool(pos: token.pos, value: lexer.byte(at: token.pos) == UInt8(ascii: "t"))
        case .charConstant, .complex, .number:
            do {
                let number = try NumberLiteral.make(
                    pos: token.pos, text: lexer.text(of: token), bytes: lexer.bytes(of: token), type: token.type)
                return .number(number)
            } catch {
                throw errorf(error.message)
            }
        case .leftParen:
            return .pipe(try pipeline("parenthesized pipeline", end: .rightParen))
        case .string, .rawString:
            guard let s = GoStrconv.unquote(lexer.bytes(of: token)) else { throw errorf(GoStrconv.syntaxError) }
            return .string(pos: token.pos, quoted: lexer.text(of: token), text: s)
        default:
            backup()
            return nil
        }
    }
}
