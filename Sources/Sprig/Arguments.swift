import GoTemplate
import Values

/// Reading the arguments the executor hands a body. It has already checked each one
/// against the Go signature (`string` parameters receive strings, `int` parameters Go
/// ints), so these accessors only unwrap; the fallbacks are never reached in practice.
extension Array where Element == Value {
    @inline(__always) func string(_ i: Int) -> String {
        if case .string(let s) = self[i] { return s }
        return ""
    }

    @inline(__always) func int(_ i: Int) -> Int {
        if case .int(let v, _) = self[i] { return Int(truncatingIfNeeded: v) }
        return 0
    }

    @inline(__always) func float(_ i: Int) -> Double {
        switch self[i] {
        case .float(let f): return f
        case .int(let v, let t): return t.isUnsignedInteger ? Double(UInt64(bitPattern: v)) : Double(v)
        default: return 0
        }
    }

    /// A `map[string]interface{}` parameter; Go passes nil as a nil map, which reads as empty.
    @inline(__always) func map(_ i: Int) -> [String: Value] {
        if case .map(let m, _) = self[i] { return m.dictionary }
        return [:]
    }
}

/// Panics inside a Go template function reach the user as `error calling NAME: VALUE`,
/// because `text/template` recovers them; these are the runtime panics Sprig hits.
enum GoPanic {
    static let nilDereference = GoFunctionError("runtime error: invalid memory address or nil pointer dereference")
    static let makesliceLen = GoFunctionError("runtime error: makeslice: len out of range")
    static let divideByZero = GoFunctionError("runtime error: integer divide by zero")
    static let negativeRepeat = GoFunctionError("strings: negative Repeat count")
}

extension GoFunction {
    /// A function whose Go result is a plain `string`.
    static func string(_ name: String, _ parameters: [GoType], variadic: GoType? = nil,
                       _ body: @escaping @Sendable ([Value]) throws -> String) -> GoFunction {
        GoFunction(name, parameters, variadic: variadic) { .string(try body($0)) }
    }

    /// A function whose Go result is `bool`.
    static func bool(_ name: String, _ parameters: [GoType], variadic: GoType? = nil,
                     _ body: @escaping @Sendable ([Value]) throws -> Bool) -> GoFunction {
        GoFunction(name, parameters, variadic: variadic) { .bool(try body($0)) }
    }

    /// The same function under another name (`tuple` is `list`, `push` is `append`).
    func named(_ alias: String) -> GoFunction {
        GoFunction(alias, parameters, variadic: variadic, body: body)
    }
}

/// Go-side views of values shared by the families.
enum GoValue {
    /// Sprig's `strval`: strings as they are, `[]byte` as text, `error`/`Stringer` through
    /// their method, everything else as `fmt`'s `%v`.
    static func strval(_ v: Value) -> String {
        switch v {
        case .string(let s): return s
        case .bytes(let b): return String(decoding: b, as: UTF8.self)
        case .object(let o): return o.stringer ?? GoFmt.formatValue(v)
        default: return GoFmt.formatValue(v)
        }
    }

    /// The elements of a value of slice kind (`reflect.Slice`), nil for other kinds.
    static func elements(_ v: Value) -> [Value]? {
        switch v {
        case .list(let l, _): return l
        case .bytes(let b): return b.map { .int(Int64($0), type: .uint8) }
        default: return nil
        }
    }

    /// `reflect.TypeOf(v).Kind().String()`; nil has no type (callers panic on it).
    static func kind(_ v: Value) -> String { v.goType?.kind ?? "invalid" }

    /// Sprig's `empty`: the zero value of its type (structs are never empty, nil always is).
    static func isEmpty(_ v: Value) -> Bool {
        switch v {
        case .null: return true
        case .bool(let b): return !b
        case .int(let i, _): return i == 0
        case .float(let f): return f == 0
        case .string(let s): return s.isEmpty
        case .bytes(let b): return b.isEmpty
        case .list(let l, _): return l.isEmpty
        case .map(let m, _): return m.isEmpty
        case .object(let o): return o.goType.kind == "struct" ? false : !o.isTruthy
        case .function: return false
        }
    }

    /// Go's string from bytes; invalid UTF-8 (from Sprig's byte-wise functions) is
    /// shown as U+FFFD, as Helm's output reads when decoded.
    static func string(_ bytes: some Collection<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// A byte read as a rune (`rune(str[i])`), as Sprig's byte-wise helpers do: Latin-1.
    static func latin1Rune(_ b: UInt8) -> Unicode.Scalar { Unicode.Scalar(b) }
}
