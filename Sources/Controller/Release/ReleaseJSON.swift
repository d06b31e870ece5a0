import Values

/// `Release` as Go's `json.Marshal` writes Helm's struct and `json.Unmarshal` reads it.
/// Every field is `omitempty` (times `omitzero`); keys come out sorted, which no reader
/// minds. Values go through `Values.JSON`, so numbers, escaping (`<` as `\u003c`) and
/// map order are Go's.
extension Release {
    /// The JSON document Helm stores (before gzip and base64).
    public func jsonText() throws -> String {
        try JSON.encode(jsonValue())
    }

    func jsonValue() -> Value {
        var m = unknownFields
        if !name.isEmpty { m["name"] = .string(name) }
        m["info"] = info.jsonValue()
        if let chart { m["chart"] = chart.jsonValue() }
        if !config.isEmpty { m["config"] = .map(config) }
        if !manifest.isEmpty { m["manifest"] = .string(manifest) }
        if !hooks.isEmpty { m["hooks"] = .list(hooks.map { $0.jsonValue() }) }
        if version != 0 { m["version"] = .int(version) }
        if !namespace.isEmpty { m["namespace"] = .string(namespace) }
        if let applyMethod, !applyMethod.rawValue.isEmpty { m["apply_method"] = .string(applyMethod.rawValue) }
        return .map(m)
    }

    /// Reads the JSON document of a record. `labels` are the storage object's, which
    /// Helm keeps outside the JSON.
    public init(jsonText text: String, labels: [String: String] = [:]) throws(ReleaseDecodingError) {
        let root: Value
        do { root = try JSON.decode(text) } catch { throw .json("\(error)") }
        guard root.mapValue != nil, let r = try ReleaseJSONReader.object(root, path: "") else {
            throw .json("the document is \(root.isNull ? "null" : "not an object")")
        }
        let info = try ReleaseJSONReader.object(r.object["info"], path: "info").map { reader throws(ReleaseDecodingError) in
            try Info(reader)
        }
        let chart = try ReleaseJSONReader.object(r.object["chart"], path: "chart").map { reader throws(ReleaseDecodingError) in
            try ReleaseChart(reader)
        }
        var hooks: [Hook] = []
        for (i, item) in try r.list("hooks").enumerated() {
            // Go skips a null element into a nil *Hook; there is nothing to keep of it.
            guard let h = try ReleaseJSONReader.object(item, path: "hooks[\(i)]") else { continue }
            hooks.append(try Hook(h))
        }
        let method = try r.string("apply_method")
        self.init(
            name: try r.string("name"), namespace: try r.string("namespace"), version: try r.int("version"),
            info: info ?? Info(), chart: chart, config: try r.map("config"), manifest: try r.string("manifest"), hooks: hooks,
            labels: labels, applyMethod: method.isEmpty ? nil : ApplyMethod(rawValue: method),
            unknownFields: r.unknown(known: [
                "name", "info", "chart", "config", "manifest", "hooks", "version", "namespace", "labels", "apply_method",
            ]))
    }
}

extension Release.Info {
    func jsonValue() -> Value {
        var m: [String: Value] = [:]
        if let firstDeployed { m["first_deployed"] = ReleaseTime.json(firstDeployed) }
        if let lastDeployed { m["last_deployed"] = ReleaseTime.json(lastDeployed) }
        if let deleted { m["deleted"] = ReleaseTime.json(deleted) }
        if !description.isEmpty { m["description"] = .string(description) }
        if !status.rawValue.isEmpty { m["status"] = .string(status.rawValue) }
        if !notes.isEmpty { m["notes"] = .string(notes) }
        if let resources, !resources.isNull { m["resources"] = resources }
        return .map(m)
    }

    init(_ r: ReleaseJSONReader) throws(ReleaseDecodingError) {
        self.init(
            firstDeployed: try r.time("first_deployed"), lastDeployed: try r.time("last_deployed"), deleted: try r.time("deleted"),
            description: try r.string("description"), status: Release.Status(rawValue: try r.string("status")),
            notes: try r.string("notes"), resources: r.object["resources"].flatMap { $0.isNull ? nil : $0 })
    }
}

extension Release.Hook {
    func jsonValue() -> Value {
        var m: [String: Value] = [:]
        if !name.isEmpty { m["name"] = .string(name) }
        if !kind.isEmpty { m["kind"] = .string(kind) }
        if !path.isEmpty { m["path"] = .string(path) }
        if !manifest.isEmpty { m["manifest"] = .string(manifest) }
        if !events.isEmpty { m["events"] = .strings(events) }
        // A struct is never "empty" to omitempty: last_run is always written.
        var run: [String: Value] = ["phase": .string(lastRun.phase)]
        if let t = lastRun.startedAt { run["started_at"] = ReleaseTime.json(t) }
        if let t = lastRun.completedAt { run["completed_at"] = ReleaseTime.json(t) }
        m["last_run"] = .map(run)
        if weight != 0 { m["weight"] = .int(weight) }
        if !deletePolicies.isEmpty { m["delete_policies"] = .strings(deletePolicies) }
        if !outputLogPolicies.isEmpty { m["output_log_policies"] = .strings(outputLogPolicies) }
        return .map(m)
    }

    init(_ r: ReleaseJSONReader) throws(ReleaseDecodingError) {
        var run = Release.HookExecution()
        if let e = try ReleaseJSONReader.object(r.object["last_run"], path: r.sub("last_run")) {
            run = Release.HookExecution(startedAt: try e.time("started_at"), completedAt: try e.time("completed_at"), phase: try e.string("phase"))
        }
        self.init(
            name: try r.string("name"), kind: try r.string("kind"), path: try r.string("path"), manifest: try r.string("manifest"),
            events: try r.strings("events"), lastRun: run, weight: try r.int("weight"), deletePolicies: try r.strings("delete_policies"),
            outputLogPolicies: try r.strings("output_log_policies"))
    }
}

/// Go's `time.Time.MarshalJSON`: RFC 3339 with nanoseconds, trailing zeros trimmed.
enum ReleaseTime {
    static func json(_ t: GoTime) -> Value { .string(t.format(GoTimeLayout.rfc3339Nano)) }
}
