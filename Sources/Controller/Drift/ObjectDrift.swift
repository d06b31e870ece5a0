import KubeObjects

/// Where a live object departs from what Rudder applied: every field of the applied
/// object whose live value differs, as a JSON pointer. Only the applied object's fields
/// are compared, so what the server defaulted and what other writers added (annotations,
/// sidecars, status) is never drift; list elements are matched by their key (`name`, a
/// port, a mount path) where they have one, so server-side reordering or an added element
/// is not drift either.
enum ObjectDrift {
    /// Keys that identify an element of a list of objects, most specific first (the
    /// patch-merge keys of the built-in kinds' lists).
    static let elementKeys = ["name", "containerPort", "port", "mountPath", "devicePath", "ip", "topologyKey", "type", "key"]

    /// The JSON pointers where `live` differs from `applied`.
    static func differences(applied: JSONValue, live: JSONValue) -> [String] {
        var out: [String] = []
        compare(applied, live, path: "", into: &out)
        return out
    }

    private static func compare(_ applied: JSONValue, _ live: JSONValue?, path: String, into out: inout [String]) {
        switch applied {
        case .object(let fields):
            guard case .object(let liveFields)? = live else {
                out.append(path.isEmpty ? "/" : path)
                return
            }
            for key in fields.keys.sorted() where !ignoredTopLevel(path: path, key: key) {
                compare(fields[key]!, liveFields[key], path: path + "/" + escape(key), into: &out)
            }
        case .array(let items):
            guard case .array(let liveItems)? = live else {
                out.append(path)
                return
            }
            compareList(items, liveItems, path: path, into: &out)
        default:
            if !sameScalar(applied, live) { out.append(path) }
        }
    }

    private static func compareList(_ items: [JSONValue], _ liveItems: [JSONValue], path: String, into out: inout [String]) {
        if let key = elementKey(items) {
            for (index, item) in items.enumerated() {
                let value = item[key]
                guard let match = liveItems.firstIndex(where: { $0[key] == value }) else {
                    out.append(path + "/\(index)")
                    continue
                }
                compare(item, liveItems[match], path: path + "/\(match)", into: &out)
            }
            return
        }
        guard items.count == liveItems.count else {
            out.append(path)
            return
        }
        for (index, item) in items.enumerated() { compare(item, liveItems[index], path: path + "/\(index)", into: &out) }
    }

    /// The key every element of `items` carries, if they are objects that have one.
    private static func elementKey(_ items: [JSONValue]) -> String? {
        guard !items.isEmpty, items.allSatisfy({ if case .object = $0 { true } else { false } }) else { return nil }
        return elementKeys.first { key in items.allSatisfy { $0[key] != nil && $0[key] != .null } }
    }

    /// Metadata the server or other writers own by design.
    private static func ignoredTopLevel(path: String, key: String) -> Bool {
        path == "/metadata" && ["managedFields", "resourceVersion", "uid", "generation", "creationTimestamp"].contains(key)
    }

    /// Numbers compare by value (`1` and `1.0`), quantities too (`0.5` and `500m`, as the
    /// server rewrites them); a missing field equals an applied null.
    private static func sameScalar(_ applied: JSONValue, _ live: JSONValue?) -> Bool {
        guard let live else { return applied == .null }
        if applied == live { return true }
        if let a = number(applied), let b = number(live) { return a == b }
        if let a = quantityText(applied), let b = quantityText(live) { return QuantityValue.same(a, b) }
        return false
    }

    private static func quantityText(_ value: JSONValue) -> String? {
        switch value {
        case .string(let s): s
        case .int(let i): String(i)
        case .double(let d): String(d)
        default: nil
        }
    }

    private static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .int(let i): Double(i)
        case .double(let d): d
        default: nil
        }
    }

    /// RFC 6901: `~` → `~0`, `/` → `~1`.
    static func escape(_ key: String) -> String {
        key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}
