import Values

extension RepoIndex {
    /// Helm's `loadIndex`: bytes that are valid JSON are read with `encoding/json`
    /// (unknown fields ignored, no type coercion); anything else with
    /// `sigs.k8s.io/yaml.UnmarshalStrict` (scalars become strings where a string is
    /// wanted, unknown fields are an error). Then, as Helm does, null entries and
    /// versions that fail chart validation are skipped (`warn` hears why, in Helm's
    /// words), an entry without apiVersion reads as v1, each chart's versions are sorted
    /// newest first, and an index without apiVersion is refused.
    ///
    /// `source` names the index in warnings and errors (a path or URL).
    public static func decode(
        _ bytes: [UInt8], source: String, warn: (String) -> Void = { _ in }
    ) throws(RepoIndexError) -> RepoIndex {
        if bytes.isEmpty { throw .empty(source: source) }
        let text = String(decoding: bytes, as: UTF8.self)
        var reader: RepoIndexReader
        let root: Value
        if let json = try? JSON.decode(text) {
            reader = RepoIndexReader(yaml: false)
            root = json
        } else {
            do { root = try YAML.decode(text) } catch { throw .malformed(source: source, reason: "\(error)") }
            reader = RepoIndexReader(yaml: true)
        }
        var index = reader.index(root)
        if let e = reader.error {
            throw .malformed(source: source, reason: reader.yaml ? ChartLoader.jsonFailure(e) : e)
        }
        for name in reader.decoded.keys.sorted() {
            var kept: [RepoChartVersion] = []
            for slot in (reader.decoded[name] ?? []).reversed() {
                guard var cv = slot else {
                    warn("skipping loading invalid entry for chart \(ChartValidation.goQuote(name)) from \(source): empty entry")
                    continue
                }
                if cv.metadata.apiVersion.isEmpty { cv.metadata.apiVersion = "v1" }
                do {
                    try ChartValidation.validate(
                        &cv.metadata, nullMaintainer: cv.nullMaintainer, nullDependency: cv.nullDependency)
                } catch {
                    // JFrog strips aliases, so Helm lets duplicate dependency names through.
                    if case .validation(let m) = error, m.hasPrefix("more than one dependency with name or alias") {
                    } else {
                        warn(
                            "skipping loading invalid entry for chart \(ChartValidation.goQuote(name)) \(ChartValidation.goQuote(cv.metadata.version)) from \(source): \(error)"
                        )
                        continue
                    }
                }
                kept.append(cv.version)
            }
            index.entries[name] = kept.reversed()
        }
        index.sortEntries()
        if index.apiVersion.isEmpty { throw .noAPIVersion(source: source) }
        return index
    }
}

/// A decoded entry before validation: the version plus the null list members Go keeps
/// as nil pointers (which validation refuses).
struct RepoChartVersionSlot {
    var version: RepoChartVersion
    var nullMaintainer = false
    var nullDependency = false
    var metadata: ChartMetadata {
        get { version.metadata }
        set { version.metadata = newValue }
    }
}

/// Fills `RepoIndex` from a decoded JSON/YAML value as `encoding/json` fills Helm's
/// structs: keys match field tags exactly or case-insensitively, null leaves a field
/// alone, and the first mismatch is kept in `error` in Go's wording
/// (`json: cannot unmarshal number into Go struct field ChartVersion.entries.Metadata.version of type string`).
struct RepoIndexReader {
    /// sigs.k8s.io/yaml's strict mode (YAML input) rather than plain encoding/json.
    let yaml: Bool
    private(set) var error: String?
    /// The result before validation: per chart, nil for a null list member.
    typealias Entries = [String: [RepoChartVersionSlot?]]

    init(yaml: Bool) { self.yaml = yaml }

    private mutating func fail(_ message: String) {
        if error == nil { error = message }
    }

    private mutating func mismatch(_ v: Value, _ structName: String, _ path: String, _ type: String) {
        fail("json: cannot unmarshal \(ChartYAMLReader.jsonKind(v)) into Go struct field \(structName).\(path) of type \(type)")
    }

    /// The object's keys matched to `fields` (encoding/json prefers an exact match, then
    /// any case-insensitive one); in YAML mode an unmatched key is an error.
    private mutating func fields(_ m: ValueMap, _ fields: [String]) -> [String: Value] {
        var out: [String: Value] = [:]
        let lowered = Dictionary(fields.map { ($0.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        for key in m.keys.sorted() {
            guard let v = m[key] else { continue }
            if fields.contains(key) {
                out[key] = v
            } else if let f = lowered[key.lowercased()] {
                if out[f] == nil { out[f] = v }
            } else if yaml {
                fail("json: unknown field \(ChartValidation.goQuote(key))")
            }
        }
        return out
    }

    /// A string field. sigs.k8s.io/yaml turns YAML scalars into strings for string
    /// fields it can see through its JSON target, which stops at ChartVersion's embedded
    /// `*chart.Metadata` (a nil pointer while decoding): there `coerce` is false and a
    /// number is a type error, as Helm reports.
    private mutating func string(_ v: Value?, _ s: String, _ path: String, coerce: Bool = true) -> String? {
        guard let v, !v.isNull else { return nil }
        if case .string(let text) = v { return text }
        if yaml && coerce, let text = ChartYAMLReader.scalarText(v) { return text }
        mismatch(v, s, path, "string")
        return nil
    }

    private mutating func strings(_ v: Value?, _ s: String, _ path: String, coerce: Bool = true) -> [String]? {
        guard let v, !v.isNull else { return nil }
        guard case .list(let items, _) = v else {
            mismatch(v, s, path, "[]string")
            return nil
        }
        return items.map { string($0, s, path, coerce: coerce) ?? "" }
    }

    private mutating func stringMap(_ v: Value?, _ s: String, _ path: String, coerce: Bool = true) -> [String: String]? {
        guard let v, !v.isNull else { return nil }
        guard case .map(let m, _) = v else {
            mismatch(v, s, path, "map[string]string")
            return nil
        }
        var out: [String: String] = [:]
        for key in m.keys.sorted() { out[key] = string(m[key], s, path, coerce: coerce) ?? "" }
        return out
    }

    private mutating func bool(_ v: Value?, _ s: String, _ path: String) -> Bool? {
        guard let v, !v.isNull else { return nil }
        if case .bool(let b) = v { return b }
        mismatch(v, s, path, "bool")
        return nil
    }

    /// A `time.Time` field: a JSON string in RFC 3339, normalised to how Go prints it back.
    private mutating func time(_ v: Value?) -> String? {
        guard let v, !v.isNull else { return nil }
        guard case .string(let text) = v else {
            fail("Time.UnmarshalJSON: input is not a JSON string")
            return nil
        }
        do {
            return try GoTime.parse(layout: GoTimeLayout.rfc3339, value: text, in: .utc).format(GoTimeLayout.rfc3339Nano)
        } catch {
            fail(error.message)
            return nil
        }
    }

    mutating func index(_ root: Value) -> RepoIndex {
        var index = RepoIndex(apiVersion: "")
        if root.isNull { return index }
        guard case .map(let m, _) = root else {
            fail("json: cannot unmarshal \(ChartYAMLReader.jsonKind(root)) into Go value of type repo.IndexFile")
            return index
        }
        let f = fields(m, ["serverInfo", "apiVersion", "generated", "entries", "publicKeys", "annotations"])
        let s = "IndexFile"
        if let v = f["serverInfo"], !v.isNull {
            if case .map(let sm, _) = v { index.serverInfo = sm.dictionary } else {
                mismatch(v, s, "serverInfo", "map[string]interface {}")
            }
        }
        index.apiVersion = string(f["apiVersion"], s, "apiVersion") ?? ""
        index.generated = time(f["generated"]) ?? RepoIndex.zeroTime
        index.publicKeys = strings(f["publicKeys"], s, "publicKeys") ?? []
        index.annotations = stringMap(f["annotations"], s, "annotations") ?? [:]
        var slots: Entries = [:]
        if let v = f["entries"], !v.isNull {
            if case .map(let em, _) = v {
                for name in em.keys.sorted() {
                    guard let list = em[name], !list.isNull else {
                        slots[name] = []
                        continue
                    }
                    guard case .list(let items, _) = list else {
                        mismatch(list, s, "entries", "repo.ChartVersions")
                        continue
                    }
                    slots[name] = items.map { item in item.isNull ? nil : chartVersion(item) }
                }
            } else {
                mismatch(v, s, "entries", "map[string]repo.ChartVersions")
            }
        }
        decoded = slots
        return index
    }

    /// The entries `index` read, before validation (kept apart because null members
    /// have no `RepoChartVersion` yet).
    private(set) var decoded: Entries = [:]

    private mutating func chartVersion(_ v: Value) -> RepoChartVersionSlot? {
        let s = "ChartVersion"
        guard case .map(let m, _) = v else {
            mismatch(v, "IndexFile", "entries", "repo.ChartVersion")
            return nil
        }
        let metaKeys = [
            "name", "home", "sources", "version", "description", "keywords", "maintainers", "icon", "apiVersion",
            "condition", "tags", "appVersion", "deprecated", "annotations", "kubeVersion", "dependencies", "type",
        ]
        let ownKeys = ["urls", "created", "removed", "digest", "checksum", "engine", "tillerVersion", "url"]
        let f = fields(m, metaKeys + ownKeys)
        var slot = RepoChartVersionSlot(version: RepoChartVersion(metadata: ChartMetadata(), urls: []))
        var md = ChartMetadata()
        md.apiVersion = ""
        let p = "entries.Metadata."
        md.name = string(f["name"], s, p + "name", coerce: false) ?? ""
        md.home = string(f["home"], s, p + "home", coerce: false) ?? ""
        md.sources = strings(f["sources"], s, p + "sources", coerce: false) ?? []
        md.version = string(f["version"], s, p + "version", coerce: false) ?? ""
        md.description = string(f["description"], s, p + "description", coerce: false) ?? ""
        md.keywords = strings(f["keywords"], s, p + "keywords", coerce: false) ?? []
        md.icon = string(f["icon"], s, p + "icon", coerce: false) ?? ""
        md.apiVersion = string(f["apiVersion"], s, p + "apiVersion", coerce: false) ?? ""
        md.condition = string(f["condition"], s, p + "condition", coerce: false) ?? ""
        md.tags = string(f["tags"], s, p + "tags", coerce: false) ?? ""
        md.appVersion = string(f["appVersion"], s, p + "appVersion", coerce: false) ?? ""
        md.deprecated = bool(f["deprecated"], s, p + "deprecated") ?? false
        md.annotations = stringMap(f["annotations"], s, p + "annotations", coerce: false) ?? [:]
        md.kubeVersion = string(f["kubeVersion"], s, p + "kubeVersion", coerce: false) ?? ""
        md.type = string(f["type"], s, p + "type", coerce: false) ?? ""
        md.engine = string(f["engine"], s, "entries.engine") ?? ""
        if let list = f["maintainers"], !list.isNull {
            if case .list(let items, _) = list {
                for item in items {
                    if item.isNull { slot.nullMaintainer = true; continue }
                    guard case .map(let mm, _) = item else {
                        mismatch(item, s, p + "maintainers", "v2.Maintainer")
                        continue
                    }
                    let mf = fields(mm, ["name", "email", "url"])
                    let mp = p + "maintainers."
                    md.maintainers.append(
                        ChartMetadata.Maintainer(
                            name: string(mf["name"], "Maintainer", mp + "name", coerce: false) ?? "",
                            email: string(mf["email"], "Maintainer", mp + "email", coerce: false) ?? "",
                            url: string(mf["url"], "Maintainer", mp + "url", coerce: false) ?? ""))
                }
            } else {
                mismatch(list, s, p + "maintainers", "[]*v2.Maintainer")
            }
        }
        if let list = f["dependencies"], !list.isNull {
            if case .list(let items, _) = list {
                for item in items {
                    if item.isNull { slot.nullDependency = true; continue }
                    guard case .map(let dm, _) = item else {
                        mismatch(item, s, p + "dependencies", "v2.Dependency")
                        continue
                    }
                    md.dependencies.append(dependency(dm))
                }
            } else {
                mismatch(list, s, p + "dependencies", "[]*v2.Dependency")
            }
        }
        slot.version.metadata = md
        slot.version.urls = strings(f["urls"], s, "entries.urls") ?? []
        slot.version.created = time(f["created"]) ?? RepoIndex.zeroTime
        slot.version.removed = bool(f["removed"], s, "entries.removed") ?? false
        slot.version.digest = string(f["digest"], s, "entries.digest") ?? ""
        for key in ["checksum", "tillerVersion", "url"] {
            if let text = string(f[key], s, "entries." + key), !text.isEmpty { slot.version.deprecatedFields[key] = text }
        }
        return slot
    }

    private mutating func dependency(_ m: ValueMap) -> ChartDependency {
        let s = "Dependency"
        let p = "entries.Metadata.dependencies."
        let f = fields(m, ["name", "version", "repository", "condition", "tags", "enabled", "import-values", "alias"])
        var d = ChartDependency()
        d.name = string(f["name"], s, p + "name", coerce: false) ?? ""
        d.version = string(f["version"], s, p + "version", coerce: false) ?? ""
        d.repository = string(f["repository"], s, p + "repository", coerce: false) ?? ""
        d.condition = string(f["condition"], s, p + "condition", coerce: false) ?? ""
        d.tags = strings(f["tags"], s, p + "tags", coerce: false) ?? []
        d.enabled = bool(f["enabled"], s, p + "enabled") ?? false
        if let iv = f["import-values"], !iv.isNull {
            if case .list(let items, _) = iv { d.importValues = items } else {
                mismatch(iv, s, p + "import-values", "[]interface {}")
            }
        }
        d.alias = string(f["alias"], s, p + "alias", coerce: false) ?? ""
        return d
    }
}
