import GoTemplate
import Values

extension HelmFunctions {
    /// Helm's engine in `LintMode`: `required` lets a missing value through as "" and
    /// `fail` renders "" instead of stopping the render (Helm only logs both), so one
    /// missing value does not hide every other finding.
    static func lintMode() -> [String: GoFunction] {
        [
            "required": GoFunction("required", [.string, .interface]) { args in
                switch args[1] {
                case .null, .string(""): return .string("")
                default: return args[1]
                }
            },
            "fail": GoFunction("fail", [.string]) { _ in .string("") },
        ]
    }
}
