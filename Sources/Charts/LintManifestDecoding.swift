import Values

/// The head of a rendered Kubernetes object as Helm's lint reads it (its
/// `k8sYamlStruct`): only `apiVersion`, `kind` and `metadata.name`/`namespace`.
struct LintManifestHead: Sendable, Equatable {
    var apiVersion = ""
    var kind = ""
    var name = ""
    var namespace = ""
}

/// Helm's lint reads rendered templates and CRD files with apimachinery's
/// `YAMLOrJSONDecoder`: a stream whose first non-space byte is `{` is JSON, anything
/// else is YAML split on `---` lines; each document is decoded into the head struct,
/// where sigs.k8s.io/yaml turns scalars into the strings the fields want.
enum LintManifestDecoding {
    /// The decoded heads (nil for an empty document), or the error text of the first
    /// document that does not decode, after the heads before it.
    static func decode(_ text: String) -> (heads: [LintManifestHead?], error: String?) {
        let trimmed = text.utf8.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
        if trimmed.first == UInt8(ascii: "{") {
            do {
                let v = try JSON.decode(text)
                switch head(v, fromJSON: true) {
                case .success(let h): return ([h], nil)
                case .failure(let e): return ([], e.message)
                }
            } catch let e as JSONError {
                // Go's SyntaxError.Offset counts the offending byte as read.
                if e.kind == .syntax {
                    let offset = e.message.hasPrefix("invalid character") ? e.offset + 1 : e.offset
                    return ([], "json: offset \(offset): \(e.message)")
                }
                return ([], e.message)
            } catch {
                return ([], "\(error)")
            }
        }
        var heads: [LintManifestHead?] = []
        let documents: [String]
        switch yamlDocuments(text) {
        case .success(let d): documents = d
        case .failure(let e): return ([], e.message)
        }
        for document in documents {
            let v: Value
            do { v = try YAML.decode(document) } catch { return (heads, "\(error)") }
            switch head(v, fromJSON: false) {
            case .success(let h): heads.append(h)
            case .failure(let e): return (heads, e.message)
            }
        }
        return (heads, nil)
    }

    struct Failure: Error { let message: String }

    /// apimachinery's `YAMLReader`: a line starting `---` ends a document when only
    /// spaces or a comment follow; other text after `---` is an error. Empty chunks are
    /// skipped; a final chunk without a separator is returned.
    static func yamlDocuments(_ text: String) -> Result<[String], Failure> {
        var documents: [String] = []
        var buffer = ""
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0 + "\n" }
        if text.hasSuffix("\n") || text.isEmpty { lines.removeLast() } else { lines[lines.count - 1].removeLast() }
        for line in lines {
            if line.hasPrefix("---") {
                let after = String(line.dropFirst(3)).trimmingWhitespace()
                if !after.isEmpty && !after.hasPrefix("#") {
                    return .failure(Failure(message: "invalid Yaml document separator: \(after)"))
                }
                if !buffer.isEmpty {
                    documents.append(buffer)
                    buffer = ""
                }
                continue
            }
            buffer += line
        }
        if !buffer.isEmpty { documents.append(buffer) }
        return .success(documents)
    }

    /// encoding/json into `*k8sYamlStruct`: null leaves the pointer nil; a non-object
    /// fails; fields match keys without regard to case.
    static func head(_ v: Value, fromJSON: Bool) -> Result<LintManifestHead?, Failure> {
        let prefix = fromJSON ? "" : "error unmarshaling JSON: while decoding JSON: "
        switch v {
        case .null:
            return .success(nil)
        case .map(let m, _):
            var h = LintManifestHead()
            do {
                for (key, value) in sortedEntries(m) {
                    switch key.lowercased() {
                    case "apiversion":
                        h.apiVersion = try string(value, fromJSON, field: "k8sYamlStruct.apiVersion")
                    case "kind":
                        h.kind = try string(value, fromJSON, field: "k8sYamlStruct.Kind")
                    case "metadata":
                        switch value {
                        case .null: continue
                        case .map(let meta, _):
                            for (k, mv) in sortedEntries(meta) {
                                switch k.lowercased() {
                                case "name": h.name = try string(mv, fromJSON, field: "k8sYamlMetadata.Metadata.Name")
                                case "namespace":
                                    h.namespace = try string(mv, fromJSON, field: "k8sYamlMetadata.Metadata.Namespace")
                                default: continue
                                }
                            }
                        default:
                            throw Failure(
                                message: "json: cannot unmarshal \(ChartYAMLReader.jsonKind(value)) into Go struct field "
                                    + "k8sYamlStruct.Metadata of type rules.k8sYamlMetadata")
                        }
                    default:
                        continue
                    }
                }
            } catch let f as Failure {
                return .failure(Failure(message: prefix + f.message))
            } catch {
                return .failure(Failure(message: prefix + "\(error)"))
            }
            return .success(h)
        default:
            return .failure(
                Failure(
                    message: prefix + "json: cannot unmarshal \(ChartYAMLReader.jsonKind(v)) into Go value of type rules.k8sYamlStruct"))
        }
    }

    private static func sortedEntries(_ m: ValueMap) -> [(String, Value)] {
        m.dictionary.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }.map { ($0.key, $0.value) }
    }

    /// A string field: YAML scalars are stringified by sigs.k8s.io/yaml; JSON must
    /// hold a string already.
    private static func string(_ v: Value, _ fromJSON: Bool, field: String) throws -> String {
        if v.isNull { return "" }
        if case .string(let s) = v { return s }
        if !fromJSON, let s = ChartYAMLReader.scalarText(v) { return s }
        throw Failure(message: "json: cannot unmarshal \(ChartYAMLReader.jsonKind(v)) into Go struct field \(field) of type string")
    }
}
