import KubeClient
import KubeObjects

/// `spec.dependsOn`: a release is installed or upgraded only once every HelmRelease it
/// depends on (in any namespace) is Ready for its current generation. A dependency that
/// becomes Ready queues its dependents at once (`ReleaseIndexes.dependents`); until then
/// the release waits with `Ready=False`, reason `DependencyNotReady`. A chain that leads
/// back to the release itself can never be satisfied and is reported as a cycle.
struct DependencyCheck {
    enum Result: Equatable {
        case ready
        /// What is awaited, for the condition's message.
        case waiting(String)
        /// The cycle, e.g. `apps/a → infra/b → apps/a`.
        case cycle(String)
        /// A reference the controller's configuration refuses.
        case refused(String)
    }

    let caches: InformerCaches
    let client: APIClient
    var allowsCrossNamespace = true

    func check(_ release: HelmRelease) async throws -> Result {
        guard let dependencies = release.spec.dependsOn, !dependencies.isEmpty else { return .ready }
        let namespace = release.metadata.namespace ?? ""
        let me = ObjectRef(namespace: namespace, name: release.metadata.name ?? "")
        if !allowsCrossNamespace, let foreign = dependencies.first(where: { ($0.namespace ?? namespace) != namespace }) {
            return .refused(
                "dependsOn \(foreign.namespace ?? "")/\(foreign.name) is in another namespace, which this controller refuses (--no-cross-namespace-refs)")
        }
        if let cycle = try await cycle(from: me, release: release) { return .cycle(cycle) }
        var waiting: [String] = []
        for dependency in dependencies {
            let ref = ObjectRef(namespace: dependency.namespace ?? namespace, name: dependency.name)
            guard let object = try await read(ref) else {
                waiting.append("\(ref.namespace)/\(ref.name) (not found)")
                continue
            }
            if !Self.isReady(object) { waiting.append("\(ref.namespace)/\(ref.name)") }
        }
        return waiting.isEmpty ? .ready : .waiting("waiting for dependencies to be Ready: " + waiting.joined(separator: ", "))
    }

    /// Ready=True for the object's current generation.
    static func isReady(_ object: JSONValue) -> Bool {
        guard let release = try? object.decode(HelmRelease.self), let status = release.status else { return false }
        let ready = status.conditions?.first { $0.type == ConditionType.ready }
        return ready?.status == .true && status.observedGeneration == release.metadata.generation
    }

    /// A path of dependencies from `start` back to itself, if there is one (depth-first,
    /// each release visited once).
    private func cycle(from start: ObjectRef, release: HelmRelease) async throws -> String? {
        var visited: Set<ObjectRef> = [start]
        var path: [ObjectRef] = [start]
        func visit(_ dependencies: [DependencyReference], in namespace: String) async throws -> Bool {
            for dependency in dependencies {
                let ref = ObjectRef(namespace: dependency.namespace ?? namespace, name: dependency.name)
                if ref == start {
                    path.append(ref)
                    return true
                }
                guard visited.insert(ref).inserted, let object = try await read(ref),
                    let next = try? object.decode(HelmRelease.self)
                else { continue }
                path.append(ref)
                if try await visit(next.spec.dependsOn ?? [], in: ref.namespace) { return true }
                path.removeLast()
            }
            return false
        }
        guard try await visit(release.spec.dependsOn ?? [], in: start.namespace) else { return nil }
        return path.map { "\($0.namespace)/\($0.name)" }.joined(separator: " → ")
    }

    private func read(_ ref: ObjectRef) async throws -> JSONValue? {
        if let cached = await caches.releases?.get(ref) { return cached }
        return try await ResourceClient(client: client, resource: HelmRelease.groupVersionResource, namespace: ref.namespace).getIfExists(ref.name)
    }
}
