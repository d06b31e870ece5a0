/// Why a kubeconfig file could not be read. Messages name the file and the field, never a
/// field's value (values include tokens and keys).
public enum KubeconfigError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The `--kubeconfig` file does not exist (a missing file in `KUBECONFIG` is skipped).
    case fileNotFound(path: String)
    case unreadable(path: String, reason: String)
    case malformedYAML(path: String?, message: String)
    /// A field has the wrong type or an impossible value.
    case invalidField(path: String?, field: String, expected: String)
    /// Two clusters, users or contexts of one file share a name.
    case duplicateName(path: String?, kind: String, name: String)

    public var description: String {
        switch self {
        case .fileNotFound(let path):
            return "kubeconfig \(path) does not exist"
        case .unreadable(let path, let reason):
            return "cannot read kubeconfig \(path): \(reason)"
        case .malformedYAML(let path, let message):
            return "error loading kubeconfig \(Self.name(path)): \(message)"
        case .invalidField(let path, let field, let expected):
            return "error loading kubeconfig \(Self.name(path)): \(field) must be \(expected)"
        case .duplicateName(let path, let kind, let name):
            return "error loading kubeconfig \(Self.name(path)): duplicate \(kind) name \"\(name)\""
        }
    }

    private static func name(_ path: String?) -> String { path.map { "\"\($0)\"" } ?? "(text)" }
}
