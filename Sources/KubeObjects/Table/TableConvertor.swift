/// A `meta.k8s.io/v1` Table column (`TableColumnDefinition`).
public struct TableColumn: Sendable, Hashable {
    public var name: String
    public var type: String
    public var format: String
    public var description: String
    public var priority: Int

    public init(name: String, type: String = "string", format: String = "", description: String = "", priority: Int = 0) {
        self.name = name
        self.type = type
        self.format = format
        self.description = description
        self.priority = priority
    }

    public var json: JSONValue {
        ["name": .string(name), "type": .string(type), "format": .string(format), "description": .string(description),
         "priority": .int(Int64(priority))]
    }

    static let objectMetaNameDescription =
        "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names"
    static let creationTimestampDescription =
        "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"

    /// The first column of every table: kubectl needs `format: name` there.
    public static let name = TableColumn(name: "Name", format: "name", description: objectMetaNameDescription)
    public static let age = TableColumn(name: "Age", description: creationTimestampDescription)
}

/// One entry of a CRD version's `additionalPrinterColumns`.
public struct PrinterColumn: Sendable, Hashable {
    public var name: String
    public var type: String
    public var format: String
    public var description: String
    public var priority: Int
    public var jsonPath: String

    public init(name: String, type: String, format: String = "", description: String = "", priority: Int = 0, jsonPath: String) {
        self.name = name
        self.type = type
        self.format = format
        self.description = description
        self.priority = priority
        self.jsonPath = jsonPath
    }

    /// Reads `{name, type, format, description, priority, jsonPath}` from the CRD.
    public init?(json: JSONValue) {
        guard let name = json["name"]?.stringValue, let path = json["jsonPath"]?.stringValue else { return nil }
        self.init(
            name: name, type: json["type"]?.stringValue ?? "string", format: json["format"]?.stringValue ?? "",
            description: json["description"]?.stringValue ?? "", priority: Int(json["priority"]?.intValue ?? 0),
            jsonPath: path)
    }

    /// What the API server serves for a CRD version without columns
    /// (`serveDefaultColumnsIfEmpty`): the creation timestamp shown as Age.
    public static let defaultColumns = [
        PrinterColumn(
            name: "Age", type: "date", description: TableColumn.creationTimestampDescription,
            jsonPath: ".metadata.creationTimestamp")
    ]
}

/// What `rows[].object` carries (the `includeObject` table option).
public enum TableIncludeObject: String, Sendable {
    case none = "None"
    /// A `PartialObjectMetadata` holding the object's metadata: the default, and what kubectl
    /// needs for the NAMESPACE column under `-A` and the `kind/name` prefix of `get all`.
    case metadata = "Metadata"
    case object = "Object"
}

/// Turns objects into `meta.k8s.io/v1` Tables, as the API server's table convertors do: the
/// built-in printers of `pkg/printers/internalversion` for common kinds, the CRD convertor
/// for `additionalPrinterColumns`, and Name/Age for everything else. The server always
/// produces the wide (priority 1) cells; kubectl hides them unless `-o wide`.
///
/// Ages are computed against `now`, passed in so that tables are deterministic under test.
public struct TableConvertor: Sendable {
    public let columns: [TableColumn]
    let rowCells: @Sendable (JSONValue, KubeTime) -> (cells: [JSONValue], conditions: [JSONValue]?)

    init(columns: [TableColumn], rowCells: @escaping @Sendable (JSONValue, KubeTime) -> (cells: [JSONValue], conditions: [JSONValue]?)) {
        self.columns = columns
        self.rowCells = rowCells
    }

    /// Name and Age: what CRDs get without printer columns, and the fallback for kinds
    /// without a printer here.
    public static let nameAndAge = TableConvertor(columns: [.name, .age]) { object, now in
        ([.string(object.metadataName ?? ""), .string(HumanDuration.since(object[path: ["metadata", "creationTimestamp"]], now: now))], nil)
    }

    /// The printer kube-apiserver uses for a built-in kind (Pod, Deployment, Service,
    /// ConfigMap, Secret, Namespace), or Name/Age for others.
    public static func builtin(group: String, kind: String) -> TableConvertor {
        BuiltinPrinters.convertor(group: group, kind: kind) ?? nameAndAge
    }

    /// The convertor for a custom resource version: Name, then one column per printer
    /// column (`PrinterColumn.defaultColumns` when the CRD declares none). A path that does
    /// not parse fails as the API server fails the CRD: `unrecognized column definition`.
    public static func customResource(printerColumns: [PrinterColumn]) throws(JSONPathError) -> TableConvertor {
        let defs = printerColumns.isEmpty ? PrinterColumn.defaultColumns : printerColumns
        var columns = [TableColumn.name]
        var paths: [(JSONPath, String)] = []
        for col in defs {
            paths.append((try JSONPath(col.jsonPath), col.type))
            let description =
                col.description.isEmpty ? "Custom resource definition column (in JSONPath format): \(col.jsonPath)" : col.description
            columns.append(TableColumn(name: col.name, type: col.type, format: col.format, description: description, priority: col.priority))
        }
        let evaluators = paths
        return TableConvertor(columns: columns) { object, now in
            var cells: [JSONValue] = [.string(object.metadataName ?? "")]
            for (path, type) in evaluators {
                guard let value = path.evaluate(object).first else {
                    cells.append(.null)
                    continue
                }
                cells.append(cell(type: type, value: value, now: now))
            }
            return (cells, nil)
        }
    }

    /// apiextensions' `cellForJSONValue`: a value of the wrong type for its column is an
    /// empty cell; `date` columns become ages. String columns print any value (the
    /// convertor runs JSONPath's printer for them).
    static func cell(type: String, value: JSONValue, now: KubeTime) -> JSONValue {
        switch (type, value) {
        case (_, .null): return .null
        case ("string", _): return .string(JSONPath.text(of: value))
        case ("integer", .int(let i)): return .int(i)
        case ("integer", .double(let d)): return d.isFinite && abs(d) < 9.2e18 ? .int(Int64(d)) : .null
        case ("number", .int(let i)): return .double(Double(i))
        case ("number", .double): return value
        case ("boolean", .bool): return value
        case ("date", .string(let s)):
            guard let t = KubeTime(rfc3339: s) else { return "<invalid>" }
            return .string(HumanDuration.format(seconds: now.secondsSinceEpoch - t.secondsSinceEpoch))
        default: return .null
        }
    }

    /// One row's cells for `object`.
    public func cells(for object: JSONValue, now: KubeTime) -> [JSONValue] { rowCells(object, now).cells }

    /// A Table of `objects` (one for a single get, many for a list or a watch event).
    /// `listMetadata` becomes the Table's `metadata` (resourceVersion, continue,
    /// remainingItemCount); `includeColumns: false` sends `columnDefinitions: null`, as the
    /// server does for `noHeaders` watch events after the first.
    public func table(
        objects: [JSONValue], now: KubeTime, listMetadata: JSONValue = .emptyObject, includeColumns: Bool = true,
        includeObject: TableIncludeObject = .metadata
    ) -> JSONValue {
        var rows: [JSONValue] = []
        rows.reserveCapacity(objects.count)
        for object in objects {
            let (cells, conditions) = rowCells(object, now)
            var row: [String: JSONValue] = ["cells": .array(cells)]
            if let conditions { row["conditions"] = .array(conditions) }
            switch includeObject {
            case .none: row["object"] = .null
            case .object: row["object"] = object
            case .metadata: row["object"] = Self.partialObjectMetadata(object)
            }
            rows.append(.object(row))
        }
        return [
            "kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": listMetadata,
            "columnDefinitions": includeColumns ? .array(columns.map(\.json)) : .null, "rows": .array(rows),
        ]
    }

    /// `meta.k8s.io/v1 PartialObjectMetadata` carrying the object's whole metadata.
    public static func partialObjectMetadata(_ object: JSONValue) -> JSONValue {
        PartialObjectMetadata.of(object, version: .v1)
    }
}
