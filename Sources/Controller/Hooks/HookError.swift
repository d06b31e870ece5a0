/// A hook that did not succeed, worded as Helm words it so that a search for the message
/// finds Helm's advice, with the hook's template for context.
public struct HookError: Error, CustomStringConvertible, Sendable {
    public enum Problem: Sendable, Equatable {
        /// The manifest could not be read as an object the server serves.
        case unbuildable(String)
        /// The server refused the object.
        case notCreated(String)
        /// A Job or Pod ran and failed.
        case failed(String)
        /// A Job or Pod did not finish within the timeout.
        case timedOut(kind: String, name: String, after: Duration)
        /// Deleting the hook's object (by its delete policy) failed or did not finish.
        case notDeleted(String)
    }

    public var event: HookEvent
    /// The template of the hook (`demo/templates/migrate.yaml`).
    public var path: String
    public var problem: Problem

    public var description: String {
        switch problem {
        case .unbuildable(let message): return "unable to build kubernetes object for \(event.rawValue) hook \(path): \(message)"
        case .notCreated(let message): return "warning: Hook \(event.rawValue) \(path) failed: \(message)"
        case .failed(let message): return message
        case .timedOut(let kind, let name, let after):
            return "\(kind.lowercased()) \(name): timed out waiting for the condition (the \(event.rawValue) hook \(path) did not finish within \(after))"
        case .notDeleted(let message): return "deleting the \(event.rawValue) hook \(path): \(message)"
        }
    }
}
