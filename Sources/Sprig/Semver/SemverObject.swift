import Values

/// The Go types templates see for versions.
enum SemverGoType {
    /// `semver.Version`, what `IncPatch` and friends return (by value).
    static let value: GoType = .named("semver.Version", .structure)
    /// `*semver.Version`, what Sprig's `semver` returns.
    static let pointer: GoType = .pointer(value)
}

/// The pointee of a `*semver.Version`: a reference, so that `eq` compares pointer
/// identity as Go does (`eq (semver "1.0.0") (semver "1.0.0")` is false; a variable
/// equals itself).
final class SemverBox: Sendable {
    let version: SemverVersion
    init(_ version: SemverVersion) { self.version = version }
}

/// `*semver.Version` in a template. Its method set is every method of `Version`:
/// `Major`…`Metadata`, `Original`, `String`, the increments and setters, the
/// comparisons (which take another `*semver.Version`) and the marshalers. Its fields
/// are all unexported, so no field is reachable.
struct SemverPointerObject: GoObject {
    let box: SemverBox
    init(_ version: SemverVersion) { box = SemverBox(version) }

    var goType: GoType { SemverGoType.pointer }
    func field(_ name: String) -> Value? { nil }
    func method(_ name: String) -> GoFunction? {
        SemverMethods.valueMethod(name, box.version) ?? SemverMethods.pointerMethod(name, box.version)
    }
    var stringer: String? { box.version.description }
    var structFields: [(name: String, value: Value)] { SemverMethods.fields(box.version) }
    /// `MarshalJSON`: the `String()` text.
    var jsonValue: Value { .string(box.version.description) }
    func isIdentical(to other: any GoObject) -> Bool {
        (other as? SemverPointerObject)?.box === box
    }
}

/// A `semver.Version` value (an increment's or setter's result). Go cannot take the
/// address of a method's result, so only the value-receiver methods are reachable:
/// `.IncPatch.Original` is "can't evaluate field Original in type semver.Version".
struct SemverValueObject: GoObject {
    let version: SemverVersion

    var goType: GoType { SemverGoType.value }
    func field(_ name: String) -> Value? { nil }
    func method(_ name: String) -> GoFunction? { SemverMethods.valueMethod(name, version) }
    var stringer: String? { version.description }
    var structFields: [(name: String, value: Value)] { SemverMethods.fields(version) }
    var jsonValue: Value { .string(version.description) }
    /// Go's struct `==`: every field, the original text included.
    func isIdentical(to other: any GoObject) -> Bool {
        guard let o = (other as? SemverValueObject)?.version else { return false }
        return o.major == version.major && o.minor == version.minor && o.patch == version.patch
            && o.prerelease == version.prerelease && o.metadata == version.metadata && o.original == version.original
    }
}

/// The methods of Masterminds' `Version`, bound to a receiver.
enum SemverMethods {
    static func uint64(_ n: UInt64) -> Value { .int(Int64(bitPattern: n), type: .uint64) }

    /// The unexported fields in declaration order, as `%v` without `String()` shows them.
    static func fields(_ v: SemverVersion) -> [(name: String, value: Value)] {
        [("major", uint64(v.major)), ("minor", uint64(v.minor)), ("patch", uint64(v.patch)),
         ("pre", .string(v.prerelease)), ("metadata", .string(v.metadata)), ("original", .string(v.original))]
    }

    private static func call(_ name: String, _ body: @escaping @Sendable () throws -> Value) -> GoFunction {
        GoFunction(name, []) { _ in
            do { return try body() } catch { throw GoFunctionError("\(error)") }
        }
    }

    /// Methods with a value receiver (in the method sets of both `Version` and `*Version`).
    static func valueMethod(_ name: String, _ v: SemverVersion) -> GoFunction? {
        switch name {
        case "String": return call(name) { .string(v.description) }
        case "Major": return call(name) { uint64(v.major) }
        case "Minor": return call(name) { uint64(v.minor) }
        case "Patch": return call(name) { uint64(v.patch) }
        case "Prerelease": return call(name) { .string(v.prerelease) }
        case "Metadata": return call(name) { .string(v.metadata) }
        case "IncPatch": return call(name) { .object(SemverValueObject(version: try v.incrementingPatch())) }
        case "IncMinor": return call(name) { .object(SemverValueObject(version: try v.incrementingMinor())) }
        case "IncMajor": return call(name) { .object(SemverValueObject(version: try v.incrementingMajor())) }
        case "SetPrerelease", "SetMetadata":
            return GoFunction(name, [.string]) { args in
                guard case .string(let s) = args.first else { throw GoFunctionError("wrong type for value; expected string") }
                do {
                    let r = name == "SetPrerelease" ? try v.settingPrerelease(s) : try v.settingMetadata(s)
                    return .object(SemverValueObject(version: r))
                } catch { throw GoFunctionError("\(error)") }
            }
        // json.Marshal of a version string needs no escaping: it is only [0-9A-Za-z.+-].
        case "MarshalJSON": return call(name) { .bytes(Array("\"\(v.description)\"".utf8)) }
        case "MarshalText": return call(name) { .bytes(Array(v.description.utf8)) }
        // `Value() (driver.Value, error)`: the String() text in an interface.
        case "Value": return call(name) { .string(v.description) }
        default: return nil
        }
    }

    /// Methods with a pointer receiver, reachable only through `*Version`.
    static func pointerMethod(_ name: String, _ v: SemverVersion) -> GoFunction? {
        switch name {
        case "Original": return call(name) { .string(v.original) }
        case "Compare": return compare(name) { .int(Int64(v.compare(to: $0)), type: .int) }
        case "LessThan": return compare(name) { .bool(v < $0) }
        case "LessThanEqual": return compare(name) { .bool(v <= $0) }
        case "GreaterThan": return compare(name) { .bool(v > $0) }
        case "GreaterThanEqual": return compare(name) { .bool(v >= $0) }
        case "Equal":
            // `Equal` alone checks for nil (a nil argument is simply not equal).
            return GoFunction(name, [SemverGoType.pointer]) { args in
                guard case .object(let o as SemverPointerObject) = args.first else { return .bool(false) }
                return .bool(v == o.box.version)
            }
        default: return nil
        }
    }

    /// A comparison taking `*Version`; Go dereferences a nil argument and panics,
    /// which templates report as the runtime error.
    private static func compare(_ name: String, _ body: @escaping @Sendable (SemverVersion) -> Value) -> GoFunction {
        GoFunction(name, [SemverGoType.pointer]) { args in
            guard case .object(let o as SemverPointerObject) = args.first else {
                throw GoFunctionError("runtime error: invalid memory address or nil pointer dereference")
            }
            return body(o.box.version)
        }
    }
}
