import KubeObjects
import XCTest

/// Expected texts follow apimachinery `pkg/fields/selector.go`.
final class FieldSelectorTests: XCTestCase {
    private func parseError(_ text: String) -> String? {
        do {
            _ = try FieldSelector(parsing: text)
            return nil
        } catch {
            return error.message
        }
    }

    func testNameAndNamespaceTerms() throws {
        let s = try FieldSelector(parsing: "metadata.name=x,metadata.namespace!=y")
        XCTAssertTrue(s.matches(object: ["metadata": ["name": "x", "namespace": "z"]]))
        XCTAssertFalse(s.matches(object: ["metadata": ["name": "x", "namespace": "y"]]))
    }

    func testDoubleEqualsMatchesLikeEquals() throws {
        XCTAssertTrue(try FieldSelector(parsing: "status.phase==Running").matches(object: ["status": ["phase": "Running"]]))
    }

    func testEventInvolvedObjectFields() throws {
        let event: JSONValue = ["type": "Normal", "involvedObject": ["kind": "HelmRelease", "name": "x", "namespace": "x", "uid": "u1"]]
        let s = try FieldSelector(parsing: "involvedObject.name=x,involvedObject.namespace=x,involvedObject.kind=HelmRelease,involvedObject.uid=u1")
        XCTAssertTrue(s.matches(object: event))
        XCTAssertFalse(try FieldSelector(parsing: "type=Warning").matches(object: event))
    }

    func testMissingFieldReadsAsEmpty() throws {
        XCTAssertTrue(try FieldSelector(parsing: "spec.nodeName=").matches(object: ["spec": .emptyObject]))
        XCTAssertTrue(try FieldSelector(parsing: "spec.nodeName!=node-1").matches(object: .emptyObject))
    }

    func testBooleanFieldsCompareAsText() throws {
        XCTAssertTrue(try FieldSelector(parsing: "spec.hostNetwork=true").matches(object: ["spec": ["hostNetwork": true]]))
    }

    func testEscapedValues() throws {
        let s = try FieldSelector(parsing: #"metadata.name=a\,b\=c\\d"#)
        XCTAssertEqual(s.requirements.first?.value, #"a,b=c\d"#)
        XCTAssertEqual(s.description, #"metadata.name=a\,b\=c\\d"#)
    }

    func testTermsAreSortedAndDoubleEqualsPrintsAsEquals() throws {
        XCTAssertEqual(try FieldSelector(parsing: "b==2,a!=1").description, "a!=1,b=2")
    }

    func testTermWithoutOperatorError() {
        XCTAssertEqual(parseError("foo"), "invalid selector: 'foo'; can't understand 'foo'")
    }

    func testUnescapedEqualsInValueError() {
        XCTAssertEqual(parseError("a=b=c"), "invalid field selector: unescaped character in value: 61")
    }

    func testUnknownEscapeError() {
        XCTAssertEqual(parseError(#"a=b\x"#), #"invalid field selector: invalid escape sequence: \x"#)
    }

    func testRequiredValueAndUnsupportedField() throws {
        let s = try FieldSelector(parsing: "metadata.name=x,spec.foo=1")
        XCTAssertEqual(s.requiredValue(for: "metadata.name"), "x")
        XCTAssertEqual(s.unsupportedField(allowed: ["metadata.name", "metadata.namespace"]), "spec.foo")
    }
}
