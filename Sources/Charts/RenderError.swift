import Foundation
import GoTemplate

/// A chart that cannot be rendered, worded as Helm words it.
public enum RenderError: Error, CustomStringConvertible, Sendable {
    case parse(file: String, error: TemplateError)
    case execution(file: String, error: TemplateError)
    /// values.yaml or a values file that cannot be read.
    case values(message: String)

    public var description: String {
        switch self {
        case .parse(let file, let error):
            // Helm keeps the location and the last `: `-separated part of Go's message.
            let tokens = error.description.components(separatedBy: ": ")
            guard tokens.count > 1 else { return "parse error in (\(file)): \(error)" }
            return "parse error at (\(tokens[1])): \(tokens[tokens.count - 1])"
        case .execution(let file, let error):
            return Self.reformat(file: file, error)
        case .values(let message):
            return message
        }
    }

    /// Helm v4's `reformatExecErrorMsg`: a `fail`/`required` message becomes
    /// `execution error at (LOCATION): MESSAGE`; a failed function call keeps Go's text;
    /// other errors read `LOCATION\n  executing "NAME" at <NODE>:\n    MESSAGE`.
    static func reformat(file: String, _ error: TemplateError) -> String {
        let text = error.description
        guard case .execution(let location?, let template, let node, let message) = error else {
            return "execution error in (\(file)): \(text)"
        }
        if let start = text.range(of: HelmFunctions.failStart), let end = text.range(of: HelmFunctions.failEnd, range: start.upperBound..<text.endIndex) {
            return "execution error at (\(location)): \(text[start.upperBound..<end.lowerBound])"
        }
        if message.hasPrefix("error calling ") && !message.hasPrefix("error calling include:") {
            return text
        }
        let at = node.map { " at <\($0)>" } ?? ""
        return "\(location)\n  executing \"\(template)\"\(at):\n    \(message)"
    }
}

