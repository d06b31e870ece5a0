import Values

/// The type conversion functions (`int()`, `uint()`, `double()`, `string()`, `bool()`,
/// `bytes()`, `duration()`, `timestamp()`), with cel-go's rules: doubles truncate toward
/// zero and must fit, strings parse as Go's strconv does, and anything else is
/// `type conversion error from 'X' to 'Y'`.
enum CELConversions {
    static func convert(_ v: CELValue, to target: String) throws(CELEvalError) -> CELValue {
        let failure = CELEvalError("type conversion error from '\(v.typeName.rawValue)' to '\(typeName(target))'")
        switch (target, v) {
        case ("int", .int): return v
        case ("int", .uint(let u)):
            guard u <= UInt64(Int64.max) else { throw .intOverflow }
            return .int(Int64(u))
        case ("int", .double(let d)):
            guard d.isFinite, d > -9.223372036854775808e18, d < 9.223372036854775807e18 else { throw .intOverflow }
            return .int(Int64(d))
        case ("int", .string(let s)):
            guard let i = Int64(goInteger(s)) else { throw failure }
            return .int(i)
        case ("int", .duration(let d)): return .int(d)
        case ("int", .timestamp(let secs, _)): return .int(secs)

        case ("uint", .uint): return v
        case ("uint", .int(let i)):
            guard i >= 0 else { throw .uintOverflow }
            return .uint(UInt64(i))
        case ("uint", .double(let d)):
            guard d.isFinite, d > -1, d < 1.8446744073709552e19 else { throw .uintOverflow }
            return .uint(UInt64(d))
        case ("uint", .string(let s)):
            guard let u = UInt64(goInteger(s)), !s.hasPrefix("-") else { throw failure }
            return .uint(u)

        case ("double", .double): return v
        case ("double", .int(let i)): return .double(Double(i))
        case ("double", .uint(let u)): return .double(Double(u))
        case ("double", .string(let s)):
            guard let d = goFloat(s) else { throw failure }
            return .double(d)

        case ("string", .string): return v
        case ("string", .int(let i)): return .string(String(i))
        case ("string", .uint(let u)): return .string(String(u))
        case ("string", .double(let d)): return .string(GoFloat.format(d, "g", precision: -1))
        case ("string", .bool(let b)): return .string(b ? "true" : "false")
        case ("string", .bytes(let b)):
            guard let s = String(validating: b, as: UTF8.self) else { throw CELEvalError("invalid UTF-8 in bytes, cannot convert to string") }
            return .string(s)
        case ("string", .duration(let d)): return .string(CELTime.durationString(d))
        case ("string", .timestamp(let secs, let nanos)): return .string(CELTime.timestampString(seconds: secs, nanos: nanos))

        case ("bool", .bool): return v
        case ("bool", .string(let s)):
            switch s {
            case "1", "t", "T", "TRUE", "true", "True": return .bool(true)
            case "0", "f", "F", "FALSE", "false", "False": return .bool(false)
            default: throw failure
            }

        case ("bytes", .bytes): return v
        case ("bytes", .string(let s)): return .bytes(Array(s.utf8))

        case ("duration", .duration): return v
        case ("duration", .string(let s)): return try CELTime.parseDuration(s)

        case ("timestamp", .timestamp): return v
        case ("timestamp", .string(let s)): return try CELTime.parseTimestamp(s)
        case ("timestamp", .int(let i)): return try CELTime.checked(seconds: i, nanos: 0)
        default:
            throw failure
        }
    }

    private static func typeName(_ function: String) -> String {
        switch function {
        case "duration": return CELTypeName.duration.rawValue
        case "timestamp": return CELTypeName.timestamp.rawValue
        default: return function
        }
    }

    /// strconv.ParseInt base 10 accepts a sign and digits only (Swift's init also takes
    /// a leading `+`, which Go accepts too).
    private static func goInteger(_ s: String) -> String {
        s.unicodeScalars.allSatisfy { ("0"..."9").contains($0) || $0 == "-" || $0 == "+" } ? s : "x"
    }

    /// strconv.ParseFloat: decimal and exponent forms, `inf`/`infinity`/`nan` in any case.
    private static func goFloat(_ s: String) -> Double? {
        let lower = s.lowercased()
        switch lower {
        case "inf", "+inf", "infinity", "+infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        case "nan": return .nan
        default: break
        }
        guard !lower.isEmpty, lower.unicodeScalars.allSatisfy({ "0123456789.eE+-_".unicodeScalars.contains($0) }) else { return nil }
        return Double(s)
    }
}
