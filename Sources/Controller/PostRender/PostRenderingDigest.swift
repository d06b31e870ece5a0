import Crypto
import KubeObjects

extension PostRendering {
    /// `sha256:` of the post-renderers' and common metadata's canonical JSON; nil when
    /// there is nothing to do. What a reconcile compares (as Flux's
    /// `observedPostRenderersDigest`) to know that a post-renderer change needs a new
    /// revision although chart and values are the same.
    public var digest: String? {
        if isEmpty { return nil }
        struct Canonical: Encodable {
            var postRenderers: [PostRenderer]
            var commonMetadata: CommonMetadata?
        }
        guard let json = try? JSONValue(encoding: Canonical(postRenderers: renderers, commonMetadata: commonMetadata)) else { return nil }
        let hex = SHA256.hash(data: Array(json.serialized().utf8)).map { byte in
            let text = String(byte, radix: 16)
            return text.count == 1 ? "0" + text : text
        }
        return "sha256:" + hex.joined()
    }
}
