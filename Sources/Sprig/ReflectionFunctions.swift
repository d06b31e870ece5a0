import Values

/// Sprig's reflection functions: `typeOf` is `%T` (`<nil>` for nil), `kindOf` the
/// `reflect.Kind` name (`invalid` for nil), and `deepEqual` is `reflect.DeepEqual`, which
/// compares types too (`deepEqual (int64 1) 1` is false).
enum ReflectionFunctions {
    static let all: [GoFunction] = [
        .string("typeOf", [.interface]) { $0[0].typeName },
        .bool("typeIs", [.string, .interface]) { $0.string(0) == $0[1].typeName },
        .bool("typeIsLike", [.string, .interface]) { args in
            let t = args[1].typeName, target = args.string(0)
            return target == t || "*" + target == t
        },
        .string("kindOf", [.interface]) { GoValue.kind($0[0]) },
        .bool("kindIs", [.string, .interface]) { $0.string(0) == GoValue.kind($0[1]) },
        .bool("deepEqual", [.interface, .interface]) { $0[0] == $0[1] },
    ]
}
