import KubeClient
import KubeObjects

/// Drift detection and correction (`spec.driftDetection`): each object of the deployed
/// revision is read and compared with what Rudder applied (`ObjectDrift`). Not drift:
/// fields the server defaulted or others added, fields last written through a subresource
/// (`kubectl scale`, a HorizontalPodAutoscaler: scaling is another controller's call) and
/// paths the `ignore` rules name. Drift is a field Rudder applied that someone changed on
/// the object itself (`kubectl edit`) or an object deleted; correcting it re-applies those
/// objects with force, without a new revision.
struct DriftDetector {
    struct Drift: Sendable, Equatable, CustomStringConvertible {
        var object: ObjectIdentity
        /// JSON pointers that differ; empty when the object is gone.
        var paths: [String]
        var missing: Bool
        /// Pointers that are not Rudder's to correct (ignored, or last set through a
        /// subresource): left out of the correcting apply.
        var excluded: [String] = []

        var description: String {
            missing ? "\(object) deleted" : "\(object): " + paths.joined(separator: ", ")
        }
    }

    let environment: ReconcilerEnvironment
    let names: ReleaseNames
    let rules: [DriftIgnoreRule]

    /// The objects of `manifest` and the drift of each that has any.
    func detect(manifest: String) async throws -> (objects: [ReleaseObject], drifts: [Drift]) {
        let ownership = HelmOwnership(releaseName: names.release, releaseNamespace: names.targetNamespace)
        let objects = try await ReleaseObjectBuilder(ownership: ownership, mapper: environment.mapper)
            .objects(fromReleaseManifest: manifest, unknownKinds: .keep)
        var drifts: [Drift] = []
        for object in objects {
            guard let resource = try? await environment.mapper.resourceClient(for: object.kind, namespace: object.namespace, client: environment.client)
            else { continue }
            guard let live = try await resource.getIfExists(object.name) else {
                if !object.isKept { drifts.append(Drift(object: object.identity, paths: [], missing: true)) }
                continue
            }
            let excluded = ignoredPaths(for: object) + Self.subresourcePaths(live)
            let paths = ObjectDrift.differences(applied: object.object, live: live).filter { path in
                !excluded.contains { path == $0 || path.hasPrefix($0 + "/") }
            }
            if !paths.isEmpty { drifts.append(Drift(object: object.identity, paths: paths, missing: false, excluded: excluded)) }
        }
        return (objects, drifts)
    }

    /// Re-applies the drifted objects (with force: the release owns its fields).
    func correct(_ drifts: [Drift], among objects: [ReleaseObject]) async throws {
        let drifted = Set(drifts.map(\.object))
        let excluded = Dictionary(drifts.map { ($0.object, $0.excluded) }, uniquingKeysWith: +)
        let ownership = HelmOwnership(releaseName: names.release, releaseNamespace: names.targetNamespace)
        var options = ApplyOptions(fieldManager: environment.fieldManager, forceConflicts: true)
        options.previouslyOwned = drifted
        options.crds = .skip
        _ = try await Applier(client: environment.client, mapper: environment.mapper, ownership: ownership)
            .apply(
                objects.filter { drifted.contains($0.identity) }.map { object in
                    // Fields not ours to correct stay out of the apply, so it leaves them be.
                    var trimmed = object
                    for pointer in excluded[object.identity] ?? [] { trimmed.object = Self.removing(pointer, from: trimmed.object) }
                    return trimmed
                }, options: options)
    }

    private func ignoredPaths(for object: ReleaseObject) -> [String] {
        rules.filter { rule in
            guard let target = rule.target else { return true }
            return (target.group.map { $0 == object.kind.group } ?? true) && (target.kind.map { $0 == object.kind.kind } ?? true)
                && (target.name.map { $0 == object.name } ?? true) && (target.namespace.map { $0 == object.namespace } ?? true)
        }.flatMap(\.paths).map { $0.hasSuffix("/") && $0.count > 1 ? String($0.dropLast()) : $0 }
    }

    /// `object` without the field at JSON pointer `pointer` (unchanged when it has none).
    static func removing(_ pointer: String, from object: JSONValue) -> JSONValue {
        let tokens = pointer.split(separator: "/", omittingEmptySubsequences: false).dropFirst().map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
        func remove(_ value: JSONValue, _ rest: ArraySlice<String>) -> JSONValue {
            guard let head = rest.first else { return value }
            switch value {
            case .object(var fields):
                if rest.count == 1 {
                    fields[head] = nil
                } else if let child = fields[head] {
                    fields[head] = remove(child, rest.dropFirst())
                }
                return .object(fields)
            case .array(var items):
                guard let index = Int(head), items.indices.contains(index) else { return value }
                if rest.count == 1 {
                    items.remove(at: index)
                } else {
                    items[index] = remove(items[index], rest.dropFirst())
                }
                return .array(items)
            default:
                return value
            }
        }
        return tokens.isEmpty ? object : remove(object, tokens[...])
    }

    /// JSON pointers of the fields whose last writer used a subresource (`scale`), down to
    /// the first list: those are another controller's decisions.
    static func subresourcePaths(_ live: JSONValue) -> [String] {
        guard let managed = try? ManagedFields(of: live) else { return [] }
        var out: [String] = []
        for entry in managed.entries where !entry.subresource.isEmpty && entry.subresource != "status" {
            for path in entry.fields.paths {
                var pointer = ""
                for element in path {
                    guard case .field(let name) = element else { break }
                    pointer += "/" + ObjectDrift.escape(name)
                }
                if !pointer.isEmpty { out.append(pointer) }
            }
        }
        return out
    }
}
