import EmbeddedAPIServer
import XCTest

/// The evaluator on tables of expressions, area by area, with the values and errors
/// cel-go gives for them.
final class CELEvaluatorTests: XCTestCase {
    func testLiterals() {
        assertCEL([
            CELCase("null", .null),
            CELCase("true", .bool(true)),
            CELCase("42", .int(42)),
            CELCase("-9223372036854775808", .int(.min)),
            CELCase("0x1F", .int(31)),
            CELCase("42u", .uint(42)),
            CELCase("2.5", .double(2.5)),
            CELCase("1e3", .double(1000)),
            CELCase("'it\\'s'", .string("it's")),
            CELCase("\"tab\\there\"", .string("tab\there")),
            CELCase("r'a\\nb'", .string("a\\nb")),
            CELCase("'''multi\nline'''", .string("multi\nline")),
            CELCase("\"\"\"say \"hi\" \"\"\"", .string("say \"hi\" ")),
            CELCase("'\\u00e9\\x41\\101'", .string("éAA")),
            CELCase("b'\\xff\\x00'", .bytes([0xFF, 0x00])),
            CELCase("b'abc'", .bytes([97, 98, 99])),
            CELCase("[1, 'two', [3]]", .list([.int(1), .string("two"), .list([.int(3)])])),
            CELCase("{'a': 1, 'b': 2}['b']", .int(2)),
            CELCase("{1: 'x', true: 'y'}[true]", .string("y")),
            CELCase("9223372036854775808", error: "invalid int literal"),
        ])
    }

    func testLogicAndConditionals() {
        assertCEL([
            CELCase("true && false", .bool(false)),
            CELCase("false || true", .bool(true)),
            CELCase("!true", .bool(false)),
            CELCase("1 < 2 ? 'yes' : 'no'", .string("yes")),
            // Errors are absorbed by the side that decides the result, from either side.
            CELCase("{}.missing && false", .bool(false)),
            CELCase("false && {}.missing", .bool(false)),
            CELCase("{}.missing || true", .bool(true)),
            CELCase("true || 1 / 0 == 1", .bool(true)),
            CELCase("{}.missing && true", error: "no such key: missing"),
            CELCase("1 && true", error: "no such overload"),
            CELCase("1 ? 2 : 3", error: "no such overload"),
        ])
    }

    func testComparisonsAndEquality() {
        assertCEL([
            CELCase("1 == 1", .bool(true)),
            CELCase("1 != 2", .bool(true)),
            CELCase("dyn(1) == 1.0", .bool(true)),
            CELCase("dyn(1u) == 1", .bool(true)),
            CELCase("dyn('1') == 1", .bool(false)),
            CELCase("[1, [2]] == [1, [2]]", .bool(true)),
            CELCase("{'a': 1, 'b': 2} == {'b': 2, 'a': 1}", .bool(true)),
            CELCase("2 < 10", .bool(true)),
            CELCase("'abc' < 'abd'", .bool(true)),
            CELCase("'b' >= 'a'", .bool(true)),
            CELCase("1 < 1.5", .bool(true)),
            CELCase("-1 < 1u", .bool(true)),
            CELCase("false < true", .bool(true)),
            CELCase("b'a' < b'b'", .bool(true)),
            CELCase("null == null", .bool(true)),
            CELCase("[1] < [2]", error: "no such overload"),
        ])
    }

    func testArithmetic() {
        assertCEL([
            CELCase("2 + 3 * 4", .int(14)),
            CELCase("(2 + 3) * 4", .int(20)),
            CELCase("7 / 2", .int(3)),
            CELCase("-7 / 2", .int(-3)),
            CELCase("-7 % 3", .int(-1)),
            CELCase("7.0 / 2.0", .double(3.5)),
            CELCase("5u - 2u", .uint(3)),
            CELCase("'ab' + 'cd'", .string("abcd")),
            CELCase("[1] + [2, 3]", .list([.int(1), .int(2), .int(3)])),
            CELCase("b'a' + b'b'", .bytes([97, 98])),
            CELCase("9223372036854775807 + 1", error: "integer overflow"),
            CELCase("-9223372036854775808 - 1", error: "integer overflow"),
            CELCase("9223372036854775807 * 2", error: "integer overflow"),
            CELCase("-9223372036854775808 / -1", error: "integer overflow"),
            CELCase("-(-9223372036854775808)", error: "integer overflow"),
            CELCase("1u - 2u", error: "unsigned integer overflow"),
            CELCase("1 / 0", error: "division by zero"),
            CELCase("1 % 0", error: "modulus by zero"),
            CELCase("1 + 1.0", error: "no such overload"),
            CELCase("'a' + 1", error: "no such overload"),
        ])
    }

    func testMembershipSizeAndIndexing() {
        assertCEL([
            CELCase("2 in [1, 2, 3]", .bool(true)),
            CELCase("'k' in {'k': 1}", .bool(true)),
            CELCase("'z' in {'k': 1}", .bool(false)),
            CELCase("size('héllo')", .int(5)),
            CELCase("'héllo'.size()", .int(5)),
            CELCase("size(b'\\xc3\\xa9')", .int(2)),
            CELCase("size([1, 2])", .int(2)),
            CELCase("size({'a': 1})", .int(1)),
            CELCase("[10, 20][1]", .int(20)),
            CELCase("[10, 20][2]", error: "index '2' out of range in list size '2'"),
            CELCase("{'a': 1}['b']", error: "no such key: b"),
            CELCase("{'a': {'b': 'c'}}.a.b", .string("c")),
            CELCase("has({'a': 1}.a)", .bool(true)),
            CELCase("has({'a': 1}.b)", .bool(false)),
        ])
    }

    func testStringFunctions() {
        assertCEL([
            CELCase("'oci://registry'.startsWith('oci://')", .bool(true)),
            CELCase("'chart.tgz'.endsWith('.tgz')", .bool(true)),
            CELCase("'podinfo'.contains('din')", .bool(true)),
            CELCase("'v1.2.3'.matches('^v[0-9]+\\\\.[0-9]+')", .bool(true)),
            CELCase("'abc'.matches('^b')", .bool(false)),
            CELCase("matches('abc', 'b')", .bool(true)),
            CELCase("'MiXeD'.lowerAscii()", .string("mixed")),
            CELCase("'MiXeD'.upperAscii()", .string("MIXED")),
            CELCase("'  pad \\n'.trim()", .string("pad")),
            CELCase("'a,b,c'.split(',')", .list([.string("a"), .string("b"), .string("c")])),
            CELCase("'a,b,c'.split(',', 2)", .list([.string("a"), .string("b,c")])),
            CELCase("['a', 'b'].join('-')", .string("a-b")),
            CELCase("['a', 'b'].join()", .string("ab")),
            CELCase("'hello'.indexOf('l')", .int(2)),
            CELCase("'hello'.lastIndexOf('l')", .int(3)),
            CELCase("'hello'.indexOf('z')", .int(-1)),
            CELCase("'aaa'.replace('a', 'b')", .string("bbb")),
            CELCase("'aaa'.replace('a', 'b', 1)", .string("baa")),
            CELCase("'hello'.substring(1, 3)", .string("el")),
            CELCase("'hello'.substring(2)", .string("llo")),
            CELCase("'héllo'.charAt(1)", .string("é")),
            CELCase("'hello'.substring(4, 2)", error: "invalid substring range. start: 4, end: 2"),
            CELCase("'hi'.substring(5)", error: "index out of range: 5"),
            CELCase("'abc'.matches('(')", error: "error parsing regexp"),
        ])
    }

    func testListMacrosAndFunctions() {
        assertCEL([
            CELCase("[1, 2, 3].all(x, x > 0)", .bool(true)),
            CELCase("[1, 2, 3].exists(x, x > 2)", .bool(true)),
            CELCase("[1, 2, 3].exists_one(x, x > 1)", .bool(false)),
            CELCase("[1, 2, 3].map(x, x * 2)", .list([.int(2), .int(4), .int(6)])),
            CELCase("[1, 2, 3].map(x, x > 1, x * 10)", .list([.int(20), .int(30)])),
            CELCase("[1, 2, 3].filter(x, x % 2 == 1)", .list([.int(1), .int(3)])),
            CELCase("{'a': 1, 'b': 2}.all(k, k in ['a', 'b'])", .bool(true)),
            CELCase("[0, -1].all(x, 1 / x > 0)", .bool(false)),
            CELCase("[1, 0].all(x, 1 / x > 0)", error: "division by zero"),
            CELCase("[1, 0].exists(x, 1 / x > 5)", error: "division by zero"),
            CELCase("[1, 2, 2, 3].isSorted()", .bool(true)),
            CELCase("[3, 1].isSorted()", .bool(false)),
            CELCase("[1, 2, 3].sum()", .int(6)),
            CELCase("[1.5, 2.5].sum()", .double(4)),
            CELCase("[].sum()", .int(0)),
            CELCase("[3, 1, 2].min()", .int(1)),
            CELCase("['b', 'c', 'a'].max()", .string("c")),
            CELCase("[1, 2, 1].indexOf(1)", .int(0)),
            CELCase("[1, 2, 1].lastIndexOf(1)", .int(2)),
            CELCase("[].min()", error: "min called on empty list"),
        ])
    }

    func testConversionsAndTypes() {
        assertCEL([
            CELCase("int('42')", .int(42)),
            CELCase("int(3.9)", .int(3)),
            CELCase("int(-3.9)", .int(-3)),
            CELCase("uint(7)", .uint(7)),
            CELCase("double(3)", .double(3)),
            CELCase("double('2.5')", .double(2.5)),
            CELCase("string(12)", .string("12")),
            CELCase("string(1.5)", .string("1.5")),
            CELCase("string(1e21)", .string("1e+21")),
            CELCase("string(true)", .string("true")),
            CELCase("string(b'hi')", .string("hi")),
            CELCase("bool('true')", .bool(true)),
            CELCase("bytes('hi')", .bytes([104, 105])),
            CELCase("type(1) == int", .bool(true)),
            CELCase("type('a') == string", .bool(true)),
            CELCase("type([]) == list", .bool(true)),
            CELCase("type(type(1)) == type", .bool(true)),
            CELCase("dyn([1])[0]", .int(1)),
            CELCase("int('x')", error: "type conversion error from 'string' to 'int'"),
            CELCase("uint(-1)", error: "unsigned integer overflow"),
            CELCase("int(1e19)", error: "integer overflow"),
            CELCase("bool('maybe')", error: "type conversion error from 'string' to 'bool'"),
        ])
    }

    func testDurationsAndTimestamps() {
        assertCEL([
            CELCase("duration('1h30m') == duration('90m')", .bool(true)),
            CELCase("duration('1s') < duration('1m')", .bool(true)),
            CELCase("string(duration('1h30m'))", .string("5400s")),
            CELCase("string(duration('1.5s'))", .string("1.5s")),
            CELCase("duration('2h').getMinutes()", .int(120)),
            CELCase("duration('1m') + duration('30s') == duration('90s')", .bool(true)),
            CELCase("timestamp('2024-01-02T03:04:05Z') < timestamp('2024-01-02T03:04:06Z')", .bool(true)),
            CELCase("timestamp('2024-01-02T03:04:05+01:00') == timestamp('2024-01-02T02:04:05Z')", .bool(true)),
            CELCase("string(timestamp('2024-01-02T03:04:05Z') + duration('1h'))", .string("2024-01-02T04:04:05Z")),
            CELCase("timestamp('2024-01-02T00:00:00Z') - timestamp('2024-01-01T00:00:00Z') == duration('24h')", .bool(true)),
            CELCase("timestamp('2024-03-05T06:07:08Z').getFullYear()", .int(2024)),
            CELCase("timestamp('2024-03-05T06:07:08Z').getMonth()", .int(2)),
            CELCase("timestamp('2024-03-05T06:07:08Z').getHours()", .int(6)),
            CELCase("int(timestamp('1970-01-01T00:01:00Z'))", .int(60)),
            CELCase("duration('forever')", error: "invalid duration"),
            CELCase("timestamp('yesterday')", error: "cannot parse"),
        ])
    }

    func testSelfAndOldSelf() {
        let spec = CELValue.map(CELMap(strings: [
            ("replicas", .int(3)), ("name", .string("web")),
            ("ports", .list([.int(80), .int(443)])),
        ]))
        assertCEL([
            CELCase("self.replicas <= 5", .bool(true)),
            CELCase("self.ports.all(p, p > 0 && p < 65536)", .bool(true)),
            CELCase("self.name == oldSelf.name", .bool(true)),
            CELCase("has(self.image)", .bool(false)),
            CELCase("self.image == 'x'", error: "no such key: image"),
            CELCase("self.replicas > oldSelf.replicas", .bool(true)),
        ], self: spec, oldSelf: .map(CELMap(strings: [("replicas", .int(2)), ("name", .string("web"))])))
    }

    func testParseErrorsCarryTheirPosition() throws {
        XCTAssertThrowsError(try CELParser.parse("self.a +")) { error in
            XCTAssertEqual("\(error)", "ERROR: <input>:1:9: Syntax error: mismatched input '<EOF>'\n | self.a +\n | ........^")
        }
    }

    func testStepLimitStopsRunawayEvaluation() throws {
        var evaluator = CELEvaluator(stepLimit: 1000)
        let e = try CELParser.parse("[1, 2, 3, 4, 5, 6, 7, 8, 9, 10].all(a, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].all(b, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].all(c, a + b + c > 0)))")
        XCTAssertThrowsError(try evaluator.evaluate(e, [:])) { error in
            XCTAssertEqual((error as? CELEvalError)?.message, "operation cancelled: actual cost limit exceeded")
        }
    }
}
