/// Reads the ConfigMaps and Secrets `valuesFrom` names. The controller's implementation
/// reads through the API; tests give maps.
public protocol ValuesReferenceReader: Sendable {
    /// The object's `data` and `binaryData` (ConfigMap) or decoded `data` (Secret) by key;
    /// nil when there is no such object.
    func data(of kind: ReferencedKind, namespace: String, name: String) async throws -> [String: [UInt8]]?
}
