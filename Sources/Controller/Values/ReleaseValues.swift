import Crypto
import KubeObjects
import Values

/// The values a release is rendered with: every `valuesFrom` entry in order, then
/// `spec.values`, merged as Helm merges `-f` files (maps merge, later wins, lists and
/// scalars are replaced), read as Helm reads YAML (numbers are float64).
public struct ReleaseValues: Sendable {
    public var values: [String: Value]
    /// `sha256:` of the values' canonical JSON: what tells one configuration from the next
    /// without showing it.
    public var digest: String

    public init(values: [String: Value]) {
        self.values = values
        let canonical = (try? JSON.encode(.map(values), escapeHTML: false)) ?? ""
        digest = "sha256:" + SHA256.hash(data: Array(canonical.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Reads and merges the values of `spec` for a HelmRelease in `namespace`. References
    /// are names in that namespace only: a HelmRelease cannot read another namespace's data.
    public static func compose(
        _ spec: HelmReleaseSpec, namespace: String, reader: some ValuesReferenceReader
    ) async throws(ValuesCompositionError) -> ReleaseValues {
        var merged: [String: Value] = [:]
        for reference in spec.valuesFrom ?? [] {
            let key = reference.valuesKey.flatMap { $0.isEmpty ? nil : $0 } ?? ValuesReference.defaultValuesKey
            let data: [String: [UInt8]]?
            do {
                data = try await reader.data(of: reference.kind, namespace: namespace, name: reference.name)
            } catch {
                throw .readFailed(kind: reference.kind, namespace: namespace, name: reference.name, detail: "\(error)")
            }
            guard let data else {
                if reference.optional == true { continue }
                throw .missingObject(kind: reference.kind, namespace: namespace, name: reference.name)
            }
            guard let bytes = data[key] else {
                if reference.optional == true { continue }
                throw .missingKey(kind: reference.kind, namespace: namespace, name: reference.name, key: key)
            }
            let text = String(decoding: bytes, as: UTF8.self)
            if let path = reference.targetPath, !path.isEmpty {
                // As `--set path=value` (Flux's targetPath): the value's type is inferred.
                do {
                    try StrVals.parse("\(path)=\(escapeSetValue(text))", into: &merged)
                } catch {
                    throw .invalidTargetPath(
                        kind: reference.kind, namespace: namespace, name: reference.name, path: path, detail: "\(error)")
                }
                continue
            }
            do {
                for document in try YAML.decodeAll(text) {
                    switch document {
                    case .map(let m, _): merged = Coalesce.mergeMaps(merged, m.dictionary)
                    case .null: continue
                    default:
                        throw ValuesCompositionError.invalidYAML(
                            kind: reference.kind, namespace: namespace, name: reference.name, key: key, detail: "the document is not a map")
                    }
                }
            } catch let error as ValuesCompositionError {
                throw error
            } catch {
                // A parser message can quote the text; a Secret's text must not be shown.
                let detail = reference.kind == .secret ? lineOnly("\(error)") : "\(error)"
                throw .invalidYAML(kind: reference.kind, namespace: namespace, name: reference.name, key: key, detail: detail)
            }
        }
        if let inline = spec.values {
            guard case .object = inline else { throw .invalidInlineValues(detail: "spec.values is not an object") }
            do {
                if case .map(let m, _) = try JSON.decode(inline.serialized()) { merged = Coalesce.mergeMaps(merged, m.dictionary) }
            } catch {
                throw .invalidInlineValues(detail: "\(error)")
            }
        }
        return ReleaseValues(values: merged)
    }

    /// `--set` splits on commas and treats backslashes as escapes; a single value read from
    /// a key is one value, so both are escaped.
    static func escapeSetValue(_ text: String) -> String {
        var out = ""
        for c in text {
            if c == "\\" || c == "," { out.append("\\") }
            out.append(c)
        }
        return out
    }

    /// `yaml: line 3: …` → `line 3`.
    static func lineOnly(_ message: String) -> String {
        guard let range = message.range(of: #"line [0-9]+"#, options: .regularExpression) else { return "not valid YAML" }
        return "not valid YAML (\(message[range]))"
    }
}
