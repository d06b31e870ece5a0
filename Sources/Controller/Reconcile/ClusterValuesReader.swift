import Foundation
import KubeClient
import KubeObjects

/// Reads `valuesFrom`, packaged-chart and chart-credential objects, in the HelmRelease's
/// namespace only: from the controller's caches when they hold the object (a change to it
/// queues the release after the cache has it), else from the server.
struct ClusterValuesReader: ValuesReferenceReader {
    let client: APIClient
    var caches: InformerCaches = .none

    func data(of kind: ReferencedKind, namespace: String, name: String) async throws -> [String: [UInt8]]? {
        let ref = ObjectRef(namespace: namespace, name: name)
        let object: JSONValue?
        if let cached = await caches.cache(for: kind)?.get(ref) {
            object = cached
        } else {
            let resource = switch kind {
            case .configMap: ConfigMap.groupVersionResource
            case .secret: Secret.groupVersionResource
            }
            object = try await ResourceClient(client: client, resource: resource, namespace: namespace).getIfExists(name)
        }
        guard let object else { return nil }
        switch kind {
        case .configMap:
            let map = try object.decode(ConfigMap.self)
            var out: [String: [UInt8]] = [:]
            for (k, v) in map.binaryData ?? [:] { out[k] = [UInt8](v) }
            for (k, v) in map.data ?? [:] { out[k] = Array(v.utf8) }
            return out
        case .secret:
            let secret = try object.decode(Secret.self)
            return (secret.data ?? [:]).mapValues { [UInt8]($0) }
        }
    }
}
