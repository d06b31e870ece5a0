import KubeObjects

/// The serialized OpenAPI v3 documents of one registry revision, rebuilt only when the
/// revision changes (a CRD created, changed or deleted), so that answering kubectl's and
/// Helm's per-command fetches costs a dictionary lookup; and the `/openapi/v2` document
/// derived from them, built on its first request after a change.
///
/// A value the request layer keeps inside its actor; not itself shared.
public struct OpenAPIDocumentCache: Sendable {
    /// A serialized document and the hash that names its content in the root's URLs, also
    /// usable as an `ETag`.
    public struct Document: Sendable, Equatable {
        public var body: [UInt8]
        public var hash: String
    }

    /// The revision the cached documents were built from; `nil` before the first use.
    public private(set) var revision: Int?
    private var root = Document(body: [], hash: "")
    private var documents: [GroupVersion: Document] = [:]
    private var inputs: [GroupVersion: Inputs] = [:]
    private var swagger: SwaggerDocuments?
    /// Each group version's v2 part, with the hash of the v3 document it came from.
    private var swaggerFragments: [GroupVersion: (v3Hash: String, fragment: OpenAPIV2Document.Fragment)] = [:]

    public init() {}

    /// `/openapi/v2` as JSON and as gnostic protobuf. Both carry the JSON's hash, which is the
    /// `ETag` of either (as kube-apiserver does).
    public struct SwaggerDocuments: Sendable, Equatable {
        public var json: Document
        public var protobuf: Document
    }

    /// `GET /openapi/v2`.
    public mutating func swagger(for registry: ResourceRegistry) -> SwaggerDocuments {
        refresh(registry)
        if let swagger { return swagger }
        var fragments: [OpenAPIV2Document.Fragment] = []
        var kept: [GroupVersion: (v3Hash: String, fragment: OpenAPIV2Document.Fragment)] = [:]
        for gv in OpenAPIDocuments(registry: registry).groupVersions {
            guard let v3 = documents[gv] else { continue }
            let fragment: OpenAPIV2Document.Fragment
            if let old = swaggerFragments[gv], old.v3Hash == v3.hash {
                fragment = old.fragment
            } else {
                // The served v3 bytes are the source, so both versions always say the same.
                guard let parsed = try? JSONValue.parse(v3.body) else { continue }
                fragment = OpenAPIV2Document.fragment(v3: parsed, openKinds: OpenAPIV2Document.openKinds(gv, in: registry))
            }
            kept[gv] = (v3.hash, fragment)
            fragments.append(fragment)
        }
        let document = OpenAPIV2Document.document(fragments)
        let json = document.serializedBytes()
        let hash = ContentHash.hex(json)
        let built = SwaggerDocuments(
            json: Document(body: json, hash: hash),
            protobuf: Document(body: GnosticOpenAPIV2Encoder.document(document), hash: hash))
        swaggerFragments = kept
        swagger = built
        return built
    }

    /// `GET /openapi/v3`.
    public mutating func root(for registry: ResourceRegistry) -> Document {
        refresh(registry)
        return root
    }

    /// `GET /openapi/v3/api/v1`, `GET /openapi/v3/apis/G/V`; `nil` when nothing is served there.
    public mutating func document(for gv: GroupVersion, in registry: ResourceRegistry) -> Document? {
        refresh(registry)
        return documents[gv]
    }

    /// The document at a path below `/openapi/v3/` (`api/v1`, `apis/apps/v1`); `nil` when the
    /// path names no served group version.
    public mutating func document(urlPath: String, in registry: ResourceRegistry) -> Document? {
        guard let gv = OpenAPIDocuments.groupVersion(forURLPath: urlPath) else { return nil }
        return document(for: gv, in: registry)
    }

    private mutating func refresh(_ registry: ResourceRegistry) {
        guard revision != registry.revision else { return }
        let docs = OpenAPIDocuments(registry: registry)
        var built: [GroupVersion: Document] = [:]
        var builtInputs: [GroupVersion: Inputs] = [:]
        var hashes: [(GroupVersion, String)] = []
        for gv in docs.groupVersions {
            // A CRD change bumps the revision for every group version; rebuild only those
            // whose inputs changed (building all built-ins takes a noticeable moment).
            let input = Inputs(gv, registry)
            let document: Document
            if let old = documents[gv], inputs[gv] == input {
                document = old
            } else {
                guard let doc = docs.document(for: gv) else { continue }
                let body = doc.serializedBytes()
                document = Document(body: body, hash: ContentHash.hex(body))
            }
            built[gv] = document
            builtInputs[gv] = input
            hashes.append((gv, document.hash))
        }
        let rootBody = OpenAPIDocuments.root(hashes: hashes).serializedBytes()
        root = Document(body: rootBody, hash: ContentHash.hex(rootBody))
        documents = built
        inputs = builtInputs
        swagger = nil
        revision = registry.revision
    }

    /// Everything a group version's document is built from.
    private struct Inputs: Equatable {
        var resources: [APIResource]
        var custom: [JSONValue]

        init(_ gv: GroupVersion, _ registry: ResourceRegistry) {
            resources = registry.resources(in: gv)
            custom = resources.compactMap { r in
                registry.customVersions[r.groupVersionResource].map { ["listKind": .string($0.listKind), "schema": $0.schema ?? .null] }
            }
        }
    }
}

/// A content hash for cache-busting URLs: 64-bit FNV-1a, as upper-case hex. Clients treat it
/// as opaque; it only has to change when the bytes do (the real server uses SHA-512, which
/// this target has no library for and which buys nothing here).
enum ContentHash {
    static func hex(_ bytes: [UInt8]) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01b3
        }
        let digits = String(h, radix: 16, uppercase: true)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
