import KubeObjects

/// kustomize's `Selector` matching: each field set must match; group, version, kind, name
/// and namespace are regular expressions anchored at both ends (`web` does not select
/// `web-2`, `web.*` does); an empty or unset field matches anything.
struct PatchTargetSelection {
    private var patterns: [(field: KeyPath<Fields, String>, regex: Regex<AnyRegexOutput>)] = []
    private var labels: LabelSelector?
    private var annotations: LabelSelector?

    /// The values a document is matched on.
    struct Fields {
        var group: String
        var version: String
        var kind: String
        var name: String
        var namespace: String
    }

    init(_ selector: PatchSelector, location: String) throws(PostRenderError) {
        let fields: [(KeyPath<Fields, String>, String, String?)] = [
            (\.group, "group", selector.group), (\.version, "version", selector.version), (\.kind, "kind", selector.kind),
            (\.name, "name", selector.name), (\.namespace, "namespace", selector.namespace),
        ]
        for (path, field, pattern) in fields {
            guard let pattern, !pattern.isEmpty else { continue }
            do {
                patterns.append((path, try Regex("^(?:" + pattern + ")$")))
            } catch {
                throw PostRenderError(.invalidTarget, location: location, message: "target.\(field) \"\(pattern)\" is not a regular expression: \(error)")
            }
        }
        do {
            if let text = selector.labelSelector, !text.isEmpty { labels = try LabelSelector(parsing: text) }
        } catch {
            throw PostRenderError(.invalidTarget, location: location, message: "target.labelSelector: \(error)")
        }
        do {
            if let text = selector.annotationSelector, !text.isEmpty { annotations = try LabelSelector(parsing: text) }
        } catch {
            throw PostRenderError(.invalidTarget, location: location, message: "target.annotationSelector: \(error)")
        }
    }

    /// A document naming no namespace is matched as in `defaultNamespace` (the release's,
    /// where Helm puts it), so a target may name the namespace objects land in.
    func matches(_ document: RenderedDocument, defaultNamespace: String) -> Bool {
        guard let object = document.object else { return false }
        let (group, version) = document.apiGroupVersion
        let namespace = object.metadataNamespace.flatMap { $0.isEmpty ? nil : $0 } ?? defaultNamespace
        let fields = Fields(group: group, version: version, kind: document.kind, name: document.name, namespace: namespace)
        for (path, regex) in patterns where (try? regex.wholeMatch(in: fields[keyPath: path])) == nil {
            return false
        }
        if let labels, !labels.matches(object: object) { return false }
        if let annotations {
            var values: [String: String] = [:]
            for (k, v) in object[path: ["metadata", "annotations"]]?.objectValue ?? [:] {
                if let s = v.stringValue { values[k] = s }
            }
            if !annotations.matches(labels: values) { return false }
        }
        return true
    }
}
