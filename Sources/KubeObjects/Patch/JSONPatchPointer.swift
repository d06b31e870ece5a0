import Values

/// Why a JSON patch failed, with the text evanphx/json-patch gives.
///
/// How the API server reports it: a patch that does not decode (`malformed`) is a 400
/// BadRequest whose message is this text. An operation that fails is a 422 built with
/// `NewGenericServerResponse(422, …, isUnexpectedResponse: false)`, which *drops* the text:
/// the Status message is `the server rejected our request due to an error in our request`
/// (reason `Invalid`) and kubectl prints `The request is invalid: the server rejected our
/// request due to an error in our request`. `statusMessage` gives what the server sends;
/// `description` keeps evanphx's detail for logs.
public struct JSONPatchError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The body is not a JSON array of operation objects (400).
        case malformed
        /// An operation could not be applied (422).
        case operationFailed
    }

    public let kind: Kind
    public let message: String
    /// The failing operation's position in the patch, for `operationFailed`.
    public let operationIndex: Int?

    public init(kind: Kind, message: String, operationIndex: Int? = nil) {
        self.kind = kind
        self.message = message
        self.operationIndex = operationIndex
    }

    static func malformed(_ message: String) -> JSONPatchError { JSONPatchError(kind: .malformed, message: message) }

    public var description: String { message }

    /// The HTTP status kube-apiserver answers with.
    public var statusCode: Int { kind == .malformed ? 400 : 422 }

    /// The `message` of the Status the API server answers with.
    public var statusMessage: String {
        kind == .malformed ? message : JSONPatchError.rejectedRequestMessage
    }

    /// `NewGenericServerResponse`'s fixed text for a 422.
    public static let rejectedRequestMessage = "the server rejected our request due to an error in our request"
}

/// An internal failure on the way to a `JSONPatchError`; `isMissing` marks evanphx's
/// `ErrMissing` cause, which `test` tolerates.
struct JSONPatchFailure: Error {
    let message: String
    let isMissing: Bool
    init(_ message: String, isMissing: Bool = false) {
        self.message = message
        self.isMissing = isMissing
    }
}

// MARK: - JSON pointers and containers (evanphx `findObject`, `partialDoc`, `partialArray`).

extension JSONPatch {
    /// RFC 6901 unescaping in one pass, as Go's `strings.NewReplacer("~1", "/", "~0", "~")`:
    /// `~01` is `~1`, not `/`.
    static func decodeKey(_ token: Substring) -> String {
        guard token.utf8.contains(UInt8(ascii: "~")) else { return String(token) }
        var out: [UInt8] = []
        out.reserveCapacity(token.utf8.count)
        var it = token.utf8.makeIterator()
        while let c = it.next() {
            guard c == UInt8(ascii: "~") else {
                out.append(c)
                continue
            }
            guard let n = it.next() else {
                out.append(c)
                break
            }
            switch n {
            case UInt8(ascii: "1"): out.append(UInt8(ascii: "/"))
            case UInt8(ascii: "0"): out.append(UInt8(ascii: "~"))
            default: out.append(c); out.append(n)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The parent segments and last key of `path`, or nil when Go's `findObject` gives up
    /// (fewer than two `/`-separated parts).
    static func split(_ path: String) -> (parents: [String], key: String)? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count >= 2 else { return nil }
        return (parts[1..<(parts.count - 1)].map(decodeKey), decodeKey(parts[parts.count - 1]))
    }

    /// Read-only `findObject`: the container holding the pointer's last segment.
    static func locate(_ doc: JSONValue, _ path: String) -> (JSONValue, String)? {
        guard let (parents, key) = split(path) else { return nil }
        var current = doc
        for part in parents {
            guard let next = try? getMember(current, part), isContainer(next) else { return nil }
            current = next
        }
        return (current, key)
    }

    /// Mutating `findObject`: runs `body` on the container in place. Returns nil when the
    /// parents do not lead to an object or array. On a nil or a throw the document is left
    /// half-taken-apart: callers abandon it, as evanphx abandons the whole patch.
    static func withContainer<R>(
        _ doc: inout JSONValue, _ path: String,
        _ body: (inout JSONValue, String) throws(JSONPatchFailure) -> R
    ) throws(JSONPatchFailure) -> R? {
        guard let (parents, key) = split(path) else { return nil }
        return try descend(&doc, parents[...], key, body)
    }

    private static func descend<R>(
        _ value: inout JSONValue, _ parents: ArraySlice<String>, _ key: String,
        _ body: (inout JSONValue, String) throws(JSONPatchFailure) -> R
    ) throws(JSONPatchFailure) -> R? {
        guard let part = parents.first else {
            return isContainer(value) ? try body(&value, key) : nil
        }
        switch value {
        case .object(var members):
            guard var child = members[part], isContainer(child) else { return nil }
            value = .null  // let `members` and `child` be uniquely referenced while edited
            members[part] = .null
            let result = try descend(&child, parents.dropFirst(), key, body)
            members[part] = child
            value = .object(members)
            return result
        case .array(var items):
            guard let index = try? arrayIndex(part, count: items.count, forInsert: false), isContainer(items[index]) else {
                return nil
            }
            value = .null
            var child = items[index]
            items[index] = .null
            let result = try descend(&child, parents.dropFirst(), key, body)
            items[index] = child
            value = .array(items)
            return result
        default:
            return nil
        }
    }

    static func isContainer(_ value: JSONValue) -> Bool {
        switch value {
        case .object, .array: return true
        default: return false
        }
    }

    /// `partialDoc.get` / `partialArray.get`.
    static func getMember(_ container: JSONValue, _ key: String) throws(JSONPatchFailure) -> JSONValue {
        switch container {
        case .object(let members):
            guard let v = members[key] else {
                throw JSONPatchFailure("unable to get nonexistent key: \(key): \(missing)", isMissing: true)
            }
            return v
        case .array(let items):
            return items[try arrayIndex(key, count: items.count, forInsert: false)]
        default:
            throw JSONPatchFailure("unknown object type")
        }
    }

    /// `partialDoc.set` / `partialArray.set` (used by `replace` after `get` succeeded).
    static func setMember(_ container: inout JSONValue, _ key: String, _ value: JSONValue) {
        switch container {
        case .object(var members):
            container = .null
            members[key] = value
            container = .object(members)
        case .array(var items):
            guard let index = try? arrayIndex(key, count: items.count, forInsert: false) else { return }
            container = .null
            items[index] = value
            container = .array(items)
        default:
            return
        }
    }

    /// `partialDoc.add` / `partialArray.add`: `-` appends; an index may equal the count.
    static func addMember(_ container: inout JSONValue, _ key: String, _ value: JSONValue) throws(JSONPatchFailure) {
        switch container {
        case .object(var members):
            container = .null
            members[key] = value
            container = .object(members)
        case .array(var items):
            if key == "-" {
                container = .null
                items.append(value)
                container = .array(items)
                return
            }
            let index: Int
            do throws(JSONPatchFailure) { index = try arrayIndex(key, count: items.count, forInsert: true) } catch {
                if error.message.hasPrefix("strconv.Atoi") {
                    throw JSONPatchFailure("value was not a proper array index: '\(key)': \(error.message)")
                }
                throw error
            }
            container = .null
            items.insert(value, at: index)
            container = .array(items)
        default:
            throw JSONPatchFailure("unknown object type")
        }
    }

    /// `partialDoc.remove` / `partialArray.remove`; returns the removed value.
    static func removeMember(_ container: inout JSONValue, _ key: String) throws(JSONPatchFailure) -> JSONValue {
        switch container {
        case .object(var members):
            guard members[key] != nil else {
                throw JSONPatchFailure("Unable to remove nonexistent key: \(key): \(missing)", isMissing: true)
            }
            container = .null
            let removed = members.removeValue(forKey: key) ?? .null
            container = .object(members)
            return removed
        case .array(var items):
            let index = try arrayIndex(key, count: items.count, forInsert: false)
            container = .null
            let removed = items.remove(at: index)
            container = .array(items)
            return removed
        default:
            throw JSONPatchFailure("unknown object type")
        }
    }

    /// `strconv.Atoi` plus evanphx's bounds rules: negative indices count from the end
    /// (`SupportNegativeIndices`, on by default); an insert may address one past the end.
    static func arrayIndex(_ key: String, count: Int, forInsert: Bool) throws(JSONPatchFailure) -> Int {
        guard let idx = goAtoi(key) else {
            let reason = isAllDigits(key) ? "value out of range" : "invalid syntax"
            throw JSONPatchFailure("strconv.Atoi: parsing \(GoQuote.quote(key)): \(reason)")
        }
        let size = forInsert ? count + 1 : count
        if idx >= size || idx < -size {
            throw JSONPatchFailure("Unable to access invalid index: \(idx): invalid index referenced")
        }
        return idx < 0 ? idx + size : idx
    }

    /// Go's `strconv.Atoi` grammar: optional sign, then decimal digits only.
    static func goAtoi(_ s: String) -> Int? {
        var digits = Substring(s)
        if let first = digits.first, first == "+" || first == "-" { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int(s.hasPrefix("+") ? String(s.dropFirst()) : s)
    }

    private static func isAllDigits(_ s: String) -> Bool {
        var digits = Substring(s)
        if let first = digits.first, first == "+" || first == "-" { digits = digits.dropFirst() }
        return !digits.isEmpty && digits.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}
