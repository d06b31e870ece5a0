import Foundation
import KubeClient
import KubeObjects

/// Reads `valuesFrom` and chart-credential objects through the API, in the HelmRelease's
/// namespace only.
struct ClusterValuesReader: ValuesReferenceReader {
    let client: APIClient

    func data(of kind: ReferencedKind, namespace: String, name: String) async throws -> [String: [UInt8]]? {
        switch kind {
        case .configMap:
            let resource = ResourceClient(client: client, resource: ConfigMap.groupVersionResource, namespace: namespace)
            guard let object = try await resource.getIfExists(name) else { return nil }
            let map = try object.decode(ConfigMap.self)
            var out: [String: [UInt8]] = [:]
            for (k, v) in map.binaryData ?? [:] { out[k] = [UInt8](v) }
            for (k, v) in map.data ?? [:] { out[k] = Array(v.utf8) }
            return out
        case .secret:
            let resource = ResourceClient(client: client, resource: Secret.groupVersionResource, namespace: namespace)
            guard let object = try await resource.getIfExists(name) else { return nil }
            let secret = try object.decode(Secret.self)
            return (secret.data ?? [:]).mapValues { [UInt8]($0) }
        }
    }
}
