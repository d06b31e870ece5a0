/// One post-renderer, Flux's `PostRenderer`: only kustomize exists.
public struct PostRenderer: Codable, Sendable, Equatable {
    public var kustomize: KustomizePostRenderer?

    public init(kustomize: KustomizePostRenderer? = nil) { self.kustomize = kustomize }
}

/// What kustomize would do to the rendered manifests: patches in order, then image overrides.
public struct KustomizePostRenderer: Codable, Sendable, Equatable {
    public var patches: [KustomizePatch]?
    public var images: [KustomizeImage]?

    public init(patches: [KustomizePatch]? = nil, images: [KustomizeImage]? = nil) {
        self.patches = patches
        self.images = images
    }
}

/// A strategic merge patch (a YAML/JSON object) or a JSON6902 patch (a YAML/JSON list of
/// operations), applied to the objects `target` selects.
public struct KustomizePatch: Codable, Sendable, Equatable {
    public var patch: String
    /// Which objects to patch; a strategic merge patch without one patches the object its
    /// own `apiVersion`, `kind` and `metadata.name` (and `metadata.namespace`) name.
    public var target: PatchSelector?

    public init(patch: String, target: PatchSelector? = nil) {
        self.patch = patch
        self.target = target
    }
}

/// kustomize's `Selector`: every field set must match; group, version, kind, name and
/// namespace are regular expressions matching the whole value.
public struct PatchSelector: Codable, Sendable, Equatable {
    public var group: String?
    public var version: String?
    public var kind: String?
    public var name: String?
    public var namespace: String?
    /// A label selector (`app=web,tier!=cache`).
    public var labelSelector: String?
    /// A label selector evaluated against annotations.
    public var annotationSelector: String?

    public init(
        group: String? = nil, version: String? = nil, kind: String? = nil, name: String? = nil, namespace: String? = nil,
        labelSelector: String? = nil, annotationSelector: String? = nil
    ) {
        self.group = group
        self.version = version
        self.kind = kind
        self.name = name
        self.namespace = namespace
        self.labelSelector = labelSelector
        self.annotationSelector = annotationSelector
    }
}

/// kustomize's `images` entry: containers whose image is `name` (whatever its tag or
/// digest) get `newName`, `newTag` or `digest` (the digest wins over the tag).
public struct KustomizeImage: Codable, Sendable, Equatable {
    public var name: String
    public var newName: String?
    public var newTag: String?
    /// `sha256:…`
    public var digest: String?

    public init(name: String, newName: String? = nil, newTag: String? = nil, digest: String? = nil) {
        self.name = name
        self.newName = newName
        self.newTag = newTag
        self.digest = digest
    }
}

/// Flux's `CommonMetadata`: labels and annotations for every object, replacing the chart's
/// values of the same keys (never Helm's ownership metadata).
public struct CommonMetadata: Codable, Sendable, Equatable {
    public var labels: [String: String]?
    public var annotations: [String: String]?

    public init(labels: [String: String]? = nil, annotations: [String: String]? = nil) {
        self.labels = labels
        self.annotations = annotations
    }
}
