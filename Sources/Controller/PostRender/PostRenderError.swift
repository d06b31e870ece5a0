/// Why post-rendering failed: the spec field or template the problem is in, and what is
/// wrong. Fails the render like a template error does (nothing is recorded or applied).
///
/// Messages name objects (kind and name) and the patch's own text problems, never the
/// content of a Secret: a failure patching a Secret says only that it failed.
public struct PostRenderError: Error, CustomStringConvertible, Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// A rendered document is not YAML.
        case unreadableDocument
        /// The patch text is neither a strategic merge patch nor a JSON6902 patch.
        case invalidPatch
        /// The target's regular expression or selector does not parse.
        case invalidTarget
        /// The patch's target selects no object.
        case noMatch
        /// A strategic merge patch without a target names more than one object.
        case ambiguousTarget
        /// The patch could not be applied to an object it selects.
        case patchFailed
        /// An image override is malformed.
        case invalidImage
    }

    public let kind: Kind
    /// `postRenderers[0].kustomize.patches[1]`, or the template a document came from.
    public let location: String
    public let message: String

    public init(_ kind: Kind, location: String, message: String) {
        self.kind = kind
        self.location = location
        self.message = message
    }

    public var description: String { "post-render: \(location): \(message)" }
}
