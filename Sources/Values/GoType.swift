/// The Go type of a value, as `reflect` would report it.
///
/// Helm renders charts with Go's reflection-driven `text/template`, and users see Go's
/// type names in `printf "%T"`, `typeOf`, `kindOf` and in error messages
/// ("wrong type for value; expected string; got int"). Values therefore carry the type
/// Go would have given them, not only their shape: `splitList` returns `[]string`,
/// `list` returns `[]interface {}`, `len` returns `int`, `add` returns `int64`.
public indirect enum GoType: Hashable, Sendable {
    case interface
    case bool
    case int, int8, int16, int32, int64
    case uint, uint8, uint16, uint32, uint64, uintptr
    case float32, float64
    case complex64, complex128
    case string
    case slice(GoType)
    case map(GoType, GoType)
    case pointer(GoType)
    case function
    /// A struct type; only ever seen under `.named`.
    case structure
    /// A defined type (`common.Values`, `time.Time`) with its underlying type.
    case named(String, GoType)

    public static let interfaceSlice: GoType = .slice(.interface)
    public static let stringSlice: GoType = .slice(.string)
    public static let intSlice: GoType = .slice(.int)
    public static let byteSlice: GoType = .slice(.uint8)
    public static let interfaceMap: GoType = .map(.string, .interface)
    public static let stringMap: GoType = .map(.string, .string)

    /// The name `%T` prints.
    public var name: String {
        switch self {
        case .interface: return "interface {}"
        case .bool: return "bool"
        case .int: return "int"
        case .int8: return "int8"
        case .int16: return "int16"
        case .int32: return "int32"
        case .int64: return "int64"
        case .uint: return "uint"
        case .uint8: return "uint8"
        case .uint16: return "uint16"
        case .uint32: return "uint32"
        case .uint64: return "uint64"
        case .uintptr: return "uintptr"
        case .float32: return "float32"
        case .float64: return "float64"
        case .complex64: return "complex64"
        case .complex128: return "complex128"
        case .string: return "string"
        case .slice(let e): return "[]" + e.name
        case .map(let k, let v): return "map[\(k.name)]\(v.name)"
        case .pointer(let t): return "*" + t.name
        case .function: return "func"
        case .structure: return "struct {}"
        case .named(let n, _): return n
        }
    }

    /// The name of the type's `reflect.Kind`, as Sprig's `kindOf` prints it.
    public var kind: String {
        switch self {
        case .interface: return "interface"
        case .slice: return "slice"
        case .map: return "map"
        case .pointer: return "ptr"
        case .function: return "func"
        case .structure: return "struct"
        case .named(_, let u): return u.kind
        default: return name
        }
    }

    /// The type with every defined name peeled off.
    public var underlying: GoType {
        if case .named(_, let u) = self { return u.underlying }
        return self
    }

    public var isInteger: Bool { isSignedInteger || isUnsignedInteger }

    public var isSignedInteger: Bool {
        switch underlying {
        case .int, .int8, .int16, .int32, .int64: return true
        default: return false
        }
    }

    public var isUnsignedInteger: Bool {
        switch underlying {
        case .uint, .uint8, .uint16, .uint32, .uint64, .uintptr: return true
        default: return false
        }
    }

    public var isFloat: Bool {
        switch underlying {
        case .float32, .float64: return true
        default: return false
        }
    }

    /// The element type of a slice or map (after peeling names).
    public var elementType: GoType? {
        switch underlying {
        case .slice(let e): return e
        case .map(_, let v): return v
        case .pointer(let t): return t
        default: return nil
        }
    }
}
