import KubeObjects

/// `spec.commonMetadata` as Flux's common renderer applies it: the labels and annotations
/// set on every object's own metadata (not on selectors or pod templates), replacing the
/// chart's values of the same keys. Helm's ownership label and annotations are never
/// touched: they say which release owns the object, and a wrong value would hand it to
/// another release or none.
struct CommonMetadataStamp {
    static let reservedLabels: Set<String> = [HelmOwnership.managedByLabel]
    static let reservedAnnotations: Set<String> = [HelmOwnership.releaseNameAnnotation, HelmOwnership.releaseNamespaceAnnotation]

    let labels: [String: String]
    let annotations: [String: String]

    init(_ metadata: CommonMetadata) {
        labels = (metadata.labels ?? [:]).filter { !Self.reservedLabels.contains($0.key) }
        annotations = (metadata.annotations ?? [:]).filter { !Self.reservedAnnotations.contains($0.key) }
    }

    var isEmpty: Bool { labels.isEmpty && annotations.isEmpty }

    /// True when anything changed.
    func apply(to object: inout JSONValue) -> Bool {
        let before = object
        for (key, value) in labels { Self.set(&object, "labels", key, value) }
        for (key, value) in annotations { Self.set(&object, "annotations", key, value) }
        return object != before
    }

    private static func set(_ object: inout JSONValue, _ field: String, _ key: String, _ value: String) {
        if object[path: ["metadata", field]]?.objectValue == nil { object[path: ["metadata", field]] = .emptyObject }
        object[path: ["metadata", field, key]] = .string(value)
    }
}
