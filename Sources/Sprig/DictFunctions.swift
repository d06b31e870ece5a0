import Values

/// Sprig's dict functions (`dict.go`) on `map[string]interface {}`. Key order never
/// shows: Go randomizes map iteration, so `keys` and `values` are given in key order,
/// one of the orders Helm may produce.
enum DictFunctions {
    static let all: [GoFunction] = [
        GoFunction("dict", [], variadic: .interface) { args in
            var m: [String: Value] = [:]
            var i = 0
            while i < args.count {
                m[GoValue.strval(args[i])] = i + 1 < args.count ? args[i + 1] : .string("")
                i += 2
            }
            return .map(m)
        },
        // get returns "" (not nil) for a missing key.
        GoFunction("get", [.interfaceMap, .string]) { $0.map(0)[$0.string(1)] ?? .string("") },
        // set and unset change the map itself (Go maps are references) and return it.
        GoFunction("set", [.interfaceMap, .string, .interface]) { args in
            guard case .map(let m, _) = args[0] else { throw GoFunctionError("assignment to entry in nil map") }
            m[args.string(1)] = args[2]
            return args[0]
        },
        GoFunction("unset", [.interfaceMap, .string]) { args in
            guard case .map(let m, _) = args[0] else { return .map([:]) }
            m.removeValue(forKey: args.string(1))
            return args[0]
        },
        .bool("hasKey", [.interfaceMap, .string]) { $0.map(0)[$0.string(1)] != nil },
        GoFunction("pluck", [.string], variadic: .interfaceMap) { args in
            let key = args.string(0)
            return .list(args.indices.dropFirst().compactMap { args.map($0)[key] })
        },
        GoFunction("keys", [], variadic: .interfaceMap) { args in
            .strings(args.indices.flatMap { args.map($0).keys.sorted() })
        },
        GoFunction("values", [.interfaceMap]) { args in
            let m = args.map(0)
            return .list(m.keys.sorted().compactMap { m[$0] })
        },
        GoFunction("pick", [.interfaceMap], variadic: .string) { args in
            let m = args.map(0)
            var out: [String: Value] = [:]
            for i in args.indices.dropFirst() {
                let k = args.string(i)
                if let v = m[k] { out[k] = v }
            }
            return .map(out)
        },
        GoFunction("omit", [.interfaceMap], variadic: .string) { args in
            var m = args.map(0)
            for i in args.indices.dropFirst() { m[args.string(i)] = nil }
            return .map(m)
        },
        GoFunction("merge", [.interfaceMap], variadic: .interfaceMap) { merged($0, overwrite: false) },
        GoFunction("mustMerge", [.interfaceMap], variadic: .interfaceMap) { merged($0, overwrite: false) },
        GoFunction("mergeOverwrite", [.interfaceMap], variadic: .interfaceMap) { merged($0, overwrite: true) },
        GoFunction("mustMergeOverwrite", [.interfaceMap], variadic: .interfaceMap) { merged($0, overwrite: true) },
        // dig(ps ...interface{}): keys…, default, dict.
        GoFunction("dig", [], variadic: .interface) { try dig($0) },
        GoFunction("deepCopy", [.interface]) { try deepCopy($0[0]) },
        GoFunction("mustDeepCopy", [.interface]) { try deepCopy($0[0]) },
    ]

    /// mergo merges into the first map itself, which is also the result.
    static func merged(_ args: [Value], overwrite: Bool) -> Value {
        // A nil destination gets a new map (mergo is handed a pointer to it).
        let result: Value = args[0].mapReference == nil ? .map([:]) : args[0]
        guard case .map(let dst, _) = result else { return result }
        for i in args.indices.dropFirst() { DeepMerge.merge(into: dst, args.map(i), overwrite: overwrite) }
        return result
    }

    static func dig(_ ps: [Value]) throws -> Value {
        guard ps.count >= 3 else { throw GoFunctionError("dig needs at least three arguments") }
        guard case .map(var dict, _) = ps[ps.count - 1] else {
            throw GoFunctionError("interface conversion: interface {} is \(ps[ps.count - 1].typeName), not map[string]interface {}")
        }
        let fallback = ps[ps.count - 2]
        var keys: [String] = []
        for k in ps[..<(ps.count - 2)] {
            guard case .string(let s) = k else {
                throw GoFunctionError("interface conversion: interface {} is \(k.typeName), not string")
            }
            keys.append(s)
        }
        for (i, k) in keys.enumerated() {
            guard let step = dict[k] else { return fallback }
            if i == keys.count - 1 { return step }
            guard case .map(let next, let t) = step, t == .interfaceMap else {
                throw GoFunctionError("interface conversion: interface {} is \(step.typeName), not map[string]interface {}")
            }
            dict = next
        }
        return fallback
    }

    /// mitchellh/copystructure: nil cannot be copied; maps are copied at every depth.
    static func deepCopy(_ v: Value) throws -> Value {
        if v.isNull { throw GoFunctionError("reflect: call of reflect.Value.Type on zero Value") }
        return v.deepCopy()
    }
}

/// dario.cat/mergo's `Merge`/`MergeWithOverwrite` of one `map[string]interface{}` into
/// another, as Sprig's `merge`/`mergeOverwrite` call it: nested maps merge key by key;
/// without overwrite a key is only filled when the destination value is empty (zero);
/// with overwrite every source value wins except that maps merge rather than replace.
enum DeepMerge {
    /// Merges `src` into the map `dst` in place; nested maps of `dst` change in place too.
    static func merge(into dst: ValueMap, _ src: [String: Value], overwrite: Bool) {
        for (key, s) in src {
            let d = dst[key]
            if s.isNull {
                if overwrite { dst[key] = .null }
                continue
            }
            if case .map(let sm, _) = s, case .map(let dm, _)? = d {
                merge(into: dm, sm.dictionary, overwrite: overwrite)
                if !dm.isEmpty { continue }
            }
            if case .list = s, let d, !GoValue.isEmpty(d) {
                if overwrite { dst[key] = s }
                continue
            }
            if overwrite || d == nil || GoValue.isEmpty(d ?? .null) { dst[key] = s }
        }
    }
}
