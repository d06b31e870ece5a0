import EmbeddedAPIServer
import KubeObjects
import XCTest

final class StructuralSchemaTests: XCTestCase {
    static func yaml(_ text: String) -> JSONValue {
        do { return try JSONValue.parseYAML(text) } catch { XCTFail("bad YAML fixture: \(error)"); return .null }
    }

    static let simple = StructuralSchema(yaml("""
        type: object
        properties:
          spec:
            type: object
            required: [name]
            properties:
              name: {type: string, maxLength: 5, minLength: 2, pattern: '^[a-z]+$'}
              replicas: {type: integer, minimum: 1, maximum: 10, default: 1}
              mode: {type: string, enum: [a, b]}
              ratio: {type: number, exclusiveMaximum: true, maximum: 1.5}
              tags: {type: array, items: {type: string}, maxItems: 2, minItems: 1}
              labels: {type: object, additionalProperties: {type: string}}
              when: {type: string, format: date-time}
        """))

    // MARK: pruning

    func testPruneDropsUndeclaredFieldsAndReportsTheirPaths() {
        let obj: JSONValue = ["apiVersion": "x/v1", "kind": "K", "metadata": ["name": "a"],
                              "spec": ["name": "ab", "foo": 1, "tags": ["x"]], "extra": true]
        let (pruned, unknown) = Self.simple.prune(obj)
        XCTAssertEqual(unknown, ["extra", "spec.foo"])
        XCTAssertNil(pruned["extra"])
        XCTAssertNil(pruned[path: ["spec", "foo"]])
        XCTAssertEqual(pruned[path: ["spec", "name"]], "ab")
        XCTAssertEqual(pruned["apiVersion"], "x/v1", "apiVersion/kind/metadata are always allowed at the root")
    }

    func testPruneReducesRootMetadataToObjectMetaAndReportsItsUnknownKeysFirst() {
        let obj: JSONValue = ["metadata": ["name": "a", "bogus": 1, "labels": ["k": "v"],
                                           "ownerReferences": [["name": "o", "kind": "K", "zz": 1]]],
                              "spec": ["name": "ab", "zzz": 0]]
        let (pruned, unknown) = Self.simple.prune(obj)
        XCTAssertEqual(unknown, ["metadata.bogus", "metadata.ownerReferences[0].zz", "spec.zzz"])
        XCTAssertEqual(pruned["metadata"], ["name": "a", "labels": ["k": "v"], "ownerReferences": [["name": "o", "kind": "K"]]])
    }

    func testPruneRecursesIntoArrayItemsAndAdditionalProperties() {
        let schema = StructuralSchema(Self.yaml("""
            type: object
            properties:
              list: {type: array, items: {type: object, properties: {a: {type: string}}}}
              map: {type: object, additionalProperties: {type: object, properties: {b: {type: integer}}}}
            """))
        let (pruned, unknown) = schema.prune(["list": [["a": "x", "q": 1]], "map": ["k": ["b": 1, "r": 2]]])
        XCTAssertEqual(unknown, ["list[0].q", "map.k.r"])
        XCTAssertEqual(pruned, ["list": [["a": "x"]], "map": ["k": ["b": 1]]])
    }

    func testPreserveUnknownFieldsKeepsUndeclaredKeysButStillPrunesDeclaredOnes() {
        let schema = StructuralSchema(Self.yaml("""
            type: object
            properties:
              values:
                type: object
                x-kubernetes-preserve-unknown-fields: true
                properties:
                  known: {type: object, properties: {a: {type: string}}}
            """))
        let (pruned, unknown) = schema.prune(["values": ["anything": ["deep": 1], "known": ["a": "x", "b": "y"]]])
        XCTAssertEqual(unknown, ["values.known.b"])
        XCTAssertEqual(pruned, ["values": ["anything": ["deep": 1], "known": ["a": "x"]]])
    }

    func testEmbeddedResourceKeepsTypeMetaAndCoercesItsMetadata() {
        let schema = StructuralSchema(Self.yaml("""
            type: object
            properties:
              template:
                type: object
                x-kubernetes-embedded-resource: true
                x-kubernetes-preserve-unknown-fields: true
            """))
        let (pruned, unknown) = schema.prune(["template": ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": "p", "junk": 1], "spec": [:]]])
        XCTAssertEqual(unknown, ["template.metadata.junk"])
        XCTAssertEqual(pruned["template"], ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": "p"], "spec": [:]])
    }

    // MARK: defaulting

    func testDefaultsFillAbsentFieldsRecursivelyIncludingNewlyDefaultedObjects() {
        let schema = StructuralSchema(Self.yaml("""
            type: object
            properties:
              spec:
                type: object
                default: {}
                properties:
                  interval: {type: string, default: 5m}
                  nested: {type: object, default: {}, properties: {retries: {type: integer, default: 3}}}
                  items: {type: array, items: {type: object, properties: {port: {type: integer, default: 80}}}}
                  map: {type: object, additionalProperties: {type: object, properties: {enabled: {type: boolean, default: true}}}}
            """))
        let out = schema.applyDefaults(["apiVersion": "x/v1", "spec": ["items": [["port": 8080], [:]], "map": ["a": [:]]]])
        XCTAssertEqual(out["spec"], ["interval": "5m", "nested": ["retries": 3], "items": [["port": 8080], ["port": 80]], "map": ["a": ["enabled": true]]])
        XCTAssertEqual(schema.applyDefaults(["kind": "K"])["spec"], ["interval": "5m", "nested": ["retries": 3]])
    }

    func testNonNullableNullIsDefaultedOrElseRemoved() {
        let schema = StructuralSchema(Self.yaml("""
            type: object
            properties:
              a: {type: string, default: x}
              b: {type: string}
              c: {type: string, nullable: true}
            """))
        XCTAssertEqual(schema.applyDefaults(["a": nil, "b": nil, "c": nil]), ["a": "x", "c": nil])
    }

    // MARK: validation

    func testValidObjectHasNoCauses() {
        XCTAssertEqual(Self.simple.validate(["spec": ["name": "abc", "replicas": 3, "tags": ["a"], "mode": "a"]]), [])
    }

    func testWrongTypeIsReportedWithTheServersWording() {
        let causes = Self.simple.validate(["spec": ["name": "ab", "replicas": "three"]])
        XCTAssertEqual(causes, [ValidationCause(field: "spec.replicas", type: .typeInvalid,
            message: "Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\"")])
    }

    func testMissingRequiredFieldIsRequiredValue() {
        XCTAssertEqual(Self.simple.validate(["spec": [:]]), [ValidationCause(field: "spec.name", type: .required, message: "Required value")])
    }

    func testEnumViolationListsSupportedValues() {
        let causes = Self.simple.validate(["spec": ["name": "ab", "mode": "x"]])
        XCTAssertEqual(causes.map(\.description), ["spec.mode: Unsupported value: \"x\": supported values: \"a\", \"b\""])
        XCTAssertEqual(causes.first?.type, .notSupported)
    }

    func testNumberBounds() {
        XCTAssertEqual(Self.simple.validate(["spec": ["name": "ab", "replicas": 11]]).map(\.description),
                       ["spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10"])
        XCTAssertEqual(Self.simple.validate(["spec": ["name": "ab", "replicas": 0]]).map(\.description),
                       ["spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1"])
        XCTAssertEqual(Self.simple.validate(["spec": ["name": "ab", "ratio": 1.5]]).map(\.description),
                       ["spec.ratio: Invalid value: 1.5: spec.ratio in body should be less than 1.5"])
    }

    func testWholeFloatIsAnInteger() {
        XCTAssertEqual(Self.simple.validate(["spec": ["name": "ab", "replicas": 2.0]]), [])
    }

    func testStringBoundsPatternAndFormat() {
        let causes = Self.simple.validate(["spec": ["name": "ABCDEF", "when": "yesterday"]])
        XCTAssertEqual(causes.map(\.description), [
            "spec.name: Too long: may not be more than 5 bytes",
            "spec.name: Invalid value: \"ABCDEF\": spec.name in body should match '^[a-z]+$'",
            "spec.when: Invalid value: \"yesterday\": spec.when in body must be of type date-time: \"yesterday\"",
        ])
        XCTAssertEqual(causes.map(\.type), [.tooLong, .invalid, .typeInvalid])
        XCTAssertEqual(Self.simple.validate(["spec": ["name": "a", "when": "2024-02-29T10:00:00Z"]]).map(\.description),
                       ["spec.name: Invalid value: \"a\": spec.name in body should be at least 2 chars long"])
    }

    func testArrayBoundsAndItemPaths() {
        let schema = StructuralSchema(Self.yaml("""
            type: object
            properties:
              items: {type: array, maxItems: 1, items: {type: object, required: [name], properties: {name: {type: string}}}}
            """))
        XCTAssertEqual(schema.validate(["items": [["name": 1], [:]]]).map(\.description), [
            "items[0].name: Invalid value: \"integer\": items[0].name in body must be of type string: \"integer\"",
            "items[1].name: Required value",
            "items: Too many: 2: must have at most 1 item",
        ])
        XCTAssertEqual(Self.simple.validate(["spec": ["name": "ab", "tags": []]]).map(\.description),
                       ["spec.tags: Invalid value: 0: spec.tags in body should have at least 1 items"])
    }

    func testNullForANonNullableFieldIsATypeError() {
        let schema = StructuralSchema(Self.yaml("type: object\nproperties:\n  l: {type: array, items: {type: string}}"))
        XCTAssertEqual(schema.validate(["l": [nil]]).map(\.description),
                       ["l[0]: Invalid value: \"null\": l[0] in body must be of type string: \"null\""])
    }

    func testIntOrStringAcceptsBothAndRejectsOthers() {
        let schema = StructuralSchema(Self.yaml("type: object\nproperties:\n  port: {x-kubernetes-int-or-string: true}"))
        XCTAssertEqual(schema.validate(["port": 80]), [])
        XCTAssertEqual(schema.validate(["port": "http"]), [])
        XCTAssertEqual(schema.validate(["port": true]).map(\.description),
                       ["port: Invalid value: \"boolean\": port in body must be of type integer,string: \"boolean\""])
    }

    func testListTypeSetAndMapReportDuplicates() {
        let schema = StructuralSchema(Self.yaml("""
            type: object
            properties:
              s: {type: array, x-kubernetes-list-type: set, items: {type: string}}
              m: {type: array, x-kubernetes-list-type: map, x-kubernetes-list-map-keys: [name],
                  items: {type: object, properties: {name: {type: string}, v: {type: integer}}}}
            """))
        XCTAssertEqual(schema.validate(["s": ["a", "b", "a", "a"], "m": [["name": "x", "v": 1], ["name": "x", "v": 2]]]).map(\.description), [
            "m[1]: Duplicate value: map[string]interface {}{\"name\":\"x\"}",
            "s[2]: Duplicate value: \"a\"",
        ])
    }

    func testAnyOfFailureIsReportedAgainstNoField() {
        let schema = StructuralSchema(Self.yaml("""
            type: object
            properties:
              spec:
                type: object
                properties: {a: {type: string}, b: {type: string}}
                anyOf: [{required: [a]}, {required: [b]}]
            """))
        XCTAssertEqual(schema.validate(["spec": ["a": "x"]]), [])
        XCTAssertEqual(schema.validate(["spec": [:]]).map(\.description), [
            "<nil>: Invalid value: \"\": \"spec\" must validate at least one schema (anyOf)",
            "spec.a: Required value",
        ])
    }

    // MARK: structural checks

    func testStructuralErrorsFindMissingTypesAndItems() {
        let errors = StructuralSchema.structuralErrors(Self.yaml("""
            type: object
            properties:
              spec:
                properties: {a: {type: string}}
              list: {type: array}
            """))
        XCTAssertEqual(errors, [
            "spec.versions[0].schema.openAPIV3Schema.properties[list].items: Required value: must be specified",
            "spec.versions[0].schema.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields",
        ])
    }

    func testStructuralErrorsForbidTypesInsideValueValidations() {
        let errors = StructuralSchema.structuralErrors(Self.yaml("""
            type: object
            properties:
              a: {type: string, anyOf: [{type: string}]}
              b: {x-kubernetes-int-or-string: true, anyOf: [{type: integer}, {type: string}]}
            """), at: "root")
        XCTAssertEqual(errors, ["root.properties[a].anyOf[0].type: Forbidden: must be empty to be structural"])
        XCTAssertEqual(StructuralSchema.structuralErrors(Self.yaml("type: string"), at: "s"),
                       ["s.type: Invalid value: \"string\": must be object at the root"])
    }

    // MARK: the facade

    func testStrictRefusesUnknownFieldsWithTheServersMessage() throws {
        let crs = CustomResourceSchema(openAPIV3Schema: Self.yaml("type: object\nproperties:\n  spec: {type: object, properties: {a: {type: string}}}"))
        let result = crs.process(["apiVersion": "x.io/v1", "kind": "Thing", "spec": ["a": "1", "foo": 1, "bar": 2]], fieldValidation: .strict)
        guard case .failure(let error) = result else { return XCTFail("strict must refuse unknown fields") }
        XCTAssertEqual(error, .unknownFields(["spec.bar", "spec.foo"]))
        let status = error.apiError(kind: "Thing", group: "x.io", version: "v1", name: "t")
        XCTAssertEqual(status.code, 400)
        XCTAssertEqual(status.message, "Thing in version \"v1\" cannot be handled as a Thing: strict decoding error: unknown field \"spec.bar\", unknown field \"spec.foo\"")
    }

    func testWarnPrunesAndWarnsIgnorePrunesSilently() throws {
        let crs = CustomResourceSchema(openAPIV3Schema: Self.yaml("type: object\nproperties:\n  spec: {type: object, properties: {a: {type: string, default: d}}}"))
        let warned = try crs.process(["spec": ["foo": 1]], fieldValidation: .warn).get()
        XCTAssertEqual(warned.object, ["spec": ["a": "d"]])
        XCTAssertEqual(warned.warnings, ["unknown field \"spec.foo\""])
        let ignored = try crs.process(["spec": ["foo": 1]], fieldValidation: .ignore).get()
        XCTAssertEqual(ignored.warnings, [])
        XCTAssertEqual(FieldValidation(queryValue: nil), .warn)
        XCTAssertNil(FieldValidation(queryValue: "strict"))
    }

    func testInvalidObjectBecomes422WithCauses() {
        let crs = CustomResourceSchema(openAPIV3Schema: Self.yaml("type: object\nproperties:\n  spec: {type: object, properties: {count: {type: integer, maximum: 10}}}"))
        guard case .failure(let error) = crs.process(["spec": ["count": 11]], fieldValidation: .strict) else { return XCTFail("must be invalid") }
        let status = error.apiError(kind: "Thing", group: "x.io", version: "v1", name: "t")
        XCTAssertEqual(status.code, 422)
        XCTAssertEqual(status.message, "Thing.x.io \"t\" is invalid: spec.count: Invalid value: 11: spec.count in body should be less than or equal to 10")
        XCTAssertEqual(status.details?["causes"], [["reason": "FieldValueInvalid", "field": "spec.count",
            "message": "Invalid value: 11: spec.count in body should be less than or equal to 10"]])
    }
}
