import KubeObjects
import XCTest

/// Expected texts and matches follow apimachinery `pkg/labels/selector.go` and
/// `pkg/util/validation` (and the `metav1.LabelSelectorAsSelector` conversion).
final class LabelSelectorTests: XCTestCase {
    private func parseError(_ text: String) -> String? {
        do {
            _ = try LabelSelector(parsing: text)
            return nil
        } catch {
            return error.message
        }
    }

    func testEqualityForms() throws {
        let s = try LabelSelector(parsing: "app=web,tier==front,env!=prod")
        XCTAssertTrue(s.matches(labels: ["app": "web", "tier": "front", "env": "dev"]))
        XCTAssertTrue(s.matches(labels: ["app": "web", "tier": "front"]))
        XCTAssertFalse(s.matches(labels: ["app": "web", "tier": "front", "env": "prod"]))
    }

    func testSetBasedForms() throws {
        let s = try LabelSelector(parsing: "x in (a, b),y notin (c),z")
        XCTAssertTrue(s.matches(labels: ["x": "b", "z": ""]))
        XCTAssertFalse(s.matches(labels: ["x": "b", "y": "c", "z": "1"]))
        XCTAssertFalse(s.matches(labels: ["x": "b"]))
    }

    func testNotExists() throws {
        let s = try LabelSelector(parsing: "!canary")
        XCTAssertTrue(s.matches(labels: ["app": "a"]))
        XCTAssertFalse(s.matches(labels: ["canary": "true"]))
    }

    func testInAndNotInAreKeywordsOnlyAsOperators() throws {
        let s = try LabelSelector(parsing: "in in (in,notin)")
        XCTAssertTrue(s.matches(labels: ["in": "notin"]))
    }

    func testEmptyValueForms() throws {
        XCTAssertEqual(try LabelSelector(parsing: "x in (,a)").requirements.first?.values, ["", "a"])
        XCTAssertEqual(try LabelSelector(parsing: "x=").requirements.first?.values, [""])
        XCTAssertEqual(try LabelSelector(parsing: "x notin ()").requirements.first?.values, [""])
    }

    func testGreaterThanComparesIntegers() throws {
        let s = try LabelSelector(parsing: "replicas>1")
        XCTAssertTrue(s.matches(labels: ["replicas": "10"]))
        XCTAssertFalse(s.matches(labels: ["replicas": "1"]))
    }

    func testStringSortsRequirementsByKeyAndValues() throws {
        XCTAssertEqual(try LabelSelector(parsing: "z=c, x in (b,a),!y").description, "x in (a,b),!y,z=c")
    }

    func testEmptySelectorMatchesEverything() throws {
        let s = try LabelSelector(parsing: "")
        XCTAssertTrue(s.isEverything)
        XCTAssertTrue(s.matches(labels: [:]))
    }

    func testMissingOperatorError() {
        XCTAssertEqual(parseError("a b"), "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt")
    }

    func testTrailingCommaError() {
        XCTAssertEqual(parseError("x=a,"), "found '', expected: identifier after ','")
    }

    func testLeadingCommaError() {
        XCTAssertEqual(parseError(",x"), "found ',', expected: !, identifier, or 'end of string'")
    }

    func testUnclosedValueSetError() {
        XCTAssertEqual(parseError("x in (a"), "unable to parse requirement: found '', expected: ',' or ')'")
    }

    func testDoubledOperatorError() {
        XCTAssertEqual(parseError("x==a==b"), "found '==', expected: ',' or 'end of string'")
    }

    func testInvalidKeyError() {
        XCTAssertEqual(
            parseError("-x=a"),
            "unable to parse requirement: <nil>: Invalid value: \"-x\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"
        )
    }

    func testInvalidValueError() {
        XCTAssertEqual(
            parseError("a=b/c"),
            "unable to parse requirement: values[0][a]: Invalid value: \"b/c\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
        )
    }

    func testPrefixedKeyMustHaveLowercaseDNSPrefix() {
        XCTAssertEqual(
            parseError("Example.com/a"),
            "unable to parse requirement: <nil>: Invalid value: \"Example.com/a\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
        )
    }

    func testStructuredSelectorCombinesLabelsAndExpressions() throws {
        let s = try LabelSelector(structured: [
            "matchLabels": ["app": "web"],
            "matchExpressions": [["key": "tier", "operator": "In", "values": ["a", "b"]], ["key": "canary", "operator": "DoesNotExist"]],
        ])
        XCTAssertTrue(s.matches(labels: ["app": "web", "tier": "b"]))
        XCTAssertFalse(s.matches(labels: ["app": "web", "tier": "b", "canary": "1"]))
        XCTAssertEqual(s.description, "app=web,!canary,tier in (a,b)")
    }

    func testStructuredNilSelectsNothingAndEmptySelectsEverything() throws {
        XCTAssertFalse(try LabelSelector(structured: nil).matches(labels: [:]))
        XCTAssertTrue(try LabelSelector(structured: .emptyObject).matches(labels: ["a": "b"]))
    }

    func testStructuredUnknownOperatorError() {
        XCTAssertThrowsError(try LabelSelector(structured: ["matchExpressions": [["key": "a", "operator": "Foo"]]])) { error in
            XCTAssertEqual("\(error)", "\"Foo\" is not a valid label selector operator")
        }
    }

    func testStructuredInWithoutValuesError() {
        XCTAssertThrowsError(try LabelSelector(structured: ["matchExpressions": [["key": "a", "operator": "In", "values": []]]])) { error in
            XCTAssertEqual("\(error)", "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty")
        }
    }

    func testMatchesObjectLabels() throws {
        let s = try LabelSelector(parsing: "name=demo,owner=helm")
        XCTAssertTrue(s.matches(object: ["metadata": ["labels": ["name": "demo", "owner": "helm", "status": "deployed"]]]))
        XCTAssertFalse(s.matches(object: ["metadata": ["name": "x"]]))
    }

    func testRequiredValue() throws {
        XCTAssertEqual(try LabelSelector(parsing: "owner=helm,name in (demo)").requiredValue(for: "name"), "demo")
        XCTAssertNil(try LabelSelector(parsing: "name notin (demo)").requiredValue(for: "name"))
    }
}

final class LabelSelectorRobustnessTests: XCTestCase {
    func testTruncatedInputsFailWithoutTrapping() {
        for text in ["!", "x in", "x in (", "x in (,", "x notin (a,", "x=", "x!", "(", ")", "x in (a)b", "a,!", "!!a", "x<", "x>a"] {
            _ = try? LabelSelector(parsing: text)
        }
        XCTAssertThrowsError(try LabelSelector(parsing: "x in ("))
    }
}
