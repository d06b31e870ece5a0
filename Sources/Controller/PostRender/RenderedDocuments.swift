import Charts
import KubeObjects
import Values

/// One YAML document of a rendered template, read once so every transform works on the
/// object; its text is rewritten only if a transform changed it (an untouched document
/// keeps its comments, key order and quoting).
struct RenderedDocument: Sendable {
    /// The template it came from (`<chart>/templates/x.yaml`).
    var path: String
    var text: String
    /// nil when the document is not a mapping (empty, comments only, a list): no transform
    /// selects it, and it is passed on as written.
    var object: JSONValue?
    var changed = false
    /// A strategic merge patch's `$patch: delete` removed it (kustomize drops the object).
    var deleted = false

    var kind: String { object?["kind"]?.stringValue ?? "" }
    var name: String { object?.metadataName ?? "" }
    var apiGroupVersion: (group: String, version: String) {
        let apiVersion = object?["apiVersion"]?.stringValue ?? ""
        guard let slash = apiVersion.lastIndex(of: "/") else { return ("", apiVersion) }
        return (String(apiVersion[..<slash]), String(apiVersion[apiVersion.index(after: slash)...]))
    }

    /// `Deployment "web"` for messages.
    var described: String { "\(kind.isEmpty ? "object" : kind) \"\(name)\"" }

    /// Whether a message about this document may quote what a patch found in it.
    var mayQuoteContent: Bool { kind != "Secret" }
}

/// The rendered templates as documents, in template then document order, and back.
struct RenderedDocuments: Sendable {
    var documents: [RenderedDocument] = []
    private var original: [String: String]

    /// Splits every template the way `ManifestSorting` will (partials, NOTES.txt and blank
    /// files are left out and passed on untouched).
    init(files: [String: String]) throws(PostRenderError) {
        original = files
        for path in files.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) where Self.holdsManifests(path, files[path]!) {
            for text in ManifestSorting.split(files[path]!) {
                let value: JSONValue
                do {
                    value = try JSONValue.parseYAML(text)
                } catch {
                    throw PostRenderError(.unreadableDocument, location: path, message: "YAML parse error: \(error)")
                }
                documents.append(RenderedDocument(path: path, text: text, object: value.objectValue == nil ? nil : value))
            }
        }
    }

    static func holdsManifests(_ path: String, _ content: String) -> Bool {
        let base = path.split(separator: "/").last.map(String.init) ?? path
        if base.hasPrefix("_") || path.hasSuffix("/NOTES.txt") { return false }
        return content.contains { !$0.isWhitespace }
    }

    /// The templates again: a template none of whose documents changed is its original
    /// text; otherwise its documents joined, changed ones written as sigs.k8s.io/yaml does.
    func files() throws(PostRenderError) -> [String: String] {
        var files = original
        var byPath: [String: [RenderedDocument]] = [:]
        for document in documents { byPath[document.path, default: []].append(document) }
        for (path, documents) in byPath where documents.contains(where: { $0.changed || $0.deleted }) {
            var texts: [String] = []
            for document in documents where !document.deleted {
                texts.append(document.changed ? try Self.yaml(document) : document.text)
            }
            files[path] = texts.joined(separator: "\n---\n")
        }
        return files
    }

    private static func yaml(_ document: RenderedDocument) throws(PostRenderError) -> String {
        do {
            let value = try JSON.decode((document.object ?? .emptyObject).serialized())
            var text = try YAML.encode(value)
            while text.hasSuffix("\n") { text.removeLast() }
            return text
        } catch {
            throw PostRenderError(.patchFailed, location: document.path, message: "\(document.described) cannot be written as YAML: \(error)")
        }
    }
}
