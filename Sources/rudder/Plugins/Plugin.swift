/// An installed plugin: its metadata and the directory (under a plugins directory) that
/// holds `plugin.yaml`. For a plugin installed from a local directory, `directory` is the
/// symlink, as `$HELM_PLUGIN_DIR` is in Helm.
struct Plugin: Equatable, Sendable {
    var metadata: PluginMetadata
    var directory: String

    var name: String { metadata.name }
}
