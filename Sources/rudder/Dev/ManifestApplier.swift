import Foundation
import KubeClient
import KubeObjects

/// `kubectl apply --server-side` of YAML files, for `rudder dev`: the CRD, then the
/// examples, each document to the resource its kind maps to.
struct ManifestApplier {
    let client: APIClient
    let mapper: RESTMapper
    let fieldManager: String

    func apply(_ objects: [JSONValue]) async throws -> [String] {
        var applied: [String] = []
        for object in objects where object.groupVersionKind != nil {
            let resource = try await mapper.resourceClient(for: object, client: client, defaultNamespace: "default")
            _ = try await resource.apply(object, fieldManager: fieldManager, force: true)
            applied.append("\(object["kind"]?.stringValue ?? "")/\(object.metadataName ?? "")")
        }
        return applied
    }

    /// Every YAML document of the `.yaml`/`.yml` files directly in `directory`, in name order.
    static func documents(in directory: URL) throws -> [JSONValue] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        var out: [JSONValue] = []
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
            out += try JSONValue.parseYAMLStream(text).filter { !$0.isNull }
        }
        return out
    }
}
