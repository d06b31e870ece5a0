import Values

/// What the spec asks for right now, once the chart is fetched and the values merged:
/// the identity a stored revision is compared with to know whether anything changed.
public struct DesiredRelease: Sendable, Equatable {
    public var releaseName: String
    public var targetNamespace: String
    public var storageNamespace: String
    public var chartName: String
    public var chartVersion: String
    /// `sha256:` of the chart archive (a chart republished under the same version differs).
    public var chartDigest: String
    public var values: ReleaseValues

    public init(
        releaseName: String, targetNamespace: String, storageNamespace: String, chartName: String, chartVersion: String,
        chartDigest: String, values: ReleaseValues
    ) {
        self.releaseName = releaseName
        self.targetNamespace = targetNamespace
        self.storageNamespace = storageNamespace
        self.chartName = chartName
        self.chartVersion = chartVersion
        self.chartDigest = chartDigest
        self.values = values
    }
}

extension ReleaseValues: Equatable {
    public static func == (a: ReleaseValues, b: ReleaseValues) -> Bool { a.digest == b.digest }
}
