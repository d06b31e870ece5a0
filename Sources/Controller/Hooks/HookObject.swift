import KubeClient
import KubeObjects

/// The one object a hook's manifest stands for, ready to create: its namespace resolved
/// as Helm's client resolves it (the release namespace for namespaced kinds naming none).
///
/// Unlike the release's own objects, a hook carries no ownership metadata: Helm creates
/// hooks as the chart wrote them and never adopts, prunes or uninstalls them; only their
/// delete policies remove them.
struct HookObject: Sendable {
    var kind: GroupVersionKind
    var name: String
    var namespace: String?
    var object: JSONValue
    var resource: ResourceClient

    /// `Job "migrate" in namespace "apps"`, for messages.
    var identity: ObjectIdentity { ObjectIdentity(group: kind.group, kind: kind.kind, namespace: namespace, name: name) }

    /// Reads `hook`'s manifest; the error is the reason, for `HookError.unbuildable`.
    static func build(_ hook: Release.Hook, releaseNamespace: String, client: APIClient, mapper: RESTMapper) async throws(HookBuildError)
        -> HookObject
    {
        let parsed: JSONValue?
        do {
            parsed = try ReleaseObjectBuilder.parse(hook.manifest, source: hook.path)
        } catch {
            throw HookBuildError(message: "\(error)")
        }
        guard var object = parsed else { throw HookBuildError(message: "the manifest is empty") }
        guard let apiVersion = object["apiVersion"]?.stringValue, let groupVersion = GroupVersion(apiVersion: apiVersion) else {
            throw HookBuildError(message: "\(ReleaseObjectBuilder.describe(object)) has no apiVersion")
        }
        guard let kindName = object["kind"]?.stringValue, !kindName.isEmpty else {
            throw HookBuildError(message: "\(ReleaseObjectBuilder.describe(object)) has no kind")
        }
        guard let name = object.metadataName, !name.isEmpty else {
            throw HookBuildError(message: "\(ReleaseObjectBuilder.describe(object)) has no metadata.name")
        }
        let kind = GroupVersionKind(groupVersion, kind: kindName)
        let mapping: ResourceMapping
        do {
            mapping = try await mapper.mapping(for: kind)
        } catch is UnknownResourceError {
            throw HookBuildError(message: "resource mapping not found for name: \"\(name)\": no matches for kind \"\(kindName)\" in version \"\(apiVersion)\"")
        } catch {
            throw HookBuildError(message: "\(error)")
        }
        let declared = object.metadataNamespace.flatMap { $0.isEmpty ? nil : $0 }
        let namespace = mapping.isNamespaced ? declared ?? releaseNamespace : nil
        object[path: ["metadata", "namespace"]] = namespace.map(JSONValue.string)
        return HookObject(
            kind: kind, name: name, namespace: namespace, object: object,
            resource: ResourceClient(client: client, resource: mapping.resource, namespace: namespace))
    }
}

struct HookBuildError: Error {
    var message: String
}
