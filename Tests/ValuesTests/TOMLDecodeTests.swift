import XCTest

@testable import Values

/// Expectations from Helm's fromToml (BurntSushi/toml v1.6.0's Unmarshal).
final class TOMLDecodeTests: XCTestCase {
    private func error(_ text: String) -> String {
        do {
            _ = try TOML.decode(text)
            return "no error"
        } catch { return "\(error)" }
    }

    func testScalarTypes() throws {
        let v = try TOML.decode("a = 0o17\nb = 0b101\nc = -0\nd = +5\ne = 1e1_0\nf = -inf\nh = 3.0\ni = 0xDEAD_beef\nj = true")
        XCTAssertEqual(v, ["a": .int64(15), "b": .int64(5), "c": .int64(0), "d": .int64(5), "e": .float(1e10),
            "f": .float(-.infinity), "h": .float(3), "i": .int64(3_735_928_559), "j": true])
    }

    func testStringKinds() throws {
        let v = try TOML.decode("s1 = \"a\\tb\\u00e9\\U0001F600\\e\\x41\"\ns2 = '''\nraw\\n'''\ns3 = \"\"\"\\\n   folded \\\n  x\"\"\"\ns4 = 'C:\\path'")
        XCTAssertEqual(v, ["s1": "a\tbé😀\u{1b}A", "s2": "raw\\n", "s3": "folded x", "s4": "C:\\path"])
    }

    func testMultilineStringMayEndWithQuotes() throws {
        XCTAssertEqual(try TOML.decode("a = \"\"\"\\\n\n  x\\ty \"\"\"\"\""), ["a": "x\ty \"\""])
    }

    func testTablesArraysOfTablesAndDottedKeys() throws {
        let v = try TOML.decode("[[a.b]]\nx=1\n[a]\ny=2\n[[a.b]]\nx=2\n[c]\nd.e = 1")
        XCTAssertEqual(v, ["a": ["b": .list([["x": .int64(1)], ["x": .int64(2)]], type: .slice(.interfaceMap)),
            "y": .int64(2)], "c": ["d": ["e": .int64(1)]]])
    }

    func testInlineTablesStayOpenToLaterKeys() throws {
        XCTAssertEqual(try TOML.decode("a = {x=1}\n[a.b]\ny=1"), ["a": ["b": ["y": .int64(1)], "x": .int64(1)]])
        XCTAssertEqual(try TOML.decode("a = {b = 1}\na.c = 2"), ["a": ["b": .int64(1), "c": .int64(2)]])
    }

    func testRedefiningAnImplicitTableByValueIsIgnored() throws {
        XCTAssertEqual(try TOML.decode("a.b = 1\na = 2"), ["a": ["b": .int64(1)]])
    }

    func testDatetimes() throws {
        let v = try TOML.decode("d = 1979-05-27T07:32:00-07:00\ne = 1979-05-27T07:32:00.999Z\ng = 1979-05-27T07:32:00\nh = 07:32:00.5\nj = 1979-05-27")
        let shown = v.mapValue?.mapValues { value -> String in
            if case .object(let o) = value { return o.stringer ?? "" }
            return ""
        }
        XCTAssertEqual(shown, [
            "d": "1979-05-27 07:32:00 -0700 -0700", "e": "1979-05-27 07:32:00.999 +0000 UTC",
            "g": "1979-05-27 07:32:00 +0000 datetime-local", "h": "0000-01-01 07:32:00.5 +0000 time-local",
            "j": "1979-05-27 00:00:00 +0000 date-local",
        ])
    }

    func testLocalDateEncodesBackInShortForm() throws {
        XCTAssertEqual(try TOML.encode(try TOML.decode("d = 1979-05-27")), "d = 1979-05-27\n")
    }

    func testValueErrors() {
        XCTAssertEqual(error("a = "), "toml: line 1 (last key \"a\"): unexpected EOF; expected value")
        XCTAssertEqual(error("a = x"), "toml: line 1 (last key \"a\"): expected value but found \"x\" instead")
        XCTAssertEqual(error("a = _1"), "toml: line 1 (last key \"a\"): expected value but found '_' instead")
        XCTAssertEqual(error("a =\nb = 1"), "toml: line 1 (last key \"a\"): expected value but found '\\n' instead")
        XCTAssertEqual(error("a = 01"), "toml: line 1 (last key \"a\"): Invalid integer \"01\": cannot have leading zeroes")
        XCTAssertEqual(error("a = 1__0"),
            "toml: line 1 (last key \"a\"): Invalid integer \"1__0\": underscores must be surrounded by digits")
        XCTAssertEqual(error("a = 9223372036854775808"),
            "toml: line 1 (last key \"a\"): 9223372036854775808 is out of range for int64")
        XCTAssertEqual(error("a = 1.e5"),
            "toml: line 1 (last key \"a\"): Invalid float \"1.e5\": '.' must be followed by one or more digits")
        XCTAssertEqual(error("a = 1e400"), "toml: line 1 (last key \"a\"): 1e400 is out of range for float64")
        XCTAssertEqual(error("a = 1979-02-30"), "toml: line 1 (last key \"a\"): invalid datetime: \"1979-02-30\"")
        XCTAssertEqual(error("a = +0x1"), "toml: line 1 (last key \"a\"): cannot use sign with non-decimal numbers: '+0x'")
    }

    func testStringErrors() {
        XCTAssertEqual(error("a = \"unterminated"), "toml: line 1 (last key \"a\"): unexpected EOF; expected '\"'")
        XCTAssertEqual(error("a = \"bad \\q\""), "toml: line 1 (last key \"a\"): invalid escape in string '\\q'")
        XCTAssertEqual(error("a = \"x\ny\""), "toml: line 1 (last key \"a\"): strings cannot contain newlines")
        XCTAssertEqual(error("a = \"x\u{1}\""),
            "toml: line 1 (last key \"a\"): TOML files cannot contain control characters: '0x01'")
        XCTAssertEqual(error("a = \"\\u12\""),
            "toml: line 1 (last key \"a\"): expected four hexadecimal digits after '\\u', but got \"\\\\u12\\\"\" instead")
    }

    func testStructureErrors() {
        XCTAssertEqual(error("a = 1\na = 2"), "toml: line 2 (last key \"a\"): Key 'a' has already been defined.")
        XCTAssertEqual(error("[a]\nx=1\n[a]\ny=2"), "toml: line 3: Key 'a' has already been defined.")
        XCTAssertEqual(error("a = 1\n[a.b]"), "toml: line 2: Key 'a' was already created as a hash.")
        XCTAssertEqual(error("a = [1]\n[[a]]\nx=1"),
            "toml: line 2: Key 'a' was already created and cannot be used as an array.")
        XCTAssertEqual(error("a.b = 1\na.b.c = 2"),
            "toml: line 2 (last key \"a.b.c\"): Key 'a.b' has already been defined.")
        XCTAssertEqual(error("[a]\nb = 1\n[a.c]\nd = 1\n[a.c]\ne=1"),
            "toml: line 5 (last key \"a\"): Key 'a.c' has already been defined.")
    }

    func testSyntaxErrors() {
        XCTAssertEqual(error("= 1"), "toml: line 1: unexpected '=': key name appears blank")
        XCTAssertEqual(error("a = 1 b = 2"),
            "toml: line 1: expected a top-level item to end with a newline, comment, or EOF, but got 'b' instead")
        XCTAssertEqual(error("a"), "toml: line 1: unexpected EOF; expected key separator '='")
        XCTAssertEqual(error("a b = 1"), "toml: line 1: expected '.' or '=', but got 'b' instead")
        XCTAssertEqual(error("[a"), "toml: line 1: expected '.' or ']' to end table name, but got '\\x00' instead")
        XCTAssertEqual(error("[]"), "toml: line 1: unexpected end of table name (table names cannot be empty)")
        XCTAssertEqual(error("a = [1, 2"),
            "toml: line 1 (last key \"a\"): expected a comma (',') or array terminator (']'), but got end of file")
        XCTAssertEqual(error("a = [1,,2]"), "toml: line 1 (last key \"a\"): unexpected comma")
        XCTAssertEqual(error("a = {x = 1 y = 2}"),
            "toml: line 1 (last key \"a.x\"): expected a comma or an inline table terminator '}', but got 'y' instead")
        XCTAssertEqual(error("x = 1\n[a]\nb = [\n1,\n2,\nx\n]"),
            "toml: line 6 (last key \"a.b\"): expected value but found \"x\" instead")
    }
}
