import KubeObjects

/// Query parameters into the operations' options, with the API server's 400s for bad ones.
extension HTTPRequest {
    func writeOptions() throws(APIError) -> WriteOptions {
        var o = WriteOptions()
        let dryRun = queryAll("dryRun")
        if let bad = dryRun.first(where: { $0 != "All" }) {
            throw APIError(code: 400, reason: "BadRequest", message: "dryRun: Unsupported value: \"\(bad)\": supported values: \"All\"")
        }
        o.dryRun = !dryRun.isEmpty
        o.fieldManager = query("fieldManager")
        if let m = o.fieldManager, m.utf8.count > 128 {
            throw APIError.badRequest("fieldManager: Too long: may not be more than 128 bytes")
        }
        o.force = queryFlag("force")
        guard let validation = FieldValidation(queryValue: query("fieldValidation")) else {
            throw APIError.badRequest(
                "fieldValidation: Unsupported value: \"\(query("fieldValidation") ?? "")\": supported values: \"Ignore\", \"Strict\", \"Warn\"")
        }
        o.fieldValidation = validation
        o.userAgent = header("user-agent") ?? ""
        return o
    }

    func listOptions() throws(APIError) -> ListOptions {
        var o = ListOptions()
        if let s = query("labelSelector"), !s.isEmpty {
            do {
                o.labelSelector = try LabelSelector(parsing: s)
            } catch {
                throw APIError.badRequest("unable to parse requirement: \(error.message)")
            }
        }
        if let s = query("fieldSelector"), !s.isEmpty {
            do {
                o.fieldSelector = try FieldSelector(parsing: s)
            } catch {
                throw APIError.badRequest(error.message)
            }
        }
        if let l = query("limit"), !l.isEmpty {
            guard let n = Int(l) else { throw APIError.badRequest("limit: Invalid value: \"\(l)\"") }
            o.limit = n
        }
        o.continueToken = query("continue")
        o.resourceVersion = query("resourceVersion")
        o.resourceVersionMatch = query("resourceVersionMatch")
        o.watch = queryFlag("watch")
        o.allowWatchBookmarks = queryFlag("allowWatchBookmarks")
        if let s = query("sendInitialEvents") { o.sendInitialEvents = queryFlag("sendInitialEvents") || s == "true" }
        if let t = query("timeoutSeconds"), let n = Int(t) { o.timeoutSeconds = n }
        return o
    }
}
