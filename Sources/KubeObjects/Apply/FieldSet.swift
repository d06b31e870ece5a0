/// A set of field paths, as structured-merge-diff's `fieldpath.Set`: a trie whose nodes
/// say which path elements are themselves members and which lead further. A manager owns
/// a `FieldSet`; `metadata.managedFields[].fieldsV1` is its JSON encoding, where `{}`
/// marks a member leaf and `".": {}` marks a node that is a member and has children.
public struct FieldSet: Hashable, Sendable {
    public private(set) var members: Set<PathElement>
    /// Never holds an empty set.
    public private(set) var children: [PathElement: FieldSet]

    public init() {
        members = []
        children = [:]
    }

    public init(_ paths: [FieldPath]) {
        self.init()
        for p in paths { insert(p) }
    }

    public var isEmpty: Bool { members.isEmpty && children.isEmpty }

    public mutating func insert(_ path: FieldPath) {
        insert(path[...])
    }

    mutating func insert(_ path: ArraySlice<PathElement>) {
        guard let first = path.first else { return }
        if path.count == 1 {
            members.insert(first)
            return
        }
        var child = children.removeValue(forKey: first) ?? FieldSet()
        child.insert(path.dropFirst())
        children[first] = child
    }

    public func has(_ path: FieldPath) -> Bool {
        var node = self
        for (i, pe) in path.enumerated() {
            if i == path.count - 1 { return node.members.contains(pe) }
            guard let next = node.children[pe] else { return false }
            node = next
        }
        return false
    }

    /// The subtree under `pe` (structured-merge-diff's `WithPrefix`).
    public func child(_ pe: PathElement) -> FieldSet { children[pe] ?? FieldSet() }

    public func union(_ other: FieldSet) -> FieldSet {
        var out = self
        out.members.formUnion(other.members)
        for (pe, c) in other.children {
            out.children[pe] = out.children[pe].map { $0.union(c) } ?? c
        }
        return out
    }

    /// Paths of `self` that are not in `other` (members only; a member of `other` does not
    /// remove what lies under it).
    public func subtracting(_ other: FieldSet) -> FieldSet {
        if other.isEmpty { return self }
        var out = FieldSet()
        out.members = members.subtracting(other.members)
        for (pe, c) in children {
            if let o = other.children[pe] {
                let d = c.subtracting(o)
                if !d.isEmpty { out.children[pe] = d }
            } else {
                out.children[pe] = c
            }
        }
        return out
    }

    /// Paths in both sets.
    public func intersection(_ other: FieldSet) -> FieldSet {
        var out = FieldSet()
        out.members = members.intersection(other.members)
        for (pe, c) in children {
            if let o = other.children[pe] {
                let i = c.intersection(o)
                if !i.isEmpty { out.children[pe] = i }
            }
        }
        return out
    }

    /// Removes every path of `other` and everything under it (`RecursiveDifference`).
    public func removingSubtrees(_ other: FieldSet) -> FieldSet {
        if other.isEmpty { return self }
        var out = FieldSet()
        out.members = members.subtracting(other.members)
        for (pe, c) in children where !other.members.contains(pe) {
            if let o = other.children[pe] {
                let d = c.removingSubtrees(o)
                if !d.isEmpty { out.children[pe] = d }
            } else {
                out.children[pe] = c
            }
        }
        return out
    }

    /// Every path, members of a node before its children, each in structured-merge-diff order.
    public var paths: [FieldPath] {
        var out: [FieldPath] = []
        collect(prefix: [], into: &out)
        return out
    }

    func collect(prefix: FieldPath, into out: inout [FieldPath]) {
        for pe in members.sorted() { out.append(prefix + [pe]) }
        for pe in children.keys.sorted() { children[pe]!.collect(prefix: prefix + [pe], into: &out) }
    }

    /// Adds, at every node, the declared struct fields that lead further as members, so that
    /// removing the set removes those fields whole (`EnsureNamedFieldsAreMembers`).
    func ensuringNamedFieldsAreMembers(_ schema: ObjectSchema) -> FieldSet {
        var out = self
        for (pe, c) in children {
            var sub: ObjectSchema = .deduced(.structFields)
            switch pe {
            case .field(let name):
                if let s = schema.objectSchema {
                    let m = s.member(name)
                    sub = m.schema
                    if m.isNamedField { out.members.insert(pe) }
                }
            default:
                if let l = schema.listSchema { sub = l.element }
            }
            out.children[pe] = c.ensuringNamedFieldsAreMembers(sub)
        }
        return out
    }
}

// MARK: fieldsV1

extension FieldSet {
    /// The `fieldsV1` document as the API server writes it: keys in structured-merge-diff
    /// order (`.` first, then fields, keys, values, indexes), which byte order on the key
    /// text does not always give (`k:{"port":9}` sorts before `k:{"port":10}`).
    public var fieldsV1Text: String {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        writeFieldsV1(includeSelf: false, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    func writeFieldsV1(includeSelf: Bool, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        var first = true
        if includeSelf {
            out.append(contentsOf: Array(#"".":{}"#.utf8))
            first = false
        }
        var all = Set(members)
        all.formUnion(children.keys)
        for pe in all.sorted() {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            JSONValue.writeString(pe.fieldsV1Key, into: &out)
            out.append(UInt8(ascii: ":"))
            if let c = children[pe] {
                c.writeFieldsV1(includeSelf: members.contains(pe), into: &out)
            } else {
                out.append(contentsOf: [UInt8(ascii: "{"), UInt8(ascii: "}")])
            }
        }
        out.append(UInt8(ascii: "}"))
    }

    /// The `fieldsV1` document as a JSON value (for `metadata.managedFields`).
    public var fieldsV1: JSONValue {
        fieldsV1Object(includeSelf: false)
    }

    func fieldsV1Object(includeSelf: Bool) -> JSONValue {
        var o: [String: JSONValue] = [:]
        if includeSelf { o["."] = .emptyObject }
        for pe in members where children[pe] == nil { o[pe.fieldsV1Key] = .emptyObject }
        for (pe, c) in children { o[pe.fieldsV1Key] = c.fieldsV1Object(includeSelf: members.contains(pe)) }
        return .object(o)
    }

    /// Reads a `fieldsV1` document.
    public init(fieldsV1: JSONValue) throws(FieldsV1Error) {
        guard case .object(let o) = fieldsV1 else { throw FieldsV1Error(message: "fieldsV1 is not an object") }
        self.init()
        for (key, value) in o where key != "." {
            let pe = try PathElement(fieldsV1Key: key)
            guard case .object(let sub) = value else { throw FieldsV1Error(message: "value of \(key) is not an object") }
            if sub.isEmpty {
                members.insert(pe)
                continue
            }
            if sub["."] != nil { members.insert(pe) }
            let child = try FieldSet(fieldsV1: value)
            if !child.isEmpty { children[pe] = child }
        }
    }

    /// Reads `fieldsV1` text.
    public init(fieldsV1Text text: String) throws(FieldsV1Error) {
        let v: JSONValue
        do { v = try JSONValue.parse(text) } catch { throw FieldsV1Error(message: "invalid fieldsV1: \(error)") }
        try self.init(fieldsV1: v)
    }
}
