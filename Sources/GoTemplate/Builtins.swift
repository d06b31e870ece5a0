import Values

/// Go's predefined template functions. Most take `reflect.Value`s in Go and see values
/// before the executor converts them, so they run inside the executor; the printing and
/// escaping ones are ordinary functions. A caller's function of the same name wins, as
/// in Go (Helm replaces `slice` with Sprig's, for instance).
enum Builtins {
    enum Kind {
        case and, or, not, len, index, slice, call, eq, ne, lt, le, gt, ge
        case plain(GoFunction)
    }

    static let names: Set<String> = Set(table.keys)

    static let table: [String: Kind] = [
        "and": .and, "or": .or, "not": .not, "len": .len, "index": .index, "slice": .slice, "call": .call,
        "eq": .eq, "ne": .ne, "lt": .lt, "le": .le, "gt": .gt, "ge": .ge,
        "print": .plain(GoFunction("print", [], variadic: .interface) { .string(GoFmt.sprint($0)) }),
        "println": .plain(GoFunction("println", [], variadic: .interface) { .string(GoFmt.sprintln($0)) }),
        "printf": .plain(
            GoFunction("printf", [.string], variadic: .interface) { args in
                .string(GoFmt.sprintf(args[0].stringValue ?? "", Array(args.dropFirst())))
            }),
        "html": .plain(GoFunction("html", [], variadic: .interface) { .string(Escaping.html(Escaping.evalArgs($0))) }),
        "js": .plain(GoFunction("js", [], variadic: .interface) { .string(Escaping.js(Escaping.evalArgs($0))) }),
        "urlquery": .plain(
            GoFunction("urlquery", [], variadic: .interface) { .string(Escaping.queryEscape(Escaping.evalArgs($0))) }),
    ]

    /// Fixed parameter counts and whether more may follow.
    static func arity(_ k: Kind) -> (fixed: Int, variadic: Bool) {
        switch k {
        case .and, .or: return (1, true)
        case .not, .len: return (1, false)
        case .index, .slice, .call, .eq: return (1, true)
        case .ne, .lt, .le, .gt, .ge: return (2, false)
        case .plain(let f): return (f.parameters.count, f.variadic != nil)
        }
    }
}

extension Executor {
    mutating func evalBuiltin(
        _ dot: Reflected, _ kind: Builtins.Kind, name: String, node: (pos: Int, text: NodeText), args: [Operand],
        final: Reflected?
    ) throws -> Reflected {
        if case .plain(let f) = kind {
            return try evalCall(dot, .plain(f), name: name, node: node, args: args, final: final)
        }
        let callArgs = args.dropFirst()
        let numIn = callArgs.count + (final == nil ? 0 : 1)
        let (fixed, variadic) = Builtins.arity(kind)
        if variadic {
            if numIn < fixed { throw error("wrong number of args for \(name): want at least \(fixed) got \(callArgs.count)") }
        } else if numIn != fixed {
            throw error("wrong number of args for \(name): want \(fixed) got \(numIn)")
        }
        // and/or evaluate lazily and return the deciding operand itself.
        if case .and = kind { return try shortCircuit(dot, callArgs, final: final, stopWhen: false) }
        if case .or = kind { return try shortCircuit(dot, callArgs, final: final, stopWhen: true) }
        var argv: [Reflected] = []
        argv.reserveCapacity(numIn)
        for a in callArgs { argv.append(try evalArg(dot, type: nil, a)) }
        if let final { argv.append(final) }
        do {
            return try Builtins.call(kind, argv, calleeName: callArgs.first?.description ?? "", context: context)
        } catch let e as BuiltinError {
            at(node.pos, node.text)
            throw error("error calling \(name): \(e.message)")
        }
    }

    private mutating func shortCircuit(
        _ dot: Reflected, _ args: ArraySlice<Operand>, final: Reflected?, stopWhen: Bool
    ) throws -> Reflected {
        var v: Reflected = .invalid
        for a in args {
            v = try evalArg(dot, type: nil, a)
            if truth(v) == stopWhen { return v }
        }
        if let final { v = final }
        return v
    }
}

struct BuiltinError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

extension Builtins {
    static func call(_ kind: Kind, _ argv: [Reflected], calleeName: String, context: ExecutionContext) throws -> Reflected {
        switch kind {
        case .not:
            return .concrete(.bool(!truth(argv[0])))
        case .len:
            return .concrete(.int(try length(argv[0])))
        case .index:
            return try index(argv[0], argv.dropFirst())
        case .slice:
            return try slice(argv[0], argv.dropFirst())
        case .eq:
            return .concrete(.bool(try Comparison.eq(argv[0], argv.dropFirst())))
        case .ne:
            return .concrete(.bool(try !Comparison.eq(argv[0], argv[1...])))
        case .lt:
            return .concrete(.bool(try Comparison.lt(argv[0], argv[1])))
        case .le:
            return .concrete(.bool(try Comparison.le(argv[0], argv[1])))
        case .gt:
            return .concrete(.bool(try !Comparison.le(argv[0], argv[1])))
        case .ge:
            return .concrete(.bool(try !Comparison.lt(argv[0], argv[1])))
        case .call:
            return try callFunction(argv[0], argv.dropFirst(), calleeName: calleeName)
        case .and, .or, .plain:
            return .invalid
        }
    }

    /// Go's `indirect` on an argument: nil interfaces and nil pointers are "nil pointer".
    private static func indirect(_ r: Reflected) -> (Value?, isNil: Bool) {
        switch r {
        case .invalid: return (nil, false)
        case .boxed(.null): return (nil, true)
        case .boxed(let v), .concrete(let v):
            if case .object(let o) = v, case .pointer = o.goType.underlying, !o.isTruthy { return (nil, true) }
            return (v, false)
        }
    }

    static func length(_ r: Reflected) throws -> Int {
        let (v, isNil) = indirect(r)
        if isNil { throw BuiltinError("len of nil pointer") }
        guard let v else { throw BuiltinError("reflect: call of reflect.Value.Type on zero Value") }
        switch v {
        case .string(let s): return s.utf8.count
        case .bytes(let b): return b.count
        case .list(let l, _): return l.count
        case .map(let m, _): return m.count
        default: throw BuiltinError("len of type \(v.typeName)")
        }
    }

    /// Go's `indexArg`: an index must be an integer within `cap`.
    private static func indexArg(_ r: Reflected, cap: Int) throws -> Int {
        let x: Int64
        switch r.unboxed {
        case .concrete(.int(let i, let t)):
            x = t.isUnsignedInteger ? Int64(clamping: UInt64(bitPattern: i)) : i
        case .invalid:
            throw BuiltinError("cannot index slice/array with nil")
        case .concrete(let v), .boxed(let v):
            throw BuiltinError("cannot index slice/array with type \(v.typeName)")
        }
        if x < 0 || x > Int64(cap) { throw BuiltinError("index out of range: \(x)") }
        return Int(x)
    }

    static func index(_ item: Reflected, _ indexes: ArraySlice<Reflected>) throws -> Reflected {
        var item = item.unboxed
        if !item.isValid { throw BuiltinError("index of untyped nil") }
        for idx in indexes {
            let (v, isNil) = indirect(item)
            if isNil { throw BuiltinError("index of nil pointer") }
            guard let v else { throw BuiltinError("index of untyped nil") }
            switch v {
            case .list(let l, let t):
                let x = try indexArg(idx, cap: l.count)
                // Go's bounds check allows len; reflect's Index then panics.
                if x == l.count { throw BuiltinError("reflect: slice index out of range") }
                item = Reflected(element: l[x], of: t)
            case .bytes(let b):
                let x = try indexArg(idx, cap: b.count)
                if x == b.count { throw BuiltinError("reflect: slice index out of range") }
                item = .concrete(.int(Int64(b[x]), type: .uint8))
            case .string(let s):
                let u = Array(s.utf8)
                let x = try indexArg(idx, cap: u.count)
                if x == u.count { throw BuiltinError("reflect: string index out of range") }
                item = .concrete(.int(Int64(u[x]), type: .uint8))
            case .map(let m, let t):
                let key: String
                switch idx.unboxed {
                case .concrete(.string(let k)): key = k
                case .invalid: throw BuiltinError("value is nil; should be of type string")
                case .concrete(let k), .boxed(let k): throw BuiltinError("value has type \(k.typeName); should be string")
                }
                if let e = m[key] {
                    item = Reflected(element: e, of: t)
                } else {
                    item = Reflected.zeroElement(of: t)
                }
            default:
                throw BuiltinError("can't index item of type \(v.typeName)")
            }
        }
        return item
    }

    /// Go's builtin `slice` (`slice x 1 2` is `x[1:2]`).
    static func slice(_ item: Reflected, _ indexes: ArraySlice<Reflected>) throws -> Reflected {
        let item = item.unboxed
        guard case .concrete(let v) = item else { throw BuiltinError("slice of untyped nil") }
        if indexes.count > 3 { throw BuiltinError("too many slice indexes: \(indexes.count)") }
        let cap: Int
        switch v {
        case .string(let s):
            if indexes.count == 3 { throw BuiltinError("cannot 3-index slice a string") }
            cap = s.utf8.count
        case .list(let l, _): cap = l.count
        case .bytes(let b): cap = b.count
        default: throw BuiltinError("can't slice item of type \(v.typeName)")
        }
        var idx = [0, cap]
        for (i, r) in indexes.enumerated() {
            let x = try indexArg(r, cap: cap)
            if i < 2 { idx[i] = x } else if x < idx[1] { throw BuiltinError("invalid slice index: \(idx[1]) > \(x)") }
        }
        if idx[0] > idx[1] { throw BuiltinError("invalid slice index: \(idx[0]) > \(idx[1])") }
        switch v {
        case .string(let s):
            let u = Array(s.utf8)[idx[0]..<idx[1]]
            return .concrete(.string(String(decoding: u, as: UTF8.self)))
        case .list(let l, let t): return .concrete(.list(Array(l[idx[0]..<idx[1]]), type: t))
        case .bytes(let b): return .concrete(.bytes(Array(b[idx[0]..<idx[1]])))
        default: return .invalid
        }
    }

    /// Go's `call`; the executor passes the callee's node text, which its errors name.
    static func callFunction(_ fn: Reflected, _ args: ArraySlice<Reflected>, calleeName: String) throws -> Reflected {
        guard case .concrete(.function(let f)) = fn.unboxed else {
            if !fn.unboxed.isValid { throw BuiltinError("call of nil") }
            throw BuiltinError("non-function \(calleeName) of type \(fn.unboxed.value.typeName)")
        }
        let fixed = f.parameters.count
        if f.variadic == nil ? args.count != fixed : args.count < fixed {
            throw BuiltinError("wrong number of args for \(f.name): got \(args.count) want \(fixed)")
        }
        var argv: [Value] = []
        for (i, a) in args.enumerated() {
            let t = i < fixed ? f.parameters[i] : f.variadic!
            let v = a.value
            if let vt = v.goType, !vt.isAssignable(to: t) {
                throw BuiltinError("arg \(i): value has type \(vt.name); should be \(t.name)")
            }
            argv.append(v)
        }
        do {
            let r = try f.body(argv)
            return r.isNull ? .boxed(.null) : .concrete(r)
        } catch {
            throw BuiltinError("error calling \(f.name): \(error)")
        }
    }
}
