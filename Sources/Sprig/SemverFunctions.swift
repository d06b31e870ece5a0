import Values

/// Sprig's semver functions (Sprig v3.3.0 over Masterminds/semver v3.5.0).
///
///     semver(version string) (*semver.Version, error)
///     semverCompare(constraint, version string) (bool, error)
///
/// `semverCompare` parses the constraint first, so a bad constraint is reported even
/// when the version is bad too.
public enum SemverFunctions {
    public static func all() -> [String: GoFunction] {
        [
            "semver": GoFunction("semver", [.string]) { args in
                object(try version(args[0]))
            },
            "semverCompare": GoFunction("semverCompare", [.string, .string]) { args in
                let constraints: SemverConstraints
                do { constraints = try SemverConstraints(string(args[0])) } catch { throw GoFunctionError("\(error)") }
                return .bool(constraints.check(try version(args[1])))
            },
        ]
    }

    /// A version as templates hold it: a `*semver.Version` (for other layers that hand
    /// versions to templates).
    public static func object(_ version: SemverVersion) -> Value {
        .object(SemverPointerObject(version))
    }

    private static func string(_ v: Value) -> String {
        if case .string(let s) = v { return s }
        return ""
    }

    private static func version(_ v: Value) throws -> SemverVersion {
        do { return try SemverVersion(string(v)) } catch { throw GoFunctionError("\(error)") }
    }
}
