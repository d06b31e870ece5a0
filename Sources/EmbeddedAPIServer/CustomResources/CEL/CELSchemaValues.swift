import KubeObjects
import Values

/// A custom object's JSON as CEL sees it, with the schema deciding the types as
/// Kubernetes' CEL bindings do: `integer` is int, `number` is double (a JSON `3` too),
/// `string` with format `byte`/`duration`/`date-time`/`date` is bytes/duration/timestamp,
/// int-or-string and preserve-unknown-fields parts keep the type the JSON gives them, and
/// at the root only `metadata.name` and `metadata.generateName` are visible.
enum CELSchemaValues {
    static func value(_ json: JSONValue, _ schema: StructuralSchema?, isRoot: Bool = false) -> CELValue {
        switch json {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return schema?.type == "number" ? .double(Double(i)) : .int(i)
        case .double(let d):
            if schema?.type == "integer", let i = json.intValue { return .int(i) }
            return .double(d)
        case .string(let s):
            guard schema?.type == "string" else { return .string(s) }
            switch schema?.format {
            case "byte"?:
                if let bytes = StdBase64.decode(s) { return .bytes(bytes) }
            case "duration"?:
                if let d = try? CELTime.parseDuration(s) { return d }
            case "date-time"?:
                if let t = try? CELTime.parseTimestamp(s) { return t }
            case "date"?:
                if let t = try? CELTime.parseTimestamp(s + "T00:00:00Z") { return t }
            default: break
            }
            return .string(s)
        case .array(let items):
            return .list(items.map { value($0, schema?.items) })
        case .object(let members):
            var m = CELMap()
            for key in members.keys.sorted(by: String.goLess) {
                if isRoot, key == "metadata", case .object(let meta) = members[key]! {
                    // Rules see only the names of the object they judge.
                    var visible = CELMap()
                    for k in ["name", "generateName"] {
                        if case .string(let s)? = meta[k] { visible[.string(k)] = .string(s) }
                    }
                    m[.string(key)] = .map(visible)
                    continue
                }
                m[.string(key)] = value(members[key]!, schema?.schema(forKey: key))
            }
            return .map(m)
        }
    }
}
