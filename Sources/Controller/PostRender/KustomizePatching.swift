import KubeObjects

/// One entry of `kustomize.patches`, as kustomize's `PatchTransformer` reads it: a patch
/// whose text is a list of operations is JSON6902, any other object a strategic merge
/// patch. Applied with the API server's own patch code (KubeObjects), so a patch behaves
/// as `kubectl patch` with the same body would.
struct KustomizePatching {
    enum Form {
        case strategicMerge([String: JSONValue])
        case json6902(JSONPatch)
    }

    let form: Form
    let target: PatchTargetSelection?
    let location: String

    init(_ patch: KustomizePatch, location: String) throws(PostRenderError) {
        self.location = location
        let value: JSONValue
        do {
            value = try JSONValue.parseYAML(patch.patch)
        } catch {
            throw PostRenderError(.invalidPatch, location: location, message: "the patch is not YAML or JSON: \(error)")
        }
        switch value {
        case .array:
            do {
                form = .json6902(try JSONPatch(decoding: value))
            } catch {
                throw PostRenderError(.invalidPatch, location: location, message: "not a JSON6902 patch: \(error)")
            }
            guard patch.target != nil else {
                throw PostRenderError(.invalidPatch, location: location, message: "a JSON6902 patch needs a target")
            }
        case .object(let members):
            form = .strategicMerge(members)
        default:
            throw PostRenderError(
                .invalidPatch, location: location,
                message: "a patch is a strategic merge patch (an object) or a JSON6902 patch (a list of operations), not a \(value.typeName)")
        }
        target = try patch.target.map { selector throws(PostRenderError) in try PatchTargetSelection(selector, location: location) }
    }

    /// Patches every document the target selects; a target selecting nothing is an error
    /// (a patch that silently does nothing hides a typo or a chart change).
    func apply(to documents: inout [RenderedDocument], defaultNamespace: String) throws(PostRenderError) {
        let selected = try selectedIndices(documents, defaultNamespace: defaultNamespace)
        for index in selected {
            try apply(to: &documents[index])
        }
    }

    private func selectedIndices(_ documents: [RenderedDocument], defaultNamespace: String) throws(PostRenderError) -> [Int] {
        let live = documents.indices.filter { !documents[$0].deleted && documents[$0].object != nil }
        if let target {
            let selected = live.filter { target.matches(documents[$0], defaultNamespace: defaultNamespace) }
            if selected.isEmpty { throw PostRenderError(.noMatch, location: location, message: "the target selects no rendered object") }
            return selected
        }
        // Only a strategic merge patch gets here: it names its object itself.
        guard case .strategicMerge(let patch) = form else { return [] }
        let patchObject = JSONValue.object(patch)
        guard let kind = patch["kind"]?.stringValue, !kind.isEmpty, let name = patchObject.metadataName, !name.isEmpty else {
            throw PostRenderError(
                .invalidPatch, location: location,
                message: "a strategic merge patch without a target must name its object (kind and metadata.name)")
        }
        let apiVersion = patch["apiVersion"]?.stringValue.flatMap(GroupVersion.init(apiVersion:))
        let namespace = patchObject.metadataNamespace.flatMap { $0.isEmpty ? nil : $0 }
        let selected = live.filter { index in
            let document = documents[index]
            guard document.kind == kind, document.name == name else { return false }
            if let apiVersion, document.apiGroupVersion != (apiVersion.group, apiVersion.version) { return false }
            if let namespace {
                let own = document.object?.metadataNamespace.flatMap { $0.isEmpty ? nil : $0 } ?? defaultNamespace
                if own != namespace { return false }
            }
            return true
        }
        let named = "\(kind) \"\(name)\"" + (namespace.map { " in namespace \($0)" } ?? "")
        if selected.isEmpty { throw PostRenderError(.noMatch, location: location, message: "no rendered object is \(named)") }
        if selected.count > 1 {
            throw PostRenderError(
                .ambiguousTarget, location: location,
                message: "\(selected.count) rendered objects are \(named); give metadata.namespace or a target")
        }
        return selected
    }

    private func apply(to document: inout RenderedDocument) throws(PostRenderError) {
        guard let object = document.object else { return }
        let result: JSONValue
        switch form {
        case .json6902(let patch):
            do {
                result = try patch.apply(to: object)
            } catch {
                throw failure(document, "\(error)")
            }
        case .strategicMerge(var patch):
            // kustomize patches the selected object whatever the patch names: its identity
            // fields only pick the object (or are placeholders, `kind: .`).
            patch.removeValue(forKey: "apiVersion")
            patch.removeValue(forKey: "kind")
            if case .object(var metadata)? = patch["metadata"] {
                metadata.removeValue(forKey: "name")
                metadata.removeValue(forKey: "namespace")
                patch["metadata"] = metadata.isEmpty ? nil : .object(metadata)
            }
            if patch["$patch"] == .string("delete") {
                document.deleted = true
                return
            }
            let (group, version) = document.apiGroupVersion
            let schema = ObjectSchema.builtin(GroupVersionKind(group: group, version: version, kind: document.kind)) ?? .fields([:])
            do {
                result = try StrategicMergePatch.apply(.object(patch), to: object, schema: schema)
            } catch {
                throw failure(document, "\(error)")
            }
        }
        guard result.objectValue != nil else {
            throw PostRenderError(.patchFailed, location: location, message: "patching \(document.described) left no object")
        }
        if result != object {
            document.object = result
            document.changed = true
        }
    }

    private func failure(_ document: RenderedDocument, _ message: String) -> PostRenderError {
        PostRenderError(
            .patchFailed, location: location,
            message: "patching \(document.described) (\(document.path)): " + (document.mayQuoteContent ? message : "the patch does not apply"))
    }
}
