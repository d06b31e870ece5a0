import Foundation

/// An exec credential plugin did not produce a credential. Messages carry the command and
/// what it wrote to stderr, never what it wrote to stdout (that is where the token is).
public enum ExecCredentialError: Error, Sendable, Equatable, CustomStringConvertible {
    case notFound(command: String, installHint: String?)
    case launchFailed(command: String, reason: String)
    case failed(command: String, exitCode: Int32, stderr: String)
    /// The plugin was killed by a signal.
    case terminated(command: String, signal: Int32, stderr: String)
    /// stdout was not an ExecCredential (the reason names the field, not its value).
    case malformedOutput(command: String, reason: String)
    case apiVersionMismatch(command: String, expected: String, returned: String)
    case noCredential(command: String)
    case certificateWithoutKey(command: String)
    /// `interactiveMode: Always`, but Rudder has no terminal to give the plugin.
    case interactiveUnavailable(command: String)
    case unsupportedAPIVersion(command: String, apiVersion: String)
    case cancelled(command: String)

    public var description: String {
        switch self {
        case .notFound(let command, let hint):
            return "exec: executable \(command) not found" + (hint.map { "\n\n\($0)" } ?? "")
        case .launchFailed(let command, let reason):
            return "exec: cannot run executable \(command): \(reason)"
        case .failed(let command, let code, let stderr):
            return "exec: executable \(command) failed with exit code \(code)" + Self.stderr(stderr)
        case .terminated(let command, let signal, let stderr):
            return "exec: executable \(command) was killed by signal \(signal)" + Self.stderr(stderr)
        case .malformedOutput(let command, let reason):
            return "exec: plugin \(command) wrote an invalid ExecCredential: \(reason)"
        case .apiVersionMismatch(let command, let expected, let returned):
            return "exec: plugin \(command) is configured to use API version \(expected), plugin returned version \(returned)"
        case .noCredential(let command):
            return "exec: plugin \(command) didn't return a token or cert/key pair"
        case .certificateWithoutKey(let command):
            return "exec: plugin \(command) returned only certificate or key, not both"
        case .interactiveUnavailable(let command):
            return "exec: plugin \(command) is configured to use interactive mode (Always) but standard input is not a terminal"
        case .unsupportedAPIVersion(let command, let apiVersion):
            return "exec: plugin \(command) uses unsupported apiVersion \"\(apiVersion)\"; "
                + "expected client.authentication.k8s.io/v1 or client.authentication.k8s.io/v1beta1"
        case .cancelled(let command):
            return "exec: plugin \(command) was cancelled"
        }
    }

    private static func stderr(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? "" : ": " + trimmed
    }
}
