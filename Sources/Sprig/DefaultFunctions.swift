import Values

/// Sprig's defaults family (`defaults.go`): emptiness is the zero value of the Go type,
/// so `0`, `""`, `false`, empty lists and maps and nil are all "unset".
enum DefaultFunctions {
    static let all: [GoFunction] = [
        // dfault(d interface{}, given ...interface{}) interface{}
        GoFunction("default", [.interface], variadic: .interface) { args in
            if args.count < 2 || GoValue.isEmpty(args[1]) { return args[0] }
            return args[1]
        },
        .bool("empty", [.interface]) { GoValue.isEmpty($0[0]) },
        // coalesce returns nil when every value is empty.
        GoFunction("coalesce", [], variadic: .interface) { args in
            args.first { !GoValue.isEmpty($0) } ?? .null
        },
        .bool("all", [], variadic: .interface) { $0.allSatisfy { !GoValue.isEmpty($0) } },
        .bool("any", [], variadic: .interface) { $0.contains { !GoValue.isEmpty($0) } },
        GoFunction("compact", [.interface]) { try compact($0[0]) },
        GoFunction("mustCompact", [.interface]) { try compact($0[0]) },
        // ternary(vt interface{}, vf interface{}, v bool) interface{}
        GoFunction("ternary", [.interface, .interface, .bool]) { args in
            if case .bool(true) = args[2] { return args[0] }
            return args[1]
        },
        // fail(msg string) (string, error)
        GoFunction("fail", [.string]) { args in throw GoFunctionError(args.string(0)) },
    ]

    static func compact(_ list: Value) throws -> Value {
        guard let items = GoValue.elements(list) else {
            if list.isNull { throw GoPanic.nilDereference }
            throw GoFunctionError("Cannot compact on type \(GoValue.kind(list))")
        }
        return .list(items.filter { !GoValue.isEmpty($0) })
    }
}
