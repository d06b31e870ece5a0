import KubeClient
import KubeObjects

/// Before a release acting as a ServiceAccount (`spec.serviceAccountName`) records or
/// applies anything, every object is applied as a server-side dry run with that identity:
/// the API server authorizes (and admits) each as it would the real apply, and persists
/// nothing. A refusal ends the deployment there, with the server's own 403 message, so a
/// release without the rights touches nothing, not even its history.
struct AccessPreflight {
    let client: APIClient
    let mapper: RESTMapper
    let fieldManager: String

    /// The server's refusal of the first object it refuses, nil when all would apply.
    func refusal(for objects: [ReleaseObject]) async throws -> String? {
        for object in objects {
            guard let resource = try? await mapper.resourceClient(for: object.kind, namespace: object.namespace, client: client) else { continue }
            do {
                _ = try await resource.apply(object.object, fieldManager: fieldManager, force: true, dryRun: true)
            } catch let error as KubeAPIError where error.code == 403 {
                return "\(object.identity) (\(object.source)): \(error.message)"
            }
        }
        return nil
    }
}
