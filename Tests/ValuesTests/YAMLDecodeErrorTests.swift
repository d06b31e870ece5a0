import XCTest

@testable import Values

/// Decode failures carry go-yaml's message (and Helm's prefix in `description`), with
/// go-yaml v2's peculiar line numbers; expectations come from the oracle.
final class YAMLDecodeErrorTests: XCTestCase {
    private func message(_ text: String) -> String? {
        do {
            _ = try YAML.decode(text)
            return nil
        } catch {
            return error.message
        }
    }

    func testUnclosedFlowSequenceNamesLineOne() {
        XCTAssertEqual(message("a: [1"), "yaml: line 1: did not find expected ',' or ']'")
    }

    func testScannerErrorsNameTheirOneBasedLine() {
        XCTAssertEqual(message("a:\n  b\n c: d"), "yaml: line 3: mapping values are not allowed in this context")
        XCTAssertEqual(message("a:\n\tb: 1"), "yaml: line 2: found character that cannot start any token")
    }

    func testParserErrorsNameTheLineBeforeTheProblem() {
        XCTAssertEqual(message("- a\nb: c"), "yaml: line 1: did not find expected '-' indicator")
    }

    func testErrorsOnTheFirstLineNameNoLine() {
        XCTAssertEqual(message("a: b: c"), "yaml: mapping values are not allowed in this context")
        XCTAssertEqual(message("a: {b: c: d}"), "yaml: did not find expected ',' or '}'")
    }

    func testControlCharactersAreRefused() {
        XCTAssertEqual(message("a: \u{07}"), "yaml: control characters are not allowed")
    }

    func testUnknownAliasIsReported() {
        XCTAssertEqual(message("a: *x"), "yaml: unknown anchor 'x' referenced")
    }

    func testRecursiveAliasIsReported() {
        XCTAssertEqual(message("a: &x [1, *x]"), "yaml: anchor 'x' value contains itself")
    }

    func testMergeOfAScalarIsRefused() {
        XCTAssertEqual(message("b:\n  <<: 1"), "yaml: map merge requires map or sequence of maps as the value")
    }

    func testCollectionKeysAreRefusedWithGoSyntax() {
        XCTAssertEqual(message("? [a]\n: x"), "yaml: invalid map key: []interface {}{\"a\"}")
        XCTAssertEqual(message("? {a: 1}\n: x"), "yaml: invalid map key: map[interface {}]interface {}{\"a\":1}")
    }

    func testNullKeyCannotBecomeJSON() {
        XCTAssertEqual(message("~: x"), "unsupported map key of type: %!s(<nil>), key: <nil>, value: \"x\"")
    }

    func testUint64KeyCannotBecomeJSON() {
        XCTAssertEqual(
            message("18446744073709551615: x"),
            "unsupported map key of type: uint64, key: 0xffffffffffffffff, value: \"x\"")
    }

    func testInfinityAndNaNFailTheJSONStep() {
        XCTAssertEqual(message("a: .inf"), "json: unsupported value: +Inf")
        XCTAssertEqual(message("a: -.Inf"), "json: unsupported value: -Inf")
        XCTAssertEqual(message("a: .NaN"), "json: unsupported value: NaN")
    }

    func testExplicitTagThatDoesNotFitIsRefused() {
        XCTAssertEqual(message("a: !!int abc"), "yaml: cannot decode !!str `abc` as a !!int")
        XCTAssertEqual(message("a: !!int"), "yaml: cannot decode !!null `` as a !!int")
    }

    func testDescriptionCarriesHelmsPrefix() {
        XCTAssertThrowsError(try YAML.decode("a: [1")) { e in
            XCTAssertEqual("\(e)", "error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'")
        }
    }
}

extension Error {
    fileprivate var message: String { (self as? YAMLError)?.message ?? "\(self)" }
}

final class YAMLDecodeLimitTests: XCTestCase {
    func testAbsurdNestingIsRefusedInsteadOfOverflowingTheStack() {
        let text = String(repeating: "[", count: 20000) + String(repeating: "]", count: 20000)
        XCTAssertThrowsError(try YAML.decode(text)) { e in
            XCTAssertEqual((e as? YAMLError)?.message, "yaml: exceeded max depth of 1000")
        }
    }

    func testNestingUpToTheLimitRoundTrips() throws {
        let text = String(repeating: "[", count: 999) + "1" + String(repeating: "]", count: 999)
        let yaml = try YAML.encode(YAML.decode(text))
        XCTAssertEqual(yaml, String(repeating: "- ", count: 999) + "1\n")
    }
}
