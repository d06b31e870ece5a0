import Values

/// A field manager as the API server tells managers apart: the name, the operation, the
/// subresource, and for `Update` managers the API version written (an `Apply` manager
/// keeps one identity across versions). This is fieldmanager's `BuildManagerIdentifier`.
public struct ManagerIdentity: Hashable, Sendable {
    public var manager: String
    public var operation: ManagedFieldsEntry.Operation
    /// Empty for `Apply`.
    public var apiVersion: String
    public var subresource: String

    public init(manager: String, operation: ManagedFieldsEntry.Operation, apiVersion: String, subresource: String = "") {
        self.manager = manager
        self.operation = operation
        self.apiVersion = operation == .apply ? "" : apiVersion
        self.subresource = subresource
    }

    /// The identifier's JSON (`{"manager":"m","operation":"Update","apiVersion":"v1"}`), by
    /// which conflict messages sort managers.
    var identifierJSON: String {
        var s = "{\"manager\":" + JSONValue.string(manager).serialized() + ",\"operation\":\"" + operation.rawValue + "\""
        if !apiVersion.isEmpty { s += ",\"apiVersion\":" + JSONValue.string(apiVersion).serialized() }
        if !subresource.isEmpty { s += ",\"subresource\":" + JSONValue.string(subresource).serialized() }
        return s + "}"
    }

    /// fieldmanager's `printManager`: `"m"`, `"m" with subresource "status"`, and
    /// ` using v1` for `Update` managers.
    var conflictDescription: String {
        var s = GoQuote.quote(manager)
        if !subresource.isEmpty { s += " with subresource \(GoQuote.quote(subresource))" }
        if operation == .update { s += " using \(apiVersion)" }
        return s
    }
}

/// One `metadata.managedFields` entry.
public struct ManagedFieldsEntry: Hashable, Sendable {
    public enum Operation: String, Hashable, Sendable {
        case apply = "Apply"
        case update = "Update"
    }

    public var manager: String
    public var operation: Operation
    public var apiVersion: String
    /// RFC 3339 seconds (`2024-05-01T10:00:00Z`); absent when no write of this manager
    /// changed the object.
    public var time: String?
    public var fields: FieldSet
    public var subresource: String

    public init(manager: String, operation: Operation, apiVersion: String, time: String?, fields: FieldSet, subresource: String = "") {
        self.manager = manager
        self.operation = operation
        self.apiVersion = apiVersion
        self.time = time
        self.fields = fields
        self.subresource = subresource
    }

    public var identity: ManagerIdentity {
        ManagerIdentity(manager: manager, operation: operation, apiVersion: apiVersion, subresource: subresource)
    }

    /// Reads an entry; only `FieldsV1` is understood, as by every current API server.
    public init(json: JSONValue) throws(ServerSideApplyError) {
        guard case .object(let o) = json else { throw .invalidManagedFields("entry is not an object") }
        guard let op = o["operation"]?.stringValue.flatMap(Operation.init(rawValue:)) else {
            throw .invalidManagedFields("operation must be Apply or Update")
        }
        if let t = o["fieldsType"]?.stringValue, t != "FieldsV1" {
            throw .invalidManagedFields("invalid fieldsType \(t)")
        }
        let fields: FieldSet
        do { fields = try o["fieldsV1"].map { v throws(FieldsV1Error) in try FieldSet(fieldsV1: v) } ?? FieldSet() } catch {
            throw .invalidManagedFields(error.message)
        }
        self.init(
            manager: o["manager"]?.stringValue ?? "", operation: op, apiVersion: o["apiVersion"]?.stringValue ?? "",
            time: o["time"]?.stringValue, fields: fields, subresource: o["subresource"]?.stringValue ?? "")
    }

    public var json: JSONValue {
        var o: [String: JSONValue] = [
            "manager": .string(manager), "operation": .string(operation.rawValue), "apiVersion": .string(apiVersion),
            "fieldsType": "FieldsV1", "fieldsV1": fields.fieldsV1,
        ]
        if let time { o["time"] = .string(time) }
        if !subresource.isEmpty { o["subresource"] = .string(subresource) }
        return .object(o)
    }
}

/// The managers of an object and the fields each owns.
public struct ManagedFields: Hashable, Sendable {
    public var entries: [ManagedFieldsEntry]

    public init(_ entries: [ManagedFieldsEntry] = []) {
        self.entries = entries
    }

    /// Reads `metadata.managedFields` of `object` (none when absent).
    public init(of object: JSONValue?) throws(ServerSideApplyError) {
        guard let list = object?[path: ["metadata", "managedFields"]], !list.isNull else {
            self.init()
            return
        }
        guard case .array(let items) = list else { throw .invalidManagedFields("managedFields is not a list") }
        var entries: [ManagedFieldsEntry] = []
        for item in items { entries.append(try ManagedFieldsEntry(json: item)) }
        self.init(entries)
    }

    /// The entries in the API server's order (`sortEncodedManagedFields`): Apply before
    /// Update, then by time, manager, API version and subresource.
    public var sorted: [ManagedFieldsEntry] {
        entries.sorted { p, q in
            if p.operation != q.operation { return p.operation == .apply }
            let pt = p.time ?? ""
            let qt = q.time ?? ""
            if pt != qt { return pt < qt }
            if p.manager != q.manager { return p.manager < q.manager }
            if p.apiVersion != q.apiVersion { return p.apiVersion < q.apiVersion }
            return p.subresource < q.subresource
        }
    }

    /// The `metadata.managedFields` value.
    public var json: JSONValue { .array(sorted.map(\.json)) }

    /// Stores the entries into `object`'s metadata (removing the key when there are none).
    public func write(into object: inout JSONValue) {
        var meta = object["metadata"] ?? .emptyObject
        meta["managedFields"] = entries.isEmpty ? JSONValue?.none : json
        object["metadata"] = meta
    }
}
