import KubeObjects

/// `spec.postRenderers` then `spec.commonMetadata`, run over a chart's rendered templates
/// before they are split into manifests and hooks (so hooks are post-rendered too, and a
/// patch's change to hook annotations counts, as with Helm 4's post-renderers).
///
/// Each kustomize post-renderer applies its patches in order, then its image overrides,
/// as a kustomization with `patches` and `images` would. A template whose documents no
/// transform changed is passed on byte for byte.
public struct PostRendering: Sendable {
    public var renderers: [PostRenderer]
    public var commonMetadata: CommonMetadata?

    public init(renderers: [PostRenderer] = [], commonMetadata: CommonMetadata? = nil) {
        self.renderers = renderers
        self.commonMetadata = commonMetadata
    }

    public init(_ spec: HelmReleaseSpec) {
        self.init(renderers: spec.postRenderers ?? [], commonMetadata: spec.commonMetadata)
    }

    /// Whether there is anything to do (no parsing at all otherwise).
    public var isEmpty: Bool {
        let stamp = commonMetadata.map(CommonMetadataStamp.init)
        return renderers.allSatisfy { ($0.kustomize?.patches ?? []).isEmpty && ($0.kustomize?.images ?? []).isEmpty }
            && (stamp?.isEmpty ?? true)
    }

    /// The templates (`<chart>/templates/x.yaml` → text, as `ChartRenderer` returns them)
    /// post-rendered. `namespace` is the release's: where documents naming none land, so a
    /// target's `namespace` selects them.
    public func apply(to files: [String: String], namespace: String) throws(PostRenderError) -> [String: String] {
        if isEmpty { return files }
        var set = try RenderedDocuments(files: files)
        for (r, renderer) in renderers.enumerated() {
            guard let kustomize = renderer.kustomize else { continue }
            for (p, patch) in (kustomize.patches ?? []).enumerated() {
                let patching = try KustomizePatching(patch, location: "postRenderers[\(r)].kustomize.patches[\(p)]")
                try patching.apply(to: &set.documents, defaultNamespace: namespace)
            }
            for (i, image) in (kustomize.images ?? []).enumerated() {
                let override = try ImageOverride(image, location: "postRenderers[\(r)].kustomize.images[\(i)]")
                for d in set.documents.indices where !set.documents[d].deleted {
                    guard var object = set.documents[d].object else { continue }
                    if override.apply(to: &object) {
                        set.documents[d].object = object
                        set.documents[d].changed = true
                    }
                }
            }
        }
        if let commonMetadata {
            let stamp = CommonMetadataStamp(commonMetadata)
            for d in set.documents.indices where !set.documents[d].deleted {
                guard var object = set.documents[d].object else { continue }
                if stamp.apply(to: &object) {
                    set.documents[d].object = object
                    set.documents[d].changed = true
                }
            }
        }
        return try set.files()
    }
}
