import GoTemplate
import Values
import XCTest

@testable import Sprig

/// Sprig's `semver` and `semverCompare`, and the `*semver.Version` they hand to
/// templates. Expectations recorded from Helm v4.2.3.
final class SemverFunctionTests: XCTestCase {
    private let functions = SemverFunctions.all()

    private func call(_ name: String, _ args: Value...) throws -> Value {
        try XCTUnwrap(functions[name]).body(args)
    }

    private func object(_ v: Value, file: StaticString = #filePath, line: UInt = #line) throws -> any GoObject {
        guard case .object(let o) = v else {
            XCTFail("not an object: \(v)", file: file, line: line)
            throw GoFunctionError("not an object")
        }
        return o
    }

    /// `(semver TEXT).NAME ARGS…`
    private func method(_ text: String, _ name: String, _ args: Value...) throws -> Value {
        let m = try XCTUnwrap(object(call("semver", .string(text))).method(name), "no method \(name)")
        return try m.body(args)
    }

    private func errorText(_ body: () throws -> Value) -> String? {
        do {
            _ = try body()
            return nil
        } catch { return "\(error)" }
    }

    func testSignaturesTakeStrings() throws {
        XCTAssertEqual(try XCTUnwrap(functions["semver"]).parameters, [.string])
        XCTAssertEqual(try XCTUnwrap(functions["semverCompare"]).parameters, [.string, .string])
    }

    func testSemverCompareChecksAVersionAgainstAConstraint() throws {
        XCTAssertEqual(try call("semverCompare", "^1.2", "1.9.0"), .bool(true))
        XCTAssertEqual(try call("semverCompare", ">=1.21-0", "v1.36.0"), .bool(true))
        XCTAssertEqual(try call("semverCompare", "<1.16", "v1.36.0"), .bool(false))
    }

    func testSemverCompareParsesTheConstraintFirst() {
        XCTAssertEqual(errorText { try call("semverCompare", "bad", "bad") }, "improper constraint: \"bad\"")
        XCTAssertEqual(errorText { try call("semverCompare", ">=1", "bad") }, "invalid semantic version")
        XCTAssertEqual(errorText { try call("semverCompare", ">=1", "") }, "invalid semantic version")
    }

    func testSemverReturnsAPointerToVersion() throws {
        let v = try call("semver", "1.2.3")
        XCTAssertEqual(v.typeName, "*semver.Version")
        XCTAssertEqual(v.goType?.kind, "ptr")
        XCTAssertEqual(GoFmt.sprint([v]), "1.2.3")
        XCTAssertEqual(GoFmt.sprint([try call("semver", "1")]), "1.0.0")
        XCTAssertEqual(errorText { try call("semver", "1.2.3.4") }, "invalid semantic version")
    }

    func testSegmentMethodsReturnUInt64() throws {
        let major = try method("1.2.3", "Major")
        XCTAssertEqual(major, .int(1, type: .uint64))
        XCTAssertEqual(major.typeName, "uint64")
        XCTAssertEqual(try method("1.2.3", "Minor"), .int(2, type: .uint64))
        XCTAssertEqual(try method("1.2.3", "Patch"), .int(3, type: .uint64))
        XCTAssertEqual(GoFmt.sprint([try method("18446744073709551615.0.0", "Major")]), "18446744073709551615")
    }

    func testTextMethods() throws {
        XCTAssertEqual(try method("1.2.3-beta.1+build", "Prerelease"), "beta.1")
        XCTAssertEqual(try method("1.2.3-beta.1+build", "Metadata"), "build")
        XCTAssertEqual(try method("v1.2", "String"), "1.2.0")
        XCTAssertEqual(try method("v1.2.3", "Original"), "v1.2.3")
        XCTAssertEqual(try method("1.2.3", "Value"), "1.2.3")
    }

    func testFieldsAreUnexported() throws {
        let o = try object(call("semver", "1.2.3"))
        XCTAssertNil(o.field("major"))
        XCTAssertNil(o.field("Major"))
        XCTAssertNil(o.method("Foo"))
        XCTAssertNil(o.method("IncPatchE"))
    }

    func testComparisonMethodsTakeAnotherVersionPointer() throws {
        XCTAssertEqual(try method("1.2.3", "Compare", call("semver", "1.2.4")), .int(-1, type: .int))
        XCTAssertEqual(try method("1.2.3", "Compare", call("semver", "1.2.3")), .int(0, type: .int))
        XCTAssertEqual(try method("2.0.0", "GreaterThan", call("semver", "1.9.9")), .bool(true))
        XCTAssertEqual(try method("1.0.0", "LessThan", call("semver", "1.0.0-rc.1")), .bool(false))
        XCTAssertEqual(try method("1.0.0", "Equal", call("semver", "v1.0")), .bool(true))
        XCTAssertEqual(try method("1.2.3", "LessThanEqual", call("semver", "1.2.3")), .bool(true))
        XCTAssertEqual(try method("1.2.3", "GreaterThanEqual", call("semver", "1.2.3")), .bool(true))
        let compare = try XCTUnwrap(object(call("semver", "1.2.3")).method("Compare"))
        XCTAssertEqual(compare.parameters, [.pointer(.named("semver.Version", .structure))])
    }

    func testNilArgumentPanicsExceptInEqual() {
        XCTAssertEqual(errorText { try method("1.2.3", "Compare", .null) },
                       "runtime error: invalid memory address or nil pointer dereference")
        XCTAssertEqual(errorText { try method("1.2.3", "LessThan", .null) },
                       "runtime error: invalid memory address or nil pointer dereference")
        XCTAssertEqual(try method("1.2.3", "Equal", .null), .bool(false))
    }

    func testIncrementsReturnAVersionValue() throws {
        let next = try method("1.2.3-rc.1", "IncPatch")
        XCTAssertEqual(next.typeName, "semver.Version")
        XCTAssertEqual(next.goType?.kind, "struct")
        XCTAssertEqual(GoFmt.sprint([next]), "1.2.3")
        XCTAssertEqual(GoFmt.sprint([try method("v1.2.3", "IncPatch")]), "1.2.4")
        XCTAssertEqual(GoFmt.sprint([try method("1.2.3-a+b", "IncMinor")]), "1.3.0")
    }

    func testVersionValueHasOnlyValueReceiverMethods() throws {
        let next = try object(method("1.2.3", "IncPatch"))
        XCTAssertEqual(try XCTUnwrap(next.method("Major")).body([]), .int(1, type: .uint64))
        XCTAssertEqual(try XCTUnwrap(next.method("String")).body([]), "1.2.4")
        XCTAssertNil(next.method("Original"))
        XCTAssertNil(next.method("LessThan"))
    }

    func testIncrementOverflowIsAnError() {
        XCTAssertEqual(errorText { try method("18446744073709551615.0.0", "IncMajor") },
                       "major version increment would overflow uint64")
    }

    func testSettersValidate() throws {
        XCTAssertEqual(GoFmt.sprint([try method("1.2.3", "SetPrerelease", "x")]), "1.2.3-x")
        XCTAssertEqual(GoFmt.sprint([try method("v1.2.3+x", "SetMetadata", "m")]), "1.2.3+m")
        XCTAssertEqual(errorText { try method("1.2.3", "SetPrerelease", "01") }, "version segment starts with 0")
        XCTAssertEqual(errorText { try method("1.2.3", "SetMetadata", "a..b") }, "invalid metadata string")
    }

    func testMarshalersReturnBytes() throws {
        XCTAssertEqual(GoFmt.sprint([try method("1.2.3", "MarshalJSON")]), "[34 49 46 50 46 51 34]")
        XCTAssertEqual(GoFmt.sprint([try method("1.2.3", "MarshalText")]), "[49 46 50 46 51]")
    }

    func testPrintingUsesStringUnlessTheVerbDoesNotApply() throws {
        let v = try call("semver", "1.2.3-a+b")
        XCTAssertEqual(GoFmt.sprintf("%v|%s|%q", [v, v, v]), "1.2.3-a+b|1.2.3-a+b|\"1.2.3-a+b\"")
        XCTAssertEqual(GoFmt.sprintf("%d", [v]), "&{1 2 3 %!d(string=a) %!d(string=b) %!d(string=1.2.3-a+b)}")
        XCTAssertEqual(GoFmt.sprintf("%d", [try method("1.2.3-a+b", "IncPatch")]),
                       "{1 2 3 %!d(string=) %!d(string=) %!d(string=1.2.3)}")
        XCTAssertEqual(GoFmt.sprint([.list([v])]), "[1.2.3-a+b]")
    }

    func testJSONIsTheVersionString() throws {
        XCTAssertEqual(try call("semver", "v1.2.3-a+b").jsonValue, "1.2.3-a+b")
        XCTAssertEqual(try method("1.2.3", "IncMajor").jsonValue, "2.0.0")
    }

    func testPointersAreIdenticalOnlyToThemselves() throws {
        let a = try call("semver", "1.2.3")
        XCTAssertEqual(a, a)
        XCTAssertNotEqual(a, try call("semver", "1.2.3"))
    }

    func testVersionValuesCompareEveryField() throws {
        XCTAssertEqual(try method("1.2.3", "IncPatch"), try method("1.2.3", "IncPatch"))
        XCTAssertNotEqual(try method("v1.2.3", "IncPatch"), try method("1.2.3", "IncPatch"))
    }
}
