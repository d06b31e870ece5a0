/// A JSON patch (RFC 6902, `application/json-patch+json`) as kube-apiserver applies it:
/// through evanphx/json-patch v4 (`gopkg.in/evanphx/json-patch.v4`), whose quirks are kept
/// because clients see them:
///
/// - operations are checked lazily, one after another, so a malformed third operation
///   fails only once the first two applied; any failure discards the whole patch;
/// - array indices may be negative (counted from the end), and `-` appends on `add`;
/// - `replace` and `copy`/`move` need their target or source to exist (evanphx#85, in
///   Kubernetes since 1.19); `test` of a missing member against `null` passes;
/// - a path that does not start with `/` has its first segment ignored (Go splits on `/`
///   and drops element 0).
///
/// Error texts are evanphx's (`testing value /a failed: test failed`, `replace operation does
/// not apply: doc is missing key: /b: missing value`); see `JSONPatchError` for what the
/// API server shows instead.
public struct JSONPatch: Sendable, Equatable {
    /// One operation as sent. Members are kept raw, as Go's `Operation` map keeps them, so
    /// that a bad member is reported only when its operation runs.
    public struct Operation: Sendable, Equatable {
        public var members: [String: JSONValue]
        public init(_ members: [String: JSONValue]) { self.members = members }

        /// evanphx `Kind()`: the `op` string, or `unknown`.
        public var kind: String { members["op"]?.stringValue ?? "unknown" }
    }

    public var operations: [Operation]

    public init(operations: [Operation]) { self.operations = operations }

    /// evanphx `DecodePatch`: the body must be a JSON array of objects (`null` reads as an
    /// empty patch, as Go's nil slice). Failures are 400 BadRequest at the server.
    public init(decoding value: JSONValue) throws(JSONPatchError) {
        switch value {
        case .null: operations = []
        case .array(let items):
            var ops: [Operation] = []
            ops.reserveCapacity(items.count)
            for item in items {
                switch item {
                case .object(let members): ops.append(Operation(members))
                case .null: ops.append(Operation([:]))
                default: throw .malformed("json: cannot unmarshal \(goTypeName(item)) into Go value of type jsonpatch.Operation")
                }
            }
            operations = ops
        default:
            throw .malformed("json: cannot unmarshal \(goTypeName(value)) into Go value of type jsonpatch.Patch")
        }
    }

    public init(parsing text: String) throws(JSONPatchError) {
        let value: JSONValue
        do throws(JSONParseError) { value = try JSONValue.parse(text) } catch { throw .malformed(error.message) }
        try self.init(decoding: value)
    }

    /// Applies every operation in order to a copy of `document` and returns the result.
    public func apply(to document: JSONValue) throws(JSONPatchError) -> JSONValue {
        switch document {
        case .object, .array: break
        default: throw .malformed("json: cannot unmarshal \(goTypeName(document)) into Go value of type jsonpatch.partialDoc")
        }
        var doc = document
        for (index, op) in operations.enumerated() {
            do throws(JSONPatchFailure) {
                switch op.kind {
                case "add": try Self.add(&doc, op)
                case "remove": try Self.remove(&doc, op)
                case "replace": try Self.replace(&doc, op)
                case "move": try Self.move(&doc, op)
                case "test": try Self.test(doc, op)
                case "copy": try Self.copy(&doc, op)
                default: throw JSONPatchFailure("Unexpected kind: \(op.kind)")
                }
            } catch {
                throw JSONPatchError(kind: .operationFailed, message: error.message, operationIndex: index)
            }
        }
        return doc
    }
}

// MARK: - Operations (evanphx `Patch.add`, `remove`, ...), with their wrapping of errors.

extension JSONPatch {
    static let missing = "missing value"

    /// `Operation.Path()`/`From()`: a missing member is `ErrMissing` wrapped with `what`; a
    /// member that is not a string fails as Go's `json.Unmarshal` into a string does.
    static func pointer(_ op: Operation, _ name: String) throws(JSONPatchFailure) -> String {
        guard let raw = op.members[name], !raw.isNull else {
            let what = name == "path" ? "operation missing path field" : "operation, missing from field"
            throw JSONPatchFailure("\(what): \(missing)")
        }
        guard let s = raw.stringValue else {
            throw JSONPatchFailure("json: cannot unmarshal \(goTypeName(raw)) into Go value of type string")
        }
        return s
    }

    static func add(_ doc: inout JSONValue, _ op: Operation) throws(JSONPatchFailure) {
        guard let path = try? pointer(op, "path") else { throw JSONPatchFailure("add operation failed to decode path: \(missing)") }
        let value = op.members["value"] ?? .null
        let found: Void? = try withContainer(&doc, path) { (container, key) throws(JSONPatchFailure) in
            do throws(JSONPatchFailure) { try addMember(&container, key, value) } catch {
                throw JSONPatchFailure("error in add for path: '\(path)': \(error.message)")
            }
        }
        if found == nil { throw JSONPatchFailure("add operation does not apply: doc is missing path: \"\(path)\": \(missing)") }
    }

    static func remove(_ doc: inout JSONValue, _ op: Operation) throws(JSONPatchFailure) {
        guard let path = try? pointer(op, "path") else { throw JSONPatchFailure("remove operation failed to decode path: \(missing)") }
        let found: Void? = try withContainer(&doc, path) { (container, key) throws(JSONPatchFailure) in
            do throws(JSONPatchFailure) { _ = try removeMember(&container, key) } catch {
                throw JSONPatchFailure("error in remove for path: '\(path)': \(error.message)")
            }
        }
        if found == nil { throw JSONPatchFailure("remove operation does not apply: doc is missing path: \"\(path)\": \(missing)") }
    }

    static func replace(_ doc: inout JSONValue, _ op: Operation) throws(JSONPatchFailure) {
        let path: String
        do throws(JSONPatchFailure) { path = try pointer(op, "path") } catch { throw JSONPatchFailure("replace operation failed to decode path: \(error.message)") }
        let value = op.members["value"] ?? .null
        let found: Void? = try withContainer(&doc, path) { (container, key) throws(JSONPatchFailure) in
            guard (try? getMember(container, key)) != nil else {
                throw JSONPatchFailure("replace operation does not apply: doc is missing key: \(path): \(missing)")
            }
            setMember(&container, key, value)
        }
        if found == nil { throw JSONPatchFailure("replace operation does not apply: doc is missing path: \(path): \(missing)") }
    }

    static func move(_ doc: inout JSONValue, _ op: Operation) throws(JSONPatchFailure) {
        let from: String
        do throws(JSONPatchFailure) { from = try pointer(op, "from") } catch { throw JSONPatchFailure("move operation failed to decode from: \(error.message)") }
        let moved = try withContainer(&doc, from) { (container, key) throws(JSONPatchFailure) -> JSONValue in
            do throws(JSONPatchFailure) {
                _ = try getMember(container, key)
                return try removeMember(&container, key)
            } catch {
                throw JSONPatchFailure("error in move for path: '\(key)': \(error.message)")
            }
        }
        guard let value = moved else {
            throw JSONPatchFailure("move operation does not apply: doc is missing from path: \(from): \(missing)")
        }
        let path: String
        do throws(JSONPatchFailure) { path = try pointer(op, "path") } catch { throw JSONPatchFailure("move operation failed to decode path: \(error.message)") }
        let found: Void? = try withContainer(&doc, path) { (container, key) throws(JSONPatchFailure) in
            do throws(JSONPatchFailure) { try addMember(&container, key, value) } catch {
                throw JSONPatchFailure("error in move for path: '\(path)': \(error.message)")
            }
        }
        if found == nil { throw JSONPatchFailure("move operation does not apply: doc is missing destination path: \(path): \(missing)") }
    }

    static func test(_ doc: JSONValue, _ op: Operation) throws(JSONPatchFailure) {
        let path: String
        do throws(JSONPatchFailure) { path = try pointer(op, "path") } catch { throw JSONPatchFailure("test operation failed to decode path: \(error.message)") }
        guard let (container, key) = locate(doc, path) else {
            throw JSONPatchFailure("test operation does not apply: is missing path: \(path): \(missing)")
        }
        var actual: JSONValue?
        do throws(JSONPatchFailure) { actual = try getMember(container, key) } catch {
            // A missing object member reads as Go's nil node, like a JSON null.
            if !error.isMissing { throw JSONPatchFailure("error in test for path: '\(path)': \(error.message)") }
        }
        let expected = op.members["value"]
        let actualIsNull = actual?.isNull ?? true
        if actualIsNull, expected?.isNull ?? true { return }
        if let actual, let expected, actual == expected { return }
        throw JSONPatchFailure("testing value \(path) failed: test failed")
    }

    static func copy(_ doc: inout JSONValue, _ op: Operation) throws(JSONPatchFailure) {
        let from: String
        do throws(JSONPatchFailure) { from = try pointer(op, "from") } catch { throw JSONPatchFailure("copy operation failed to decode from: \(error.message)") }
        guard let (container, key) = locate(doc, from) else {
            throw JSONPatchFailure("copy operation does not apply: doc is missing from path: \(from): \(missing)")
        }
        let value: JSONValue
        do throws(JSONPatchFailure) { value = try getMember(container, key) } catch {
            throw JSONPatchFailure("error in copy for from: '\(from)': \(error.message)")
        }
        guard let path = try? pointer(op, "path") else { throw JSONPatchFailure("copy operation failed to decode path: \(missing)") }
        let found: Void? = try withContainer(&doc, path) { (container, key) throws(JSONPatchFailure) in
            do throws(JSONPatchFailure) { try addMember(&container, key, value) } catch {
                throw JSONPatchFailure("error while adding value during copy: \(error.message)")
            }
        }
        if found == nil { throw JSONPatchFailure("copy operation does not apply: doc is missing destination path: \(path): \(missing)") }
    }
}

func goTypeName(_ value: JSONValue) -> String {
    switch value {
    case .null: return "null"
    case .bool: return "bool"
    case .int, .double: return "number"
    case .string: return "string"
    case .array: return "array"
    case .object: return "object"
    }
}
