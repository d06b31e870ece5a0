// TEMPORARY STUB for the Sprig worktree: the real GoFmt (written in parallel) replaces this
// file at merge. Only the three signatures matter.
import Values

public enum GoFmt {
    public static func sprint(_ args: [Value]) -> String {
        var out = ""
        for (i, a) in args.enumerated() {
            if i > 0, a.stringValue == nil, args[i - 1].stringValue == nil { out += " " }
            out += formatValue(a)
        }
        return out
    }

    public static func sprintf(_ format: String, _ args: [Value]) -> String {
        // Only what the stub needs: %v, %s, %d, %q.
        var out = ""
        var it = format.makeIterator()
        var argIndex = 0
        while let c = it.next() {
            guard c == "%", let verb = it.next() else { out.append(c); continue }
            if verb == "%" { out += "%"; continue }
            let arg: Value = argIndex < args.count ? args[argIndex] : .null
            argIndex += 1
            if verb == "q", case .string(let s) = arg {
                out += "\""
                for ch in s.unicodeScalars {
                    switch ch {
                    case "\\": out += "\\\\"
                    case "\"": out += "\\\""
                    case "\n": out += "\\n"
                    default: out.unicodeScalars.append(ch)
                    }
                }
                out += "\""
            } else {
                out += formatValue(arg)
            }
        }
        return out
    }

    public static func formatValue(_ v: Value) -> String {
        switch v {
        case .null: return "<nil>"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i, let t): return t.isUnsignedInteger ? String(UInt64(bitPattern: i)) : String(i)
        case .float(let f): return GoFloat.format(f, "g")
        case .string(let s): return s
        case .bytes(let b): return "[" + b.map { String($0) }.joined(separator: " ") + "]"
        case .list(let l, _): return "[" + l.map(formatValue).joined(separator: " ") + "]"
        case .map(let m, _):
            return "map[" + m.keys.sorted().map { "\($0):\(formatValue(m[$0] ?? .null))" }.joined(separator: " ") + "]"
        case .object(let o): return o.stringer ?? "{}"
        case .function: return "func"
        }
    }
}
