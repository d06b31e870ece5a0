import XCTest
import Values
@testable import Charts

/// Expectations are Helm v4.2.3's own error texts (helm_python oracle, a chart with the
/// schema and values.yaml). Values are written as YAML decodes them: numbers are floats.
final class ValuesSchemaTests: XCTestCase {
    private func problems(_ schema: String, _ values: [String: Value]) throws -> [String] {
        try ValuesSchema.validate(schema: schema, values: .map(values))
    }

    func testLocalizedNumbersGroupDigitsInMinimumAndMultipleOf() throws {
        let p = try problems(#"{"type":"object","properties":{"a":{"type":"integer","minimum":2000.5,"multipleOf":3}}}"#, ["a": 1000.0])
        XCTAssertEqual(p, ["at '/a': minimum: got 1,000, want 2,000.5", "at '/a': multipleOf: got 1,000, want 3"])
    }

    func testLargeAndSmallNumbersUseSuperscriptExponents() throws {
        let p = try problems(
            #"{"properties":{"a":{"maximum":1e-7},"c":{"maximum":1},"d":{"maximum":1},"e":{"maximum":1}}}"#,
            ["a": 1e21, "c": 123456789.123, "d": 1.5e300, "e": 12345678901234567890.0])
        XCTAssertEqual(p, [
            "at '/a': maximum: got 1×10²¹, want 1×10⁻⁰⁷",
            "at '/c': maximum: got 1.23456789123×10⁰⁸, want 1",
            "at '/d': maximum: got 1.5×10³⁰⁰, want 1",
            "at '/e': maximum: got 1.2345678901234567×10¹⁹, want 1",
        ])
    }

    func testTypeMismatchNamesJSONTypesInV6Order() throws {
        let p = try problems(
            #"{"properties":{"a":{"type":["string","null","integer"]},"b":{"type":["number","string","null","boolean","array"]}}}"#,
            ["a": 1.5, "b": .map([:])])
        XCTAssertEqual(p, [
            "at '/a': got number, want null or integer or string",
            "at '/b': got object, want null or boolean or number or string or array",
        ])
    }

    func testIntegerAcceptsFloatWithoutFraction() throws {
        XCTAssertEqual(try problems(#"{"properties":{"b":{"type":"integer"}}}"#, ["b": 2.0]), [])
    }

    func testStringLengthsCountRunesAndGroupDigits() throws {
        let p = try problems(#"{"properties":{"a":{"maxLength":2,"minLength":5000}}}"#, ["a": "hello"])
        XCTAssertEqual(p, ["at '/a': minLength: got 5, want 5,000", "at '/a': maxLength: got 5, want 2"])
    }

    func testEnumListsPrimitiveMembers() throws {
        let p = try problems(#"{"properties":{"a":{"enum":["x","y",1,null,true]}}}"#, ["a": "hello"])
        XCTAssertEqual(p, ["at '/a': value must be one of 'x', 'y', 1, <nil>, true"])
    }

    func testConstAndEnumWithCompositeMembersSayFailed() throws {
        let p = try problems(
            #"{"properties":{"a":{"const":"x"},"b":{"const":{"k":1}},"c":{"const":1.0},"d":{"enum":[[1],"x"]},"e":{"enum":["it's"]}}}"#,
            ["a": "y", "b": 1.0, "c": 1.0, "d": 1.0, "e": 2.0])
        XCTAssertEqual(Set(p), [
            "at '/d': 'enum' failed", "at '/e': value must be 'it\\'s'", "at '/a': value must be 'x'", "at '/b': 'const' failed",
        ])
    }

    func testAdditionalPropertiesFalseListsEveryExtraName() throws {
        let p = try problems(#"{"additionalProperties":false,"properties":{"a":{}}}"#, ["a": 1.0, "zz": 1.0, "bb": 2.0])
        XCTAssertEqual(p.count, 1)
        // Go's map order is random; Helm printed e.g. "additional properties 'zz', 'bb' not allowed".
        XCTAssertEqual(p.first, "at '': additional properties 'bb', 'zz' not allowed")
    }

    func testRequiredAndMinPropertiesComeBeforePropertyErrors() throws {
        let p = try problems(#"{"properties":{"a":{"type":"object","required":["x","y"],"minProperties":3}}}"#, ["a": ["z": 1.0]])
        XCTAssertEqual(p, ["at '/a': minProperties: got 1, want 3", "at '/a': missing properties 'x', 'y'"])
    }

    func testAnyOfListsEachBranchIndented() throws {
        let p = try problems(#"{"properties":{"a":{"anyOf":[{"type":"string"},{"type":"integer","minimum":5}]}}}"#, ["a": 1.5])
        XCTAssertEqual(p, ["at '/a': 'anyOf' failed\n  - at '/a': got number, want string\n  - at '/a': got number, want integer"])
    }

    func testOneOfReportsTwoMatchesOrNone() throws {
        let p = try problems(
            #"{"properties":{"a":{"oneOf":[{"type":"number"},{"type":"integer"}]},"b":{"oneOf":[{"type":"string"},{"type":"boolean"}]}}}"#,
            ["a": 1.0, "b": 2.0])
        XCTAssertEqual(p, [
            "at '/a': 'oneOf' failed, subschemas 0, 1 matched",
            "at '/b': 'oneOf' failed, none matched\n  - at '/b': got number, want string\n  - at '/b': got number, want boolean",
        ])
    }

    func testAllOfAndNot() throws {
        let p = try problems(
            #"{"properties":{"a":{"allOf":[{"type":"number"},{"minimum":5},{"maximum":0}]},"b":{"not":{"type":"number"}}}}"#,
            ["a": 1.0, "b": 2.0])
        XCTAssertEqual(p, [
            "at '/a': 'allOf' failed\n  - at '/a': minimum: got 1, want 5\n  - at '/a': maximum: got 1, want 0",
            "at '/b': 'not' failed",
        ])
    }

    func testIfThenElse() throws {
        let p = try problems(
            #"{"properties":{"a":{"if":{"type":"number"},"then":{"minimum":5},"else":{"type":"string"}},"b":{"if":{"type":"number"},"then":{"minimum":5},"else":{"type":"string"}}}}"#,
            ["a": 1.0, "b": true])
        XCTAssertEqual(p, ["at '/a': minimum: got 1, want 5", "at '/b': got boolean, want string"])
    }

    func testArrayKeywords() throws {
        let p = try problems(
            #"{"properties":{"a":{"contains":{"type":"string"}},"b":{"uniqueItems":true},"c":{"minItems":3,"maxItems":0},"d":{"propertyNames":{"pattern":"^a"}}}}"#,
            ["a": [1.0, 2.0], "b": [1.0, ["x": 1.0], 2.0, ["x": 1.0], 1.0], "c": [1.0], "d": ["abc": 1.0, "bcd": 2.0]])
        XCTAssertEqual(p, [
            "at '/a': no items match contains schema\n  - at '/a/0': got number, want string\n  - at '/a/1': got number, want string",
            "at '/b': items at 1 and 3 are equal",
            "at '/c': validation failed\n  - at '/c': minItems: got 1, want 3\n  - at '/c': maxItems: got 1, want 0",
            "at '': invalid propertyName 'bcd'\n  - at '': 'bcd' does not match pattern '^a'",
        ])
    }

    func testFalseSchemaPatternQuotingAndFormatIsOnlyAnAnnotationIn2020() throws {
        let p = try problems(
            #"{"properties":{"c":false,"d":{"format":"email"},"e":{"pattern":"^[a-z]+$"}}}"#,
            ["c": 1.0, "d": "notanemail", "e": "A\"b'c\\n"])
        XCTAssertEqual(p, [#"at '/c': false schema"#, #"at '/e': 'A"b\'c\\n' does not match pattern '^[a-z]+$'"#])
    }

    func testDraft07AssertsFormats() throws {
        let p = try problems(
            #"{"$schema":"http://json-schema.org/draft-07/schema#","properties":{"a":{"format":"email"},"c":{"format":"date-time"}}}"#,
            ["a": "x", "c": "z"])
        XCTAssertEqual(p, ["at '/a': 'x' is not valid email: missing @", "at '/c': 'z' is not valid date-time: less than 20 characters long"])
    }

    func testRefIn2020KeepsSiblingsAndGroupsTargetErrors() throws {
        let p = try problems(
            ##"{"properties":{"a":{"$ref":"#/$defs/x","minimum":100}},"$defs":{"x":{"type":"integer","multipleOf":2,"maximum":-3}}}"##,
            ["a": 3.0])
        XCTAssertEqual(p, [
            "at '/a': validation failed\n  - at '/a': maximum: got 3, want -3\n  - at '/a': multipleOf: got 3, want 2",
            "at '/a': minimum: got 3, want 100",
        ])
    }

    func testRefInDraft07IgnoresSiblings() throws {
        let p = try problems(
            ##"{"$schema":"http://json-schema.org/draft-07/schema#","properties":{"a":{"$ref":"#/definitions/x","minimum":100}},"definitions":{"x":{"type":"integer","multipleOf":2,"maximum":-3.5}}}"##,
            ["a": 3.0])
        XCTAssertEqual(p, ["at '/a': validation failed\n  - at '/a': maximum: got 3, want -3.5\n  - at '/a': multipleOf: got 3, want 2"])
    }

    func testRefWithOneErrorShowsOnlyThatError() throws {
        let p = try problems(
            ##"{"properties":{"a":{"$ref":"#/definitions/x"}},"definitions":{"x":{"type":"string","minLength":3}}}"##, ["a": 1.5])
        XCTAssertEqual(p, ["at '/a': got number, want string"])
    }

    func testIdRelativeRefsAndAnchors() throws {
        let v: [String: Value] = ["a": 3.0, "b": 4.0]
        let want = ["at '/a': got number, want string", "at '/b': got number, want boolean"]
        XCTAssertEqual(try problems(
            ##"{"$id":"http://example.com/root.json","properties":{"a":{"$ref":"item.json"},"b":{"$ref":"#foo"}},"$defs":{"i":{"$id":"item.json","type":"string"},"f":{"$anchor":"foo","type":"boolean"}}}"##, v), want)
        XCTAssertEqual(try problems(
            ##"{"$schema":"http://json-schema.org/draft-07/schema#","$id":"http://example.com/root.json","properties":{"a":{"$ref":"item.json"},"b":{"$ref":"#foo"}},"definitions":{"i":{"$id":"item.json","type":"string"},"f":{"$id":"#foo","type":"boolean"}}}"##, v), want)
    }

    func testDraft07TupleItemsReportAdditionalItemsFromTheTupleEnd() throws {
        let p = try problems(
            #"{"$schema":"http://json-schema.org/draft-07/schema#","properties":{"a":{"items":[{"type":"string"},{"type":"integer"}],"additionalItems":false},"b":{"items":[{"type":"string"}],"additionalItems":{"type":"string"}},"c":{"dependencies":{"x":["y","z"],"w":{"required":["q"]}}}}}"#,
            ["a": [1.0, 2.0, 3.0, 4.0], "b": ["x", 1.0, true, 2.0], "c": ["x": 1.0, "w": 2.0, "q": 1.0]])
        XCTAssertEqual(p, [
            "at '/a': validation failed\n  - at '/a/0': got number, want string\n  - at '/a': last 2 additionalItem(s) not allowed",
            "at '/b': validation failed\n  - at '/b/0': got number, want string\n  - at '/b/1': got boolean, want string\n  - at '/b/2': got number, want string",
            "at '/c': properties 'y', 'z' required, if 'x' exists",
        ])
    }

    func testDraft2020PrefixItemsDependentKeywordsAndUnevaluatedProperties() throws {
        let p = try problems(
            #"{"properties":{"a":{"prefixItems":[{"type":"string"}],"items":{"type":"boolean"}},"b":{"dependentRequired":{"x":["y"]},"dependentSchemas":{"x":{"maxProperties":0}},"unevaluatedProperties":false,"properties":{"x":{}}}}}"#,
            ["a": [1.0, 2.0, true], "b": ["x": 1.0, "z": 2.0]])
        XCTAssertEqual(p, [
            "at '/a': validation failed\n  - at '/a/0': got number, want string\n  - at '/a/0': got number, want boolean",
            "at '/b': validation failed\n  - at '/b': maxProperties: got 2, want 0\n  - at '/b': properties 'y' required, if 'x' exists\n  - at '/b/z': false schema",
        ])
    }

    func testInstancePointersEscapeTildeAndSlash() throws {
        let p = try problems(#"{"properties":{"a~/b":{"type":"string"},"l":{"items":{"type":"string"}}}}"#, ["a~/b": 1.0, "l": ["a", 1.0]])
        XCTAssertEqual(p, ["at '/a~0~1b': got number, want string", "at '/l/1': got number, want string"])
    }

    func testExclusiveBoundsAndNegativeNumbers() throws {
        let p = try problems(#"{"properties":{"a":{"minimum":-2.5,"exclusiveMaximum":-10},"b":{"exclusiveMinimum":5}}}"#, ["a": -3.0, "b": 5.0])
        XCTAssertEqual(p, [
            "at '/a': validation failed\n  - at '/a': minimum: got -3, want -2.5\n  - at '/a': exclusiveMaximum: got -3, want -10",
            "at '/b': exclusiveMinimum: got 5, want 5",
        ])
    }

    func testMultipleOfIsExactOnDecimals() throws {
        XCTAssertEqual(try problems(#"{"properties":{"a":{"multipleOf":0.1}}}"#, ["a": 0.3]), [])
    }

    func testInvalidJSONSchemaThrowsGoJSONError() {
        XCTAssertThrowsError(try problems("{bad", [:])) { error in
            XCTAssertEqual("\(error)", "invalid character 'b' looking for beginning of object key string")
        }
    }

    func testValidValuesHaveNoProblems() throws {
        XCTAssertEqual(try problems(#"{"type":"object","required":["a"],"properties":{"a":{"type":"string"}}}"#, ["a": "x"]), [])
    }
}
