import Charts
import Values

/// A chart rendered for one revision: what gets applied, the hooks set apart, the manifest
/// text stored in the release record (Helm's `# Source:` stream) and the NOTES.
public struct RenderedRelease: Sendable {
    public var manifests: [Manifest]
    public var hooks: [Hook]
    public var manifest: String
    public var notes: String
}

enum ReleaseRendering {
    /// Renders `chart` as Helm's install/upgrade would for `revision`.
    static func render(
        _ chart: Chart, values: [String: Value], name: String, namespace: String, revision: Int, isUpgrade: Bool,
        capabilities: Capabilities, postRendering: PostRendering = PostRendering()
    ) throws -> RenderedRelease {
        let options = RenderOptions(
            release: ReleaseInfo(name: name, namespace: namespace, revision: revision, isInstall: !isUpgrade, isUpgrade: isUpgrade),
            capabilities: capabilities)
        // Post-rendered before the split into manifests and hooks: both are transformed, and
        // the stored manifest is the post-rendered one, as Helm stores a post-renderer's output.
        let files = try postRendering.apply(to: try ChartRenderer(options: options).render(chart, values: values), namespace: namespace)
        let notesKey = "\(chart.name)/templates/NOTES.txt"
        let (hooks, manifests) = try ManifestSorting.sort(files)
        let text = manifests.map { "---\n# Source: \($0.path)\n\($0.content)\n" }.joined()
        return RenderedRelease(manifests: manifests, hooks: hooks, manifest: text, notes: files[notesKey] ?? "")
    }
}
