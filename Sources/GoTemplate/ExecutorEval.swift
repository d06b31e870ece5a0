import Values

/// Evaluation of pipelines, commands, arguments and fields: Go's `evalPipeline`,
/// `evalCommand`, `evalArg`, `evalField` and `evalCall`, with their error wording.
extension Executor {
    mutating func evalPipeline(_ dot: Reflected, _ pipe: PipeNode) throws -> Reflected {
        at(pipe.pos, pipe)
        var value: Reflected? = nil
        for cmd in pipe.commands {
            var v = try evalCommand(dot, cmd, final: value)
            // Go unwraps interface values between stages ("lovely!" says its comment);
            // a nil interface becomes the invalid value.
            if case .boxed = v { v = v.unboxed }
            value = v
        }
        let result = value ?? .invalid
        for variable in pipe.decl {
            if pipe.isAssign {
                try setVar(variable.names[0], result)
            } else {
                vars.append((variable.names[0], result))
            }
        }
        return result
    }

    mutating func evalCommand(_ dot: Reflected, _ cmd: CommandNode, final: Reflected?) throws -> Reflected {
        let first = cmd.args[0]
        switch first {
        case .field(let pos, let names):
            at(pos, first)
            return try evalFieldChain(dot, receiver: dot, names: names[...], args: cmd.args, final: final)
        case .chain(let pos, let inner, let fields):
            return try evalChain(dot, pos: pos, inner: inner, fields: fields, chain: first, args: cmd.args, final: final)
        case .identifier(let pos, let name):
            at(pos, name)
            return try evalFunction(dot, name: name, node: (cmd.pos, cmd), args: cmd.args, final: final)
        case .pipe(let p):
            try notAFunction(cmd.args, final)
            return try evalPipeline(dot, p)
        case .variable(let v):
            return try evalVariable(dot, v, args: cmd.args, final: final)
        default:
            break
        }
        at(first.pos, first)
        try notAFunction(cmd.args, final)
        switch first {
        case .bool(_, let b): return .concrete(.bool(b))
        case .dot: return dot
        case .nilValue: throw error("nil is not a command")
        case .number(let n): return try idealConstant(n)
        case .string(_, _, let text): return .concrete(.string(text))
        default: throw error("can't evaluate command \(goQuote(first.description))")
        }
    }

    func notAFunction(_ args: [Operand], _ final: Reflected?) throws {
        if args.count > 1 || final != nil {
            // Go prints the node's String(), which for a pipeline has no parentheses.
            let name: String
            if case .pipe(let p) = args[0] { name = p.description } else { name = args[0].description }
            throw error("can't give argument to non-function \(name)")
        }
    }

    /// Go's `idealConstant`: an untyped number literal in a position with no type.
    func idealConstant(_ n: NumberNode) throws -> Reflected {
        if n.isComplex { return .concrete(.object(GoComplex(real: n.complex.0, imaginary: n.complex.1))) }
        let text = n.text
        let isHexInt = text.count > 2 && text.hasPrefix("0") && (text.dropFirst().first == "x" || text.dropFirst().first == "X")
            && !text.contains(where: { $0 == "p" || $0 == "P" })
        let isRune = text.hasPrefix("'")
        if n.isFloat && !isHexInt && !isRune && text.contains(where: { ".eEpP".contains($0) }) {
            return .concrete(.float(n.float64))
        }
        if n.isInt { return .concrete(.int(n.int64, type: .int)) }
        if n.isUint { throw error("\(text) overflows int") }
        return .invalid
    }

    mutating func evalChain(
        _ dot: Reflected, pos: Int, inner: Operand, fields: [String], chain: Operand, args: [Operand], final: Reflected?
    ) throws -> Reflected {
        at(pos, chain)
        if case .nilValue = inner { throw error("indirection through explicit nil in \(chain.description)") }
        let receiver = try evalArg(dot, type: nil, inner)
        at(pos, chain)
        return try evalFieldChain(dot, receiver: receiver, names: fields[...], args: args, final: final)
    }

    mutating func evalVariable(_ dot: Reflected, _ v: VariableNode, args: [Operand], final: Reflected?) throws -> Reflected {
        at(v.pos, v)
        let value = try varValue(v.names[0])
        if v.names.count == 1 {
            try notAFunction(args, final)
            return value
        }
        return try evalFieldChain(dot, receiver: value, names: v.names[1...], args: args, final: final)
    }

    mutating func evalFieldChain(
        _ dot: Reflected, receiver: Reflected, names: ArraySlice<String>, args: [Operand], final: Reflected?
    ) throws -> Reflected {
        var receiver = receiver
        let last = names.index(before: names.endIndex)
        for i in names.startIndex..<last {
            receiver = try evalField(dot, names[i], receiver: receiver, args: [], final: nil)
        }
        return try evalField(dot, names[last], receiver: receiver, args: args, final: final)
    }

    mutating func evalField(
        _ dot: Reflected, _ name: String, receiver: Reflected, args: [Operand], final: Reflected?
    ) throws -> Reflected {
        let value: Value
        switch receiver {
        case .invalid:
            if context.set.missingKey == .error { throw error("nil data; no entry for key \(goQuote(name))") }
            return .invalid
        case .boxed(.null):
            throw error("nil pointer evaluating interface {}.\(name)")
        case .boxed(let v), .concrete(let v):
            value = v
        }
        let hasArgs = args.count > 1 || final != nil
        // Methods come before fields and map keys; only defined (named) types carry
        // them, so plain maps skip the lookup. One match on the value decides the kind.
        switch value {
        case .map(let entries, let type):
            if case .named = type, let resolver = context.set.methodResolver, let m = resolver(value, name) {
                return try evalCall(dot, .plain(m), name: name, node: node ?? (0, name), args: args, final: final)
            }
            if type.hasStringKeys {
                if hasArgs { throw error("\(name) is not a method but has arguments") }
                if let v = entries[name] { return Reflected(element: v, of: type) }
                switch context.set.missingKey {
                case .invalid: return .invalid
                case .zero: return Reflected.zeroElement(of: type)
                case .error: throw error("map has no entry for key \(goQuote(name))")
                }
            }
        case .object(let o):
            if let m = o.method(name) {
                return try evalCall(dot, .plain(m), name: name, node: node ?? (0, name), args: args, final: final)
            }
            if o.goType.isNamed, let resolver = context.set.methodResolver, let m = resolver(value, name) {
                return try evalCall(dot, .plain(m), name: name, node: node ?? (0, name), args: args, final: final)
            }
            if let f = o.field(name) {
                if hasArgs { throw error("\(name) has arguments but cannot be invoked as function") }
                return f.isNull ? .boxed(.null) : .concrete(f)
            }
            if case .pointer = o.goType.underlying, !o.isTruthy {
                throw error("nil pointer evaluating \(receiver.staticTypeName).\(name)")
            }
        case .list(_, .named), .int(_, .named):
            if let resolver = context.set.methodResolver, let m = resolver(value, name) {
                return try evalCall(dot, .plain(m), name: name, node: node ?? (0, name), args: args, final: final)
            }
        default:
            break
        }
        throw error("can't evaluate field \(name) in type \(receiver.staticTypeName)")
    }

    mutating func evalFunction(
        _ dot: Reflected, name: String, node: (pos: Int, text: NodeText), args: [Operand], final: Reflected?
    ) throws -> Reflected {
        if let f = context.set.functions[name] {
            return try evalCall(dot, f, name: name, node: node, args: args, final: final)
        }
        if let b = Builtins.table[name] {
            return try evalBuiltin(dot, b, name: name, node: node, args: args, final: final)
        }
        throw error("\(goQuote(name)) is not a defined function")
    }

    /// Go's `evalCall` for functions with ordinary Go signatures.
    mutating func evalCall(
        _ dot: Reflected, _ fn: TemplateFunction, name: String, node: (pos: Int, text: NodeText), args: [Operand],
        final: Reflected?
    ) throws -> Reflected {
        let callArgs = args.isEmpty ? args[...] : args.dropFirst()
        let params = fn.parameters
        let numIn = callArgs.count + (final == nil ? 0 : 1)
        let numFixed: Int
        if fn.variadic != nil {
            numFixed = params.count
            if numIn < numFixed {
                throw error("wrong number of args for \(name): want at least \(numFixed) got \(callArgs.count)")
            }
        } else {
            numFixed = callArgs.count
            if numIn != params.count {
                throw error("wrong number of args for \(name): want \(params.count) got \(numIn)")
            }
        }
        var argv: [Value] = []
        argv.reserveCapacity(numIn)
        var i = 0
        for arg in callArgs {
            let t: GoType = i < numFixed ? params[i] : fn.variadic!
            argv.append(try evalArg(dot, type: t, arg).value.assigned(to: t))
            i += 1
        }
        if let final {
            let t: GoType
            if let v = fn.variadic, numIn - 1 >= numFixed { t = v } else { t = params[numIn - 1] }
            argv.append(try validateType(final, t).value.assigned(to: t))
        }
        do {
            let result: Value
            switch fn {
            case .plain(let f): result = try f.body(argv)
            case .contextual(let f): result = try f.body(context, argv)
            }
            return result.isNull ? .boxed(.null) : .concrete(result)
        } catch let e as TemplateError {
            at(node.pos, node.text)
            throw error("error calling \(name): \(e)")
        } catch let e {
            at(node.pos, node.text)
            throw error("error calling \(name): \(e)")
        }
    }

    /// Go's `evalArg`: evaluates an argument for a parameter of type `type` (nil: no type).
    mutating func evalArg(_ dot: Reflected, type: GoType?, _ n: Operand) throws -> Reflected {
        at(n.pos, n)
        switch n {
        case .dot:
            return try validateType(dot, type)
        case .nilValue:
            if let type, type.canBeNil { return type == .interface ? .boxed(.null) : .concrete(type.zeroValue) }
            if type == nil { return .invalid }
            throw error("cannot assign nil to \(type!.name)")
        case .field(_, let names):
            return try validateType(evalFieldChain(dot, receiver: dot, names: names[...], args: [n], final: nil), type)
        case .variable(let v):
            return try validateType(evalVariable(dot, v, args: [], final: nil), type)
        case .pipe(let p):
            return try validateType(evalPipeline(dot, p), type)
        case .identifier(_, let name):
            return try validateType(
                evalFunction(dot, name: name, node: (n.pos, n), args: [n], final: nil), type)
        case .chain(let pos, let inner, let fields):
            return try validateType(evalChain(dot, pos: pos, inner: inner, fields: fields, chain: n, args: [], final: nil), type)
        default:
            break
        }
        guard let type else {
            if case .number(let num) = n { return try idealConstant(num) }
            if case .string(_, _, let text) = n { return .concrete(.string(text)) }
            if case .bool(_, let b) = n { return .concrete(.bool(b)) }
            return .invalid
        }
        switch type.underlying {
        case .bool:
            if case .bool(_, let b) = n { return .concrete(.bool(b)) }
            throw error("expected bool; found \(n.description)")
        case .float32, .float64:
            if case .number(let num) = n, num.isFloat { return .concrete(.float(num.float64)) }
            throw error("expected float; found \(n.description)")
        case .int, .int8, .int16, .int32, .int64:
            if case .number(let num) = n, num.isInt { return .concrete(.int(num.int64, type: type)) }
            throw error("expected integer; found \(n.description)")
        case .uint, .uint8, .uint16, .uint32, .uint64, .uintptr:
            if case .number(let num) = n, num.isUint { return .concrete(.int(Int64(bitPattern: num.uint64), type: type)) }
            throw error("expected unsigned integer; found \(n.description)")
        case .string:
            if case .string(_, _, let text) = n { return .concrete(.string(text)) }
            throw error("expected string; found \(n.description)")
        case .interface:
            switch n {
            case .bool(_, let b): return .concrete(.bool(b))
            case .number(let num): return try idealConstant(num)
            case .string(_, _, let text): return .concrete(.string(text))
            default: break
            }
        case .complex64, .complex128:
            if case .number(let num) = n, num.isComplex {
                return .concrete(.object(GoComplex(real: num.complex.0, imaginary: num.complex.1)))
            }
            throw error("expected complex; found \(n.description)")
        default:
            break
        }
        throw error("can't handle \(n.description) for arg of type \(type.name)")
    }

    /// Go's `validateType`: checks a computed value against a parameter type.
    func validateType(_ value: Reflected, _ type: GoType?) throws -> Reflected {
        guard let type else { return value }
        // Anything goes into an `interface {}` parameter but the invalid value.
        if case .interface = type, value.isValid { return value }
        switch value {
        case .invalid:
            if type.canBeNil { return type == .interface ? .boxed(.null) : .concrete(type.zeroValue) }
            throw error("invalid value; expected \(type.name)")
        case .boxed(let v):
            if case .interface = type { return value }
            if v.isNull { throw error("wrong type for value; expected \(type.name); got interface {}") }
            return try validateType(.concrete(v), type)
        case .concrete(let v):
            guard let vt = v.goType else { return value }
            if vt.isAssignable(to: type) { return value }
            if case .pointer(let inner) = vt.underlying, inner.isAssignable(to: type), case .object(let o) = v, o.isTruthy {
                return value
            }
            throw error("wrong type for value; expected \(type.name); got \(vt.name)")
        }
    }
}

extension GoType {
    /// A map type keyed by strings (names peeled off).
    var hasStringKeys: Bool {
        switch self {
        case .map(.string, _): return true
        case .named(_, let u): return u.hasStringKeys
        default: return false
        }
    }

    var isNamed: Bool {
        if case .named = self { return true }
        return false
    }

    var mapKeyType: GoType? {
        if case .map(let k, _) = self { return k }
        return nil
    }
}
