import KubeObjects

/// Puts one resource's answers in the negotiated `ResponseShape`: gets, lists, write
/// answers and watch events all pass through here, so each shape is decided once
/// (kube-apiserver's `transformResponseObject`). `Status` answers never pass through:
/// errors and "deleted" Statuses keep their own kind, as kube-apiserver leaves them.
struct ResponseRenderer: Sendable {
    let shape: ResponseShape
    let rules: ResourceRules
    /// What Table rows carry (`includeObject`, default Metadata).
    let includeObject: TableIncludeObject

    init(shape: ResponseShape, rules: ResourceRules, includeObject: TableIncludeObject = .metadata) {
        self.shape = shape
        self.rules = rules
        self.includeObject = includeObject
    }

    init(_ request: HTTPRequest, rules: ResourceRules) throws(APIError) {
        self.init(
            shape: try ResponseShape.negotiate(accept: request.header("accept")), rules: rules,
            includeObject: TableIncludeObject(rawValue: request.query("includeObject") ?? "") ?? .metadata)
    }

    /// A get's answer: the object, a one-row Table, or its metadata.
    func object(_ object: JSONValue, now: KubeTime) throws(APIError) -> JSONValue {
        switch shape {
        case .object: return object
        case .table:
            return rules.tableConvertor().table(
                objects: [object], now: now, listMetadata: ["resourceVersion": object[path: ["metadata", "resourceVersion"]] ?? ""],
                includeObject: includeObject)
        case .metadata(let version): return PartialObjectMetadata.of(object, version: version)
        case .metadataList: throw notAList()
        }
    }

    /// A list's answer; `metadata` is the list's (resourceVersion, continue, remainingItemCount).
    func list(_ items: [JSONValue], metadata: JSONValue, now: KubeTime) throws(APIError) -> JSONValue {
        switch shape {
        case .object: return plainList(items, metadata: metadata)
        case .table: return rules.tableConvertor().table(objects: items, now: now, listMetadata: metadata, includeObject: includeObject)
        case .metadataList(let version): return PartialObjectMetadata.list(items, metadata: metadata, version: version)
        case .metadata: throw isAList()
        }
    }

    /// What a create, update, patch or pending delete answers. Tables are a read's form: a
    /// write asked for one answers the object, as this server always has.
    func written(_ object: JSONValue) throws(APIError) -> JSONValue {
        switch shape {
        case .object, .table: return object
        case .metadata(let version): return PartialObjectMetadata.of(object, version: version)
        case .metadataList: throw notAList()
        }
    }

    /// What a deletecollection answers: the removed objects.
    func writtenList(_ items: [JSONValue], metadata: JSONValue) throws(APIError) -> JSONValue {
        switch shape {
        case .object, .table: return plainList(items, metadata: metadata)
        case .metadataList(let version): return PartialObjectMetadata.list(items, metadata: metadata, version: version)
        case .metadata: throw isAList()
        }
    }

    /// Throws 406 when this shape cannot carry watch events (each event is one object, so
    /// `PartialObjectMetadataList` has nothing to transform). kube-apiserver accepts the
    /// header and then fails every event; refusing up front says why.
    func checkWatchable() throws(APIError) {
        if case .metadataList = shape { throw notAList() }
    }

    /// One watch event's object. ERROR events carry a `Status` and stay as they are;
    /// BOOKMARKs become metadata too (client-go decodes every event into the type it
    /// asked for), but not Table rows. `first` says whether a Table still owes its columns.
    func watchObject(_ frame: WatchFrame, convertor: TableConvertor?, first: Bool, now: KubeTime) -> JSONValue {
        guard frame.type != "ERROR" else { return frame.object }
        switch shape {
        case .object, .metadataList: return frame.object
        case .table:
            guard frame.type != "BOOKMARK", let convertor else { return frame.object }
            return convertor.table(objects: [frame.object], now: now, includeColumns: first)
        case .metadata(let version): return PartialObjectMetadata.of(frame.object, version: version)
        }
    }

    private func plainList(_ items: [JSONValue], metadata: JSONValue) -> JSONValue {
        ["kind": .string(rules.listKind), "apiVersion": .string(rules.apiVersion), "metadata": metadata, "items": .array(items)]
    }

    // MARK: kube-apiserver's 406s for a transform the answer does not fit

    private func isAList() -> APIError {
        .notAcceptable("you requested PartialObjectMetadata, but the requested object is a list (\(goTypeName(list: true)))")
    }

    private func notAList() -> APIError {
        .notAcceptable("you requested PartialObjectMetadataList, but the requested object is not a list (\(goTypeName(list: false)))")
    }

    /// The Go type kube-apiserver names in those messages: the internal type of a built-in
    /// kind (`*core.Secret`, `*apps.DeploymentList`), unstructured for custom resources.
    private func goTypeName(list: Bool) -> String {
        if rules.isCustom { return list ? "*unstructured.UnstructuredList" : "*unstructured.Unstructured" }
        let package = rules.resource.group.isEmpty ? "core" : String(rules.resource.group.prefix { $0 != "." })
        return "*\(package).\(rules.resource.kind)\(list ? "List" : "")"
    }
}
