/// An error from parsing or executing a template, worded as Go's `text/template`
/// words it, because chart authors debug by these messages.
public enum TemplateError: Error, CustomStringConvertible, Sendable {
    /// `template: NAME:LINE: MESSAGE`
    case parse(name: String, line: Int, message: String)
    /// `template: NAME:LINE:COL: executing "TEMPLATE" at <NODE>: MESSAGE`, or without
    /// location when Go gives none (`template: no template "x" associated with template "y"`).
    case execution(location: String?, template: String, node: String?, message: String)
    /// An error raised by a function (`fail`, `required`) with the location of the call.
    case function(location: String, template: String, node: String, message: String)

    public var description: String {
        switch self {
        case .parse(let name, let line, let message):
            return "template: \(name):\(line): \(message)"
        case .execution(let location, let template, let node, let message):
            guard let location else { return "template: \(message)" }
            if let node { return "template: \(location): executing \"\(template)\" at <\(node)>: \(message)" }
            return "template: \(location): executing \"\(template)\": \(message)"
        case .function(let location, let template, let node, let message):
            return "template: \(location): executing \"\(template)\" at <\(node)>: \(message)"
        }
    }

    /// The bare message, without Go's location wrapper.
    public var message: String {
        switch self {
        case .parse(_, _, let m), .execution(_, _, _, let m), .function(_, _, _, let m): return m
        }
    }
}
