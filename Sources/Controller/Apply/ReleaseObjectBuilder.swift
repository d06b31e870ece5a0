import Charts
import KubeClient
import KubeObjects

/// Turns a release's rendered manifest into the objects to apply: each YAML document read
/// as Kubernetes reads it, its namespace resolved through discovery (Helm's client sets
/// the release namespace on namespaced kinds that name none; the API server drops a
/// namespace on cluster-scoped ones), and Helm's ownership metadata stamped on.
///
/// A custom resource whose CustomResourceDefinition comes with the release (in `crds/` or
/// among the templates) is not served yet when the manifest is read; its scope is taken
/// from that definition instead, and the applier waits for it to be served.
public struct ReleaseObjectBuilder: Sendable {
    public let ownership: HelmOwnership
    public let mapper: RESTMapper

    /// What to do with a kind nobody serves.
    public enum UnknownKinds: Sendable {
        /// Refuse the manifest (what an install or upgrade needs).
        case refuse
        /// Keep the object with the namespace it names (or the release's): reading an old
        /// revision's manifest whose CRD is gone, where there is nothing left to delete.
        case keep
    }

    public init(ownership: HelmOwnership, mapper: RESTMapper) {
        self.ownership = ownership
        self.mapper = mapper
    }

    /// The objects of sorted manifests (`ManifestSorting.sort(...).manifests`), in their order.
    /// `definitions` are CustomResourceDefinitions installed alongside (the chart's `crds/`).
    public func objects(
        from manifests: [Manifest], definitions: [JSONValue] = [], unknownKinds: UnknownKinds = .refuse
    ) async throws -> [ReleaseObject] {
        var documents: [(source: String, object: JSONValue)] = []
        for manifest in manifests {
            if let object = try Self.parse(manifest.content, source: manifest.path) {
                documents.append((manifest.path, object))
            }
        }
        return try await objects(documents, definitions: definitions, unknownKinds: unknownKinds)
    }

    /// The objects of a stored release's manifest text (`---\n# Source: path\n…` per
    /// document, as Helm stores it and `helm get manifest` prints it).
    public func objects(
        fromReleaseManifest text: String, definitions: [JSONValue] = [], unknownKinds: UnknownKinds = .refuse
    ) async throws -> [ReleaseObject] {
        var documents: [(source: String, object: JSONValue)] = []
        for (index, document) in ManifestSorting.split(text).enumerated() {
            let source = Self.sourceComment(of: document) ?? "manifest document \(index + 1)"
            if let object = try Self.parse(document, source: source) {
                documents.append((source, object))
            }
        }
        return try await objects(documents, definitions: definitions, unknownKinds: unknownKinds)
    }

    private func objects(
        _ documents: [(source: String, object: JSONValue)], definitions: [JSONValue], unknownKinds: UnknownKinds
    ) async throws -> [ReleaseObject] {
        let scopes = DefinitionScopes(definitions + documents.map(\.object))
        var result: [ReleaseObject] = []
        for (source, document) in documents {
            var object = document
            let described = Self.describe(object)
            guard let apiVersion = object["apiVersion"]?.stringValue, let gv = GroupVersion(apiVersion: apiVersion) else {
                throw ReleaseObjectError.missingField(source: source, field: "apiVersion", object: described)
            }
            guard let kindName = object["kind"]?.stringValue, !kindName.isEmpty else {
                throw ReleaseObjectError.missingField(source: source, field: "kind", object: described)
            }
            guard let name = object.metadataName, !name.isEmpty else {
                throw ReleaseObjectError.missingField(source: source, field: "metadata.name", object: described)
            }
            let kind = GroupVersionKind(gv, kind: kindName)
            let declared = object.metadataNamespace.flatMap { $0.isEmpty ? nil : $0 }
            let namespaced: Bool
            do {
                namespaced = try await mapper.mapping(for: kind).isNamespaced
            } catch is UnknownResourceError {
                if let scope = scopes.isNamespaced(kind) {
                    namespaced = scope
                } else if case .keep = unknownKinds {
                    namespaced = true
                } else {
                    throw ReleaseObjectError.unknownKind(
                        source: source, kind: kind, name: name, namespace: declared ?? ownership.releaseNamespace)
                }
            }
            let namespace = namespaced ? declared ?? ownership.releaseNamespace : nil
            object[path: ["metadata", "namespace"]] = namespace.map(JSONValue.string)
            ownership.stamp(&object)
            result.append(ReleaseObject(source: source, kind: kind, namespace: namespace, name: name, object: object))
        }
        return result
    }

    /// nil for an empty or comment-only document (the YAML decoder yields nothing for it,
    /// as for Helm's).
    static func parse(_ document: String, source: String) throws -> JSONValue? {
        let value: JSONValue
        do {
            value = try JSONValue.parseYAML(document)
        } catch {
            throw ReleaseObjectError.unreadable(source: source, message: "\(error)")
        }
        switch value {
        case .null: return nil
        case .object: return value
        default: throw ReleaseObjectError.unreadable(source: source, message: "a YAML \(value.typeName), not a mapping")
        }
    }

    /// The `# Source: path` comment Helm writes before each document of a release manifest.
    static func sourceComment(of document: String) -> String? {
        for line in document.split(separator: "\n", omittingEmptySubsequences: true) {
            let text = String(line).trimmingASCIIWhitespace()
            guard text.hasPrefix("#") else { return nil }
            if text.hasPrefix("# Source: ") { return String(text.dropFirst("# Source: ".count)).trimmingASCIIWhitespace() }
        }
        return nil
    }

    /// `Deployment "web"`, or as much of it as the document says, for messages.
    static func describe(_ object: JSONValue) -> String {
        let kind = object["kind"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        let name = object.metadataName.flatMap { $0.isEmpty ? nil : $0 }
        switch (kind, name) {
        case (let kind?, let name?): return "\(kind) \"\(name)\""
        case (let kind?, nil): return "a \(kind)"
        case (nil, let name?): return "an object named \"\(name)\""
        case (nil, nil): return "an object"
        }
    }
}

/// The scope of each kind the given CustomResourceDefinitions define, for custom resources
/// that arrive with their definition.
struct DefinitionScopes {
    private var namespaced: [GroupVersionKind: Bool] = [:]

    init(_ objects: [JSONValue]) {
        for crd in objects where Self.isDefinition(crd) {
            guard let group = crd[path: ["spec", "group"]]?.stringValue,
                let kind = crd[path: ["spec", "names", "kind"]]?.stringValue
            else { continue }
            let isNamespaced = crd[path: ["spec", "scope"]]?.stringValue != "Cluster"
            for version in crd[path: ["spec", "versions"]]?.arrayValue ?? [] {
                if let name = version["name"]?.stringValue {
                    namespaced[GroupVersionKind(group: group, version: name, kind: kind)] = isNamespaced
                }
            }
        }
    }

    func isNamespaced(_ kind: GroupVersionKind) -> Bool? { namespaced[kind] }

    static func isDefinition(_ object: JSONValue) -> Bool {
        object["kind"]?.stringValue == "CustomResourceDefinition"
            && object["apiVersion"]?.stringValue.map { $0.hasPrefix("apiextensions.k8s.io/") } == true
    }
}
