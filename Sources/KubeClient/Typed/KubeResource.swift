import KubeObjects

/// A Kubernetes kind with a typed Swift form. The statics say where the kind lives (what
/// the dynamic client needs to build a URL); `metadata` is what every object has.
///
/// Conforming structs store `apiVersion` and `kind` as constants taken from the statics,
/// so encoding always writes them, and decode through `decodeTypeMeta`, so objects without
/// them (the items of a list, which kube-apiserver sends without `apiVersion` and `kind`)
/// still decode while an object of another kind is refused.
public protocol KubeResource: Codable, Sendable {
    static var apiVersion: String { get }
    static var kind: String { get }
    /// The resource name in URLs (`leases`).
    static var plural: String { get }
    static var isNamespaced: Bool { get }
    var metadata: ObjectMeta { get set }
}

extension KubeResource {
    public static var groupVersion: GroupVersion {
        GroupVersion(apiVersion: apiVersion) ?? GroupVersion(group: "", version: apiVersion)
    }

    public static var groupVersionResource: GroupVersionResource {
        GroupVersionResource(group: groupVersion.group, version: groupVersion.version, resource: plural)
    }

    public static var groupVersionKind: GroupVersionKind { GroupVersionKind(groupVersion, kind: kind) }

    /// Checks the `apiVersion` and `kind` an object carries, when it carries them, against
    /// this type's. A Deployment decoded as a Job would otherwise "succeed" with most
    /// fields silently empty. Public so kinds defined elsewhere (HelmRelease) decode alike.
    public static func decodeTypeMeta<K: CodingKey>(_ container: KeyedDecodingContainer<K>, apiVersion: K, kind: K) throws {
        for (key, expected) in [(apiVersion, Self.apiVersion), (kind, Self.kind)] {
            if let found = try container.decodeIfPresent(String.self, forKey: key), found != expected {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container, debugDescription: "expected \(expected), found \(found)")
            }
        }
    }
}
