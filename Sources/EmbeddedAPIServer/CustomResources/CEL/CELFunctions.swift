/// The functions a rule may call, dispatched on name and the runtime types of the
/// arguments. The tables say which names exist and with how many arguments, for the
/// checker to refuse an unknown function when the CRD is written.
enum CELFunctions {
    /// Global functions and operators by argument count.
    static let globals: [String: Set<Int>] = [
        "size": [1], "int": [1], "uint": [1], "double": [1], "string": [1], "bool": [1], "bytes": [1],
        "duration": [1], "timestamp": [1], "dyn": [1], "type": [1], "matches": [2],
        "_+_": [2], "_-_": [2], "_*_": [2], "_/_": [2], "_%_": [2], "_==_": [2], "_!=_": [2], "_<_": [2],
        "_<=_": [2], "_>_": [2], "_>=_": [2], "@in": [2], "_[_]": [2], "!_": [1], "-_": [1],
    ]

    /// Receiver-style functions (`x.f(args)`) by argument count, receiver excluded.
    static let members: [String: Set<Int>] = [
        "size": [0], "contains": [1], "startsWith": [1], "endsWith": [1], "matches": [1],
        "lowerAscii": [0], "upperAscii": [0], "trim": [0], "split": [1, 2], "join": [0, 1],
        "indexOf": [1, 2], "lastIndexOf": [1, 2], "replace": [2, 3], "substring": [1, 2], "charAt": [1],
        "isSorted": [0], "sum": [0], "min": [0], "max": [0], "hasValue": [0], "value": [0], "orValue": [1],
        "getFullYear": [0, 1], "getMonth": [0, 1], "getDate": [0, 1], "getDayOfMonth": [0, 1],
        "getDayOfWeek": [0, 1], "getDayOfYear": [0, 1], "getHours": [0, 1], "getMinutes": [0, 1],
        "getSeconds": [0, 1], "getMilliseconds": [0, 1],
    ]

    /// Calls `name`; `cost` grows with the work of functions that walk strings or lists.
    static func call(_ name: String, target: CELValue?, args: [CELValue], cost: inout Int) throws(CELEvalError) -> CELValue {
        if let target { return try member(name, target, args, cost: &cost) }
        switch (name, args.count) {
        case ("_==_", 2): return .bool(CELOperators.equals(args[0], args[1]))
        case ("_!=_", 2): return .bool(!CELOperators.equals(args[0], args[1]))
        case ("_<_", 2): return .bool(try CELOperators.compare(args[0], args[1]).map { $0 < 0 } ?? false)
        case ("_<=_", 2): return .bool(try CELOperators.compare(args[0], args[1]).map { $0 <= 0 } ?? false)
        case ("_>_", 2): return .bool(try CELOperators.compare(args[0], args[1]).map { $0 > 0 } ?? false)
        case ("_>=_", 2): return .bool(try CELOperators.compare(args[0], args[1]).map { $0 >= 0 } ?? false)
        case ("_+_", 2): return try CELOperators.add(args[0], args[1])
        case ("_-_", 2): return try CELOperators.subtract(args[0], args[1])
        case ("_*_", 2): return try CELOperators.multiply(args[0], args[1])
        case ("_/_", 2): return try CELOperators.divide(args[0], args[1])
        case ("_%_", 2): return try CELOperators.modulo(args[0], args[1])
        case ("-_", 1): return try CELOperators.negate(args[0])
        case ("!_", 1):
            guard case .bool(let b) = args[0] else { throw .noSuchOverload }
            return .bool(!b)
        case ("@in", 2):
            cost += size(args[1]) / 10
            return .bool(try CELOperators.contained(args[0], in: args[1]))
        case ("_[_]", 2): return try index(args[0], args[1])
        case ("size", 1): return .int(Int64(try sizeOf(args[0])))
        case ("matches", 2): return try member("matches", args[0], [args[1]], cost: &cost)
        case ("dyn", 1): return args[0]
        case ("type", 1): return .type(args[0].typeName)
        case ("int", 1), ("uint", 1), ("double", 1), ("string", 1), ("bool", 1), ("bytes", 1), ("duration", 1),
            ("timestamp", 1):
            return try CELConversions.convert(args[0], to: name)
        default:
            throw CELEvalError("no such overload: \(name)")
        }
    }

    private static func size(_ v: CELValue) -> Int {
        switch v {
        case .string(let s): return s.utf8.count
        case .bytes(let b): return b.count
        case .list(let l): return l.count
        case .map(let m): return m.count
        default: return 0
        }
    }

    static func sizeOf(_ v: CELValue) throws(CELEvalError) -> Int {
        switch v {
        case .string(let s): return s.unicodeScalars.count
        case .bytes(let b): return b.count
        case .list(let l): return l.count
        case .map(let m): return m.count
        default: throw .noSuchOverload
        }
    }

    static func index(_ container: CELValue, _ key: CELValue) throws(CELEvalError) -> CELValue {
        switch container {
        case .list(let items):
            let i: Int64
            switch key {
            case .int(let x): i = x
            case .uint(let u) where u <= UInt64(Int64.max): i = Int64(u)
            case .double(let d) where d.rounded() == d && abs(d) < 9e18: i = Int64(d)
            default: throw .noSuchOverload
            }
            guard i >= 0, i < items.count else {
                throw CELEvalError("index '\(i)' out of range in list size '\(items.count)'")
            }
            return items[Int(i)]
        case .map(let m):
            var k = CELMapKey(key)
            if k == nil, case .double(let d) = key, d.rounded() == d, let i = Int64(exactly: d) { k = .int(i) }
            guard let k else { throw .noSuchOverload }
            guard let v = m[k] else { throw .noSuchKey(k) }
            return v
        default:
            throw .noSuchOverload
        }
    }

    private static func member(_ name: String, _ target: CELValue, _ args: [CELValue], cost: inout Int) throws(CELEvalError) -> CELValue {
        cost += size(target) / 10
        if name == "size", args.isEmpty { return .int(Int64(try sizeOf(target))) }
        switch target {
        case .string(let s):
            return try CELStringFunctions.call(name, s, args)
        case .list(let items):
            return try CELListFunctions.call(name, items, args)
        case .timestamp(let secs, let nanos):
            if args.count == 1, args[0] != .string("UTC"), args[0] != .string("Z") {
                throw CELEvalError("unsupported time zone in \(name): only UTC is supported")
            }
            guard let v = CELTime.field(name, seconds: secs, nanos: nanos) else { throw .noSuchOverload }
            return .int(v)
        case .duration(let d):
            guard args.isEmpty, let v = CELTime.field(name, duration: d) else { throw .noSuchOverload }
            return .int(v)
        case .optional(let wrapped):
            switch (name, args.count) {
            case ("hasValue", 0): return .bool(wrapped != nil)
            case ("value", 0):
                guard let wrapped else { throw CELEvalError("optional.none() dereference") }
                return wrapped
            case ("orValue", 1): return wrapped ?? args[0]
            default: throw .noSuchOverload
            }
        default:
            throw .noSuchOverload
        }
    }
}
