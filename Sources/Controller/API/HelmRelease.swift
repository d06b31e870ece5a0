import KubeClient
import KubeObjects

/// A Helm release as a Kubernetes object: the chart, its values and how to roll it out,
/// reconciled by Rudder (group `helm.rudder.dev`, version `v1`, short name `hr`). The CRD
/// in `crds/` is generated from these types (`hack/gen-crds`).
public struct HelmRelease: KubeResource, Equatable {
    public static let apiVersion = "helm.rudder.dev/v1"
    public static let kind = "HelmRelease"
    public static let plural = "helmreleases"
    public static let isNamespaced = true
    public static let singular = "helmrelease"
    public static let shortNames = ["hr"]
    /// Set on every HelmRelease Rudder manages, so deleting one uninstalls its release first.
    public static let finalizer = "helm.rudder.dev/finalizer"

    public let apiVersion = "helm.rudder.dev/v1"
    public let kind = "HelmRelease"
    public var metadata: ObjectMeta
    public var spec: HelmReleaseSpec
    public var status: HelmReleaseStatus?

    public init(metadata: ObjectMeta, spec: HelmReleaseSpec, status: HelmReleaseStatus? = nil) {
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        try Self.decodeTypeMeta(c, apiVersion: .apiVersion, kind: .kind)
        metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        spec = try c.decode(HelmReleaseSpec.self, forKey: .spec)
        status = try c.decodeIfPresent(HelmReleaseStatus.self, forKey: .status)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(apiVersion, forKey: .apiVersion)
        try c.encode(kind, forKey: .kind)
        try c.encode(metadata, forKey: .metadata)
        try c.encode(spec, forKey: .spec)
        try c.encodeIfPresent(status, forKey: .status)
    }

    private enum CodingKeys: String, CodingKey {
        case apiVersion, kind, metadata, spec, status
    }
}
