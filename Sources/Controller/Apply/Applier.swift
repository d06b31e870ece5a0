import Charts
import KubeClient
import KubeObjects

/// Applies a release's objects with server-side apply, in Helm's install order: the
/// release namespace first when asked, then the chart's `crds/` per policy (waiting until
/// they are Established), then every object of the manifest. An object that exists without
/// this release's ownership metadata is refused with Helm's message unless adoption is
/// asked for; a CustomResourceDefinition among the templates is waited for before the
/// objects after it, so its custom resources can follow it in one apply.
///
/// An apply of unchanged objects changes nothing on the server (no new resourceVersion),
/// so re-applying a release to correct drift is cheap and silent.
public struct Applier: Sendable {
    public let client: APIClient
    public let mapper: RESTMapper
    public let ownership: HelmOwnership

    public init(client: APIClient, mapper: RESTMapper, ownership: HelmOwnership) {
        self.client = client
        self.mapper = mapper
        self.ownership = ownership
    }

    /// Applies `objects` (and the chart's `crds/` files); returns what the server holds,
    /// in the order applied.
    public func apply(_ objects: [ReleaseObject], chartCRDs: [ChartFile] = [], options: ApplyOptions = ApplyOptions())
        async throws -> [AppliedObject]
    {
        if options.createNamespace { try await createReleaseNamespace() }
        let installer = DefinitionInstaller(client: client, options: options)
        let definitions = try DefinitionInstaller.definitions(in: chartCRDs)
        if try await installer.install(definitions) { try await mapper.refresh() }

        var applied: [AppliedObject] = []
        for object in InstallOrder.sorted(objects) {
            let resource = try await resourceClient(for: object)
            if !options.adopt && !options.previouslyOwned.contains(object.identity) {
                try await checkOwnership(of: object, with: resource)
            }
            let stored: JSONValue
            do {
                stored = try await resource.apply(object.object, fieldManager: options.fieldManager, force: options.forceConflicts)
            } catch let error as KubeAPIError {
                throw ApplyError.server(object: object.identity, source: object.source, message: error.message)
            }
            applied.append(
                AppliedObject(
                    kind: object.kind, namespace: object.namespace, name: object.name, uid: stored.metadataUID ?? "",
                    resourceVersion: stored.metadataResourceVersion ?? "", source: object.source,
                    appliedState: ReadinessCheck.check(stored)))
            if DefinitionScopes.isDefinition(object.object) {
                // Its custom resources may come next in this very apply.
                try await installer.waitEstablished(object.name)
                try await mapper.refresh()
            }
        }
        return applied
    }

    /// Helm's `--create-namespace`: a Namespace labelled `name: <namespace>`, kept if it
    /// exists.
    private func createReleaseNamespace() async throws {
        let namespaces = ResourceClient(client: client, resource: GroupVersionResource(group: "", version: "v1", resource: "namespaces"))
        let name = ownership.releaseNamespace
        guard try await namespaces.getIfExists(name) == nil else { return }
        do {
            _ = try await namespaces.create([
                "apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(name), "labels": ["name": .string(name)]],
            ])
        } catch let error as KubeAPIError where error.isAlreadyExists {
            return
        } catch let error as KubeAPIError {
            throw ApplyError.server(
                object: ObjectIdentity(group: "", kind: "Namespace", namespace: nil, name: name), source: "--create-namespace",
                message: error.message)
        }
    }

    private func resourceClient(for object: ReleaseObject) async throws -> ResourceClient {
        do {
            return try await mapper.resourceClient(for: object.kind, namespace: object.namespace, client: client)
        } catch is UnknownResourceError {
            throw ApplyError.unknownKind(object: object.identity, kind: object.kind, source: object.source)
        }
    }

    private func checkOwnership(of object: ReleaseObject, with resource: ResourceClient) async throws {
        let existing: JSONValue?
        do {
            existing = try await resource.getIfExists(object.name)
        } catch let error as KubeAPIError {
            throw ApplyError.server(object: object.identity, source: object.source, message: error.message)
        }
        guard let existing, let problem = ownership.ownershipProblem(of: existing) else { return }
        throw ApplyError.ownership(object: object.identity, source: object.source, problem: problem)
    }
}
