import Charts
import KubeClient
import KubeObjects

/// The chart's `crds/` folder, installed per the release's CRD policy. Helm creates these
/// definitions as they are, without ownership metadata (they are not part of the release
/// manifest and are never upgraded or deleted by Helm); `CreateReplace` (Flux's policy)
/// also replaces a definition that exists. Either way the applier continues only once each
/// definition is Established, so the custom resources that follow are served.
struct DefinitionInstaller: Sendable {
    static let resource = GroupVersionResource(group: "apiextensions.k8s.io", version: "v1", resource: "customresourcedefinitions")

    let client: ResourceClient
    let options: ApplyOptions

    init(client: APIClient, options: ApplyOptions) {
        self.client = ResourceClient(client: client, resource: Self.resource)
        self.options = options
    }

    /// The definitions in the files (every YAML document of each), in file order.
    static func definitions(in files: [ChartFile]) throws(ApplyError) -> [(source: String, object: JSONValue)] {
        var result: [(String, JSONValue)] = []
        for file in files {
            let text = String(decoding: file.data, as: UTF8.self)
            for document in ManifestSorting.split(text) {
                let object: JSONValue?
                do {
                    object = try ReleaseObjectBuilder.parse(document, source: file.name)
                } catch let ReleaseObjectError.unreadable(_, message) {
                    throw .invalidDefinition(source: file.name, message: "the document is not a Kubernetes object: \(message)")
                } catch {
                    throw .invalidDefinition(source: file.name, message: "\(error)")
                }
                guard let object else { continue }
                guard DefinitionScopes.isDefinition(object), let name = object.metadataName, !name.isEmpty else {
                    throw .invalidDefinition(
                        source: file.name,
                        message: "\(ReleaseObjectBuilder.describe(object)) is not a named apiextensions.k8s.io CustomResourceDefinition")
                }
                result.append((file.name, object))
            }
        }
        return result
    }

    /// Installs the definitions per policy; returns whether any was written (discovery then
    /// needs a refresh).
    func install(_ definitions: [(source: String, object: JSONValue)]) async throws -> Bool {
        guard options.crds != .skip else { return false }
        var written: [String] = []
        for (source, definition) in definitions {
            let name = definition.metadataName ?? ""
            let identity = ObjectIdentity(group: "apiextensions.k8s.io", kind: "CustomResourceDefinition", namespace: nil, name: name)
            do {
                if try await write(definition, name: name) { written.append(name) }
            } catch let error as KubeAPIError {
                throw ApplyError.server(object: identity, source: source, message: error.message)
            }
        }
        for name in written { try await waitEstablished(name) }
        return !written.isEmpty
    }

    /// Create, or with `CreateReplace` replace what is there; true when the server changed.
    private func write(_ definition: JSONValue, name: String) async throws -> Bool {
        do {
            _ = try await client.create(definition)
            return true
        } catch let error as KubeAPIError where error.isAlreadyExists {
            guard options.crds == .createReplace else { return false }
        }
        // Replace: PUT over the current version; a concurrent writer makes us read again.
        for _ in 0..<5 {
            guard let current = try await client.getIfExists(name) else {
                _ = try await client.create(definition)
                return true
            }
            var replacement = definition
            replacement[path: ["metadata", "resourceVersion"]] = current[path: ["metadata", "resourceVersion"]]
            do {
                let stored = try await client.update(replacement)
                return stored.metadataResourceVersion != current.metadataResourceVersion
            } catch let error as KubeAPIError where error.isConflict {
                continue
            }
        }
        throw KubeAPIError(code: 409, reason: "Conflict", message: "the definition kept changing while it was replaced")
    }

    /// Polls until `Established=True`; a definition whose names were refused fails at once.
    func waitEstablished(_ name: String) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: options.establishTimeout)
        var last = "not yet observed"
        while true {
            let definition = try await client.get(name)
            switch ReadinessCheck.check(definition) {
            case .ready: return
            case .failed(let reason): throw ApplyError.notEstablished(name: name, message: reason)
            case .inProgress(let reason): last = reason
            }
            guard clock.now < deadline else { throw ApplyError.notEstablished(name: name, message: "timed out: \(last)") }
            try await clock.sleep(for: options.establishPollInterval)
        }
    }
}
