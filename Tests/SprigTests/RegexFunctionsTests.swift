import Values
import XCTest
@testable import Sprig

/// Sprig v3.3.0's regex functions as Helm v4.2.3 runs them: signatures, results and the
/// error texts (`MustCompile`'s panic for the plain versions, the bare compile error for
/// the `must` ones, none at all for `regexMatch`).
final class RegexFunctionsTests: XCTestCase {
    private let functions = RegexFunctions.all()

    private func call(_ name: String, _ args: Value...) throws -> Value {
        let function = try XCTUnwrap(functions[name], "no function \(name)")
        return try function.body(args)
    }

    private func errorText(_ name: String, _ args: Value...) -> String? {
        do {
            _ = try functions[name]!.body(args)
            return nil
        } catch {
            return "\(error)"
        }
    }

    func testTableHoldsEverySprigRegexFunction() {
        XCTAssertEqual(Set(functions.keys), [
            "regexMatch", "mustRegexMatch", "regexFindAll", "mustRegexFindAll", "regexFind",
            "mustRegexFind", "regexReplaceAll", "mustRegexReplaceAll", "regexReplaceAllLiteral",
            "mustRegexReplaceAllLiteral", "regexSplit", "mustRegexSplit", "regexQuoteMeta",
        ])
    }

    func testSignaturesMatchGo() {
        XCTAssertEqual(functions["regexMatch"]?.parameters, [.string, .string])
        XCTAssertEqual(functions["regexFindAll"]?.parameters, [.string, .string, .int])
        XCTAssertEqual(functions["regexReplaceAll"]?.parameters, [.string, .string, .string])
        XCTAssertEqual(functions["mustRegexSplit"]?.parameters, [.string, .string, .int])
        XCTAssertEqual(functions["regexQuoteMeta"]?.parameters, [.string])
    }

    func testRegexMatch() throws {
        XCTAssertEqual(try call("regexMatch", "^a.c$", "abc"), .bool(true))
        XCTAssertEqual(try call("regexMatch", "^a.c$", "abcd"), .bool(false))
        XCTAssertEqual(try call("mustRegexMatch", "(?<name>x)", "x"), .bool(true))
    }

    func testRegexMatchTreatsABadPatternAsNoMatch() throws {
        XCTAssertEqual(try call("regexMatch", "(", "x"), .bool(false))
    }

    func testMustVariantsReturnTheCompileError() {
        XCTAssertEqual(errorText("mustRegexMatch", "a++", "a"),
                       "error parsing regexp: invalid nested repetition operator: `++`")
        XCTAssertEqual(errorText("mustRegexFind", "[", "x"), "error parsing regexp: missing closing ]: `[`")
        XCTAssertEqual(errorText("mustRegexSplit", "(", "x", 1), "error parsing regexp: missing closing ): `(`")
    }

    func testPlainVariantsReportMustCompilesPanic() {
        XCTAssertEqual(errorText("regexFindAll", "(", "x", -1),
                       "regexp: Compile(`(`): error parsing regexp: missing closing ): `(`")
        XCTAssertEqual(errorText("regexReplaceAllLiteral", "(", "x", "y"),
                       "regexp: Compile(`(`): error parsing regexp: missing closing ): `(`")
    }

    func testPanicQuotesPatternsThatCannotBeBackquoted() {
        XCTAssertEqual(errorText("regexFind", "(`", "x"),
                       "regexp: Compile(\"(`\"): error parsing regexp: missing closing ): `(``")
        XCTAssertEqual(errorText("regexFind", "(\n", "x"),
                       "regexp: Compile(\"(\\n\"): error parsing regexp: missing closing ): `(\n`")
        XCTAssertEqual(errorText("regexFind", "(\té", "x"),
                       "regexp: Compile(`(\té`): error parsing regexp: missing closing ): `(\té`")
    }

    func testFindAllReturnsAStringSlice() throws {
        XCTAssertEqual(try call("regexFindAll", "[0-9]+", "a1b22c333", -1), .strings(["1", "22", "333"]))
        XCTAssertEqual(try call("regexFindAll", "[0-9]+", "a1b22c333", 2), .strings(["1", "22"]))
        XCTAssertEqual(try call("mustRegexFindAll", "[0-9]+", "abc", -1), .strings([]))
        XCTAssertEqual(try call("regexFindAll", "a*", "baaab", -1), .strings(["", "aaa", ""]))
    }

    func testFind() throws {
        XCTAssertEqual(try call("regexFind", "a(b+)", "xabbby"), .string("abbb"))
        XCTAssertEqual(try call("mustRegexFind", "[0-9]+", "abc"), .string(""))
    }

    func testReplaceAll() throws {
        XCTAssertEqual(try call("regexReplaceAll", "a(x*)b", "-ab-axxb-", "${1}W"), .string("-W-xxW-"))
        XCTAssertEqual(try call("regexReplaceAll", "\\s+", "a  b\tc", " "), .string("a b c"))
        XCTAssertEqual(try call("mustRegexReplaceAll", "[aeiou]", "education", ""), .string("dctn"))
    }

    func testReplaceAllLiteral() throws {
        XCTAssertEqual(try call("regexReplaceAllLiteral", "a", "aaa", "$"), .string("$$$"))
        XCTAssertEqual(try call("mustRegexReplaceAllLiteral", "a", "aa", "$1"), .string("$1$1"))
    }

    func testSplit() throws {
        XCTAssertEqual(try call("regexSplit", "a", "bab", -1), .strings(["b", "b"]))
        XCTAssertEqual(try call("regexSplit", ",", "a,b,c", 2), .strings(["a", "b,c"]))
        XCTAssertEqual(try call("mustRegexSplit", "", "abc", -1), .strings(["a", "b", "c"]))
    }

    func testQuoteMeta() throws {
        XCTAssertEqual(try call("regexQuoteMeta", "1.5+2*[x]"), .string("1\\.5\\+2\\*\\[x\\]"))
        XCTAssertEqual(try call("regexQuoteMeta", ""), .string(""))
    }
}
