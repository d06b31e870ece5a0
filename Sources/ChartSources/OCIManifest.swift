import Values

/// The parts of an OCI image manifest a Helm chart pull reads: the config descriptor
/// (Helm's chart metadata) and the layers, one of which is the chart archive.
struct OCIManifest: Sendable, Equatable {
    struct Descriptor: Sendable, Equatable {
        var mediaType: String
        var digest: String
        var size: Int
    }

    var mediaType: String
    var config: Descriptor?
    var layers: [Descriptor]

    /// Helm's media types (pkg/registry/constants.go).
    static let manifestMediaType = "application/vnd.oci.image.manifest.v1+json"
    static let chartLayerMediaType = "application/vnd.cncf.helm.chart.content.v1.tar+gzip"
    /// Charts pushed by Helm before 3.7 (still accepted by Helm's client).
    static let legacyChartLayerMediaType = "application/tar+gzip"
    static let configMediaType = "application/vnd.cncf.helm.config.v1+json"
    static let indexMediaType = "application/vnd.oci.image.index.v1+json"

    /// Decodes the manifest JSON; `nil` with a reason when it is not one.
    struct Failure: Error { var reason: String }

    static func decode(_ bytes: [UInt8]) -> Result<OCIManifest, Failure> {
        let value: Value
        do { value = try JSON.decode(String(decoding: bytes, as: UTF8.self)) } catch { return .failure(Failure(reason: "invalid JSON: \(error)")) }
        guard case .map(let m, _) = value else { return .failure(Failure(reason: "the manifest is not a JSON object")) }
        let mediaType = string(m["mediaType"]) ?? ""
        if mediaType == indexMediaType || m["manifests"] != nil {
            return .failure(Failure(reason: "an image index (multi-platform image), not a chart manifest"))
        }
        func descriptor(_ v: Value?) -> Descriptor? {
            guard case .map(let d, _)? = v, let digest = string(d["digest"]) else { return nil }
            var size = -1
            if case .float(let f)? = d["size"], f >= 0, f < 1e15 { size = Int(f) }
            return Descriptor(mediaType: string(d["mediaType"]) ?? "", digest: digest, size: size)
        }
        var layers: [Descriptor] = []
        if case .list(let items, _)? = m["layers"] { layers = items.compactMap { descriptor($0) } }
        return .success(OCIManifest(mediaType: mediaType, config: descriptor(m["config"]), layers: layers))
    }

    /// The chart archive's layer, as Helm's client picks it.
    var chartLayer: Descriptor? {
        layers.first { $0.mediaType == Self.chartLayerMediaType }
            ?? layers.first { $0.mediaType == Self.legacyChartLayerMediaType }
    }

    private static func string(_ v: Value?) -> String? {
        if case .string(let s)? = v { return s }
        return nil
    }
}
