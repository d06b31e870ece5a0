/// Why a release's values could not be put together. Never carries a value: a Secret's
/// content must not reach the status, an Event or a log.
public enum ValuesCompositionError: Error, Sendable, Equatable, CustomStringConvertible {
    case missingObject(kind: ReferencedKind, namespace: String, name: String)
    case missingKey(kind: ReferencedKind, namespace: String, name: String, key: String)
    /// The key's text is not a YAML map; `detail` is the parser's position and complaint for
    /// ConfigMaps, only the position for Secrets.
    case invalidYAML(kind: ReferencedKind, namespace: String, name: String, key: String, detail: String)
    case invalidTargetPath(kind: ReferencedKind, namespace: String, name: String, path: String, detail: String)
    case invalidInlineValues(detail: String)
    case readFailed(kind: ReferencedKind, namespace: String, name: String, detail: String)

    public var description: String {
        switch self {
        case .missingObject(let kind, let namespace, let name):
            return "values: \(kind.rawValue) '\(namespace)/\(name)' not found (set optional: true to skip it when absent)"
        case .missingKey(let kind, let namespace, let name, let key):
            return "values: \(kind.rawValue) '\(namespace)/\(name)' has no key '\(key)' (set valuesKey, or optional: true)"
        case .invalidYAML(let kind, let namespace, let name, let key, let detail):
            return "values: key '\(key)' of \(kind.rawValue) '\(namespace)/\(name)' is not a YAML map: \(detail)"
        case .invalidTargetPath(let kind, let namespace, let name, let path, let detail):
            return "values: targetPath '\(path)' for \(kind.rawValue) '\(namespace)/\(name)' is invalid: \(detail)"
        case .invalidInlineValues(let detail):
            return "values: spec.values cannot be read: \(detail)"
        case .readFailed(let kind, let namespace, let name, let detail):
            return "values: cannot read \(kind.rawValue) '\(namespace)/\(name)': \(detail)"
        }
    }
}
