import KubeObjects

/// The query options of create, update and patch.
public struct WriteOptions: Sendable {
    /// `dryRun=All`: everything but storing.
    public var dryRun = false
    /// `fieldManager`; nil when the client sent none (the server then names the manager
    /// after the User-Agent's product, as `managedFields` shows for the Python client).
    public var fieldManager: String?
    /// `force` for server-side apply.
    public var force = false
    public var fieldValidation: FieldValidation = .ignore
    /// Used when `fieldManager` is nil.
    public var userAgent: String = ""

    public init() {}

    /// The manager a write is recorded under.
    public var manager: String {
        if let fieldManager, !fieldManager.isEmpty { return fieldManager }
        let product = userAgent.split(separator: "/", maxSplits: 1).first.map(String.init) ?? ""
        return product.isEmpty ? "unknown" : product
    }
}

/// `DeleteOptions`, from the body (JSON or protobuf) or the query.
public struct DeleteOptions: Sendable {
    public enum Propagation: String, Sendable {
        case orphan = "Orphan"
        case background = "Background"
        case foreground = "Foreground"
    }

    public var propagation: Propagation?
    public var preconditionUID: String?
    public var preconditionResourceVersion: String?
    public var dryRun = false
    public var gracePeriodSeconds: Int64?

    public init() {}

    /// Reads a `DeleteOptions` object; unknown policies are 422 as upstream.
    public init(json: JSONValue) throws(APIError) {
        if let p = json["propagationPolicy"]?.stringValue, !p.isEmpty {
            guard let policy = Propagation(rawValue: p) else {
                throw APIError(
                    code: 422, reason: "Invalid",
                    message: "DeleteOptions.meta.k8s.io \"\" is invalid: propagationPolicy: Unsupported value: \"\(p)\": supported values: \"Foreground\", \"Background\", \"Orphan\", \"nil\"")
            }
            propagation = policy
        } else if json["orphanDependents"]?.boolValue == true {
            propagation = .orphan
        }
        preconditionUID = json[path: ["preconditions", "uid"]]?.stringValue
        preconditionResourceVersion = json[path: ["preconditions", "resourceVersion"]]?.stringValue
        dryRun = (json["dryRun"]?.arrayValue ?? []).contains { $0.stringValue == "All" }
        gracePeriodSeconds = json["gracePeriodSeconds"]?.intValue
    }
}

/// The query options of list and watch.
public struct ListOptions: Sendable {
    public var labelSelector = LabelSelector.everything
    public var fieldSelector = FieldSelector.everything
    public var limit: Int?
    public var continueToken: String?
    public var resourceVersion: String?
    public var resourceVersionMatch: String?
    public var watch = false
    public var allowWatchBookmarks = false
    public var sendInitialEvents: Bool?
    public var timeoutSeconds: Int?

    public init() {}

    /// Whether an object passes both selectors.
    public func matches(_ object: JSONValue) -> Bool {
        (labelSelector.isEverything || labelSelector.matches(object: object))
            && (fieldSelector.isEverything || fieldSelector.matches(object: object))
    }
}
