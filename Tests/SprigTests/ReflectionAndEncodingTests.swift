import Values
import XCTest

final class ReflectionFunctionsTests: XCTestCase {
    func testTypeOfAndKindOf() throws {
        XCTAssertEqual(try text("kindOf", 1), "int")
        XCTAssertEqual(try text("kindOf", .int64(1)), "int64")
        XCTAssertEqual(try text("kindOf", nil), "invalid")
        XCTAssertEqual(try text("typeOf", nil), "<nil>")
        XCTAssertEqual(try text("typeOf", .list([])), "[]interface {}")
        XCTAssertEqual(try text("typeOf", .map([:])), "map[string]interface {}")
        XCTAssertEqual(try text("kindOf", .strings(["a"])), "slice")
        XCTAssertEqual(try text("typeOf", .bytes([])), "[]uint8")
        XCTAssertEqual(try text("typeOf", try call("split", ",", "a")), "map[string]string")
        XCTAssertEqual(try text("typeOf", try call("until", 2)), "[]int")
    }

    func testTypeIsKindIsDeepEqual() throws {
        XCTAssertEqual(try call("kindIs", "int", .int64(1)), false)
        XCTAssertEqual(try call("kindIs", "invalid", nil), true)
        XCTAssertEqual(try call("kindIs", "String", "a"), false)
        XCTAssertEqual(try call("typeIs", "int64", 1), false)
        XCTAssertEqual(try call("typeIs", "<nil>", nil), true)
        XCTAssertEqual(try call("typeIsLike", "int", 1), true)
        XCTAssertEqual(try call("deepEqual", [1, 2], [1, 2]), true)
        XCTAssertEqual(try call("deepEqual", .int64(1), 1), false)
        XCTAssertEqual(try call("deepEqual", "", nil), false)
        XCTAssertEqual(try call("deepEqual", 42.0, 42.0), true)
    }
}

final class EncodingFunctionsTests: XCTestCase {
    func testBase64() throws {
        XCTAssertEqual(try text("b64enc", "hello"), "aGVsbG8=")
        XCTAssertEqual(try text("b64enc", "é"), "w6k=")
        XCTAssertEqual(try text("b64enc", "a"), "YQ==")
        XCTAssertEqual(try text("b64dec", "aGVsbG8="), "hello")
        XCTAssertEqual(try text("b64dec", ""), "")
        XCTAssertEqual(try text("b64dec", "w6k="), "é")
        XCTAssertEqual(try text("b64dec", "!!!"), "illegal base64 data at input byte 0")
        XCTAssertEqual(try text("b64dec", "aGVs bG8="), "illegal base64 data at input byte 4")
        XCTAssertEqual(try text("b64dec", "_-8="), "illegal base64 data at input byte 0")
        XCTAssertEqual(try text("b64dec", "YQ="), "illegal base64 data at input byte 3")
        XCTAssertEqual(try text("b64dec", "YQ"), "illegal base64 data at input byte 0")
    }

    func testBase32() throws {
        XCTAssertEqual(try text("b32enc", ""), "")
        XCTAssertEqual(try text("b32enc", "é"), "YOUQ====")
        XCTAssertEqual(try text("b32dec", "NBSWY3DP"), "hello")
        XCTAssertEqual(try text("b32dec", "ME======"), "a")
        XCTAssertEqual(try text("b32dec", "nbswy3dp"), "illegal base32 data at input byte 0")
        XCTAssertEqual(try text("b32dec", "ME====="), "illegal base32 data at input byte 7")
        XCTAssertEqual(try text("b32dec", .string(try text("b32enc", "x y z"))), "x y z")
    }

    func testDigests() throws {
        XCTAssertEqual(try text("sha1sum", ""), "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        XCTAssertEqual(try text("sha1sum", "é"), "bf15be717ac1b080b4f1c456692825891ff5073d")
        XCTAssertEqual(try text("sha256sum", ""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(try text("sha256sum", "hello"), "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824")
        XCTAssertEqual(try text("sha256sum", "é"), "4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c")
        XCTAssertEqual(try text("sha512sum", "abc"),
                       "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")
        XCTAssertEqual(try text("adler32sum", ""), "1")
        XCTAssertEqual(try text("adler32sum", "Wikipedia"), "300286872")
        XCTAssertEqual(try text("adler32sum", "é"), "36766061")
    }
}
