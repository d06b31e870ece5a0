import Values

/// Sprig's list functions (`list.go`). They accept any slice through reflection and
/// return a fresh `[]interface {}`; a non-slice is an error naming its kind ("Cannot find
/// first on type string"), and nil panics inside `reflect.TypeOf(nil).Kind()`, which
/// Helm shows as a nil pointer dereference. The `must…` forms fail the same way.
enum ListFunctions {
    static let all: [GoFunction] = {
        var fs: [GoFunction] = [
            GoFunction("list", [], variadic: .interface) { .list($0) },
            GoFunction("tuple", [], variadic: .interface) { .list($0) },
            GoFunction("concat", [], variadic: .interface) { args in
                var out: [Value] = []
                for a in args {
                    guard let items = GoValue.elements(a) else {
                        if a.isNull { throw GoPanic.nilDereference }
                        throw GoFunctionError("Cannot concat type \(GoValue.kind(a)) as list")
                    }
                    out += items
                }
                return .list(out)
            },
            GoFunction("chunk", [.int, .interface]) { try chunk($0.int(0), $0[1], "chunk") },
            GoFunction("mustChunk", [.int, .interface]) { try chunk($0.int(0), $0[1], "chunk") },
        ]
        for (name, f) in plain {
            fs.append(f.named(name))
            fs.append(f.named("must" + name.prefix(1).uppercased() + name.dropFirst()))
        }
        fs.append(append.named("push"))
        fs.append(append.named("mustPush"))
        return fs
    }()

    /// The functions whose `must` twin behaves identically.
    private static let append = GoFunction("append", [.interface, .interface]) { args in
        .list(try items(args[0], "Cannot push on type") + [args[1]])
    }

    private static let plain: [String: GoFunction] = [
        "append": append,
        "prepend": GoFunction("prepend", [.interface, .interface]) { args in
            .list([args[1]] + (try items(args[0], "Cannot prepend on type")))
        },
        "first": GoFunction("first", [.interface]) { try items($0[0], "Cannot find first on type").first ?? .null },
        "last": GoFunction("last", [.interface]) { try items($0[0], "Cannot find last on type").last ?? .null },
        "rest": GoFunction("rest", [.interface]) { .list(Array(try items($0[0], "Cannot find rest on type").dropFirst())) },
        "initial": GoFunction("initial", [.interface]) { .list(Array(try items($0[0], "Cannot find initial on type").dropLast())) },
        "reverse": GoFunction("reverse", [.interface]) { .list(try items($0[0], "Cannot find reverse on type").reversed()) },
        "uniq": GoFunction("uniq", [.interface]) { args in
            var out: [Value] = []
            for v in try items(args[0], "Cannot find uniq on type") where !out.contains(v) { out.append(v) }
            return .list(out)
        },
        // without(list interface{}, omit ...interface{})
        "without": GoFunction("without", [.interface], variadic: .interface) { args in
            let omit = args.dropFirst()
            return .list(try items(args[0], "Cannot find without on type").filter { !omit.contains($0) })
        },
        // has(needle interface{}, haystack interface{}) — a nil haystack holds nothing.
        "has": GoFunction("has", [.interface, .interface]) { args in
            if args[1].isNull { return .bool(false) }
            return .bool(try items(args[1], "Cannot find has on type").contains(args[0]))
        },
        "slice": GoFunction("slice", [.interface], variadic: .interface) { try slice($0) },
    ]

    /// The elements of a slice argument, or Sprig's error for other kinds.
    static func items(_ v: Value, _ message: String) throws -> [Value] {
        if let items = GoValue.elements(v) { return items }
        if v.isNull { throw GoPanic.nilDereference }
        throw GoFunctionError("\(message) \(GoValue.kind(v))")
    }

    /// Sprig's `slice`: indices through cast's `ToInt`, the result keeps the slice's type,
    /// and an empty list gives nil.
    static func slice(_ args: [Value]) throws -> Value {
        let list = args[0]
        guard let items = GoValue.elements(list) else {
            if list.isNull { throw GoPanic.nilDereference }
            throw GoFunctionError("list should be type of slice or array but \(GoValue.kind(list))")
        }
        if items.isEmpty { return .null }
        let start = args.count > 1 ? Int(GoCast.toInt64(args[1])) : 0
        let end = args.count > 2 ? Int(GoCast.toInt64(args[2])) : items.count
        guard start >= 0, end >= start, end <= items.count else {
            throw GoFunctionError("reflect.Value.Slice: slice index out of bounds")
        }
        switch list {
        case .bytes(let b): return .bytes(Array(b[start..<end]))
        case .list(_, let t): return .list(Array(items[start..<end]), type: t)
        default: return .list(Array(items[start..<end]))
        }
    }

    /// Sprig's `chunk`: sizes computed in float64 as Go does, so a zero or negative size
    /// fails in `make` ("makeslice: len out of range").
    static func chunk(_ size: Int, _ list: Value, _ name: String) throws -> Value {
        guard let items = GoValue.elements(list) else {
            if list.isNull { throw GoPanic.nilDereference }
            throw GoFunctionError("Cannot chunk type \(GoValue.kind(list))")
        }
        let l = items.count
        let csf = (Double(l - 1) / Double(size)).rounded(.down) + 1
        let cs = GoCast.truncate(csf)
        guard cs >= 0 else { throw GoPanic.makesliceLen }
        var out: [Value] = []
        out.reserveCapacity(Int(cs))
        for i in 0..<Int(cs) {
            var clen = size
            if i == Int(cs) - 1 {
                let m = Double(l).truncatingRemainder(dividingBy: Double(size))
                clen = Int(GoCast.truncate(m.rounded(.down)))
                if clen == 0 { clen = size }
            }
            guard clen >= 0 else { throw GoPanic.makesliceLen }
            var part: [Value] = []
            part.reserveCapacity(clen)
            for j in 0..<clen {
                let ix = i * size + j
                guard ix < l else { throw GoFunctionError("runtime error: index out of range [\(ix)] with length \(l)") }
                part.append(items[ix])
            }
            out.append(.list(part))
        }
        return .list(out, type: .slice(.interfaceSlice))
    }
}
