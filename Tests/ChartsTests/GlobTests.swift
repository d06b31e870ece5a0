@testable import Charts
import XCTest

/// `.Files.Glob` patterns (gobwas/glob with `/` as separator), as Helm matches them.
final class GlobTests: XCTestCase {
    func matches(_ pattern: String, _ path: String) throws -> Bool { try Glob(pattern).matches(path) }

    func testStarStopsAtSlashAndDoubleStarCrossesIt() throws {
        XCTAssertTrue(try matches("config/*", "config/a.txt"))
        XCTAssertFalse(try matches("*", "config/a.txt"))
        XCTAssertTrue(try matches("sub/**", "sub/dir/deep.conf"))
        XCTAssertTrue(try matches("**", "a/b/c"))
    }

    func testClassesAlternativesAndSingleCharacters() throws {
        XCTAssertTrue(try matches("[cd]*", "crlf.txt"))
        XCTAssertFalse(try matches("[!cd]*", "data.json"))
        XCTAssertTrue(try matches("{config,secret}/*", "secret/pw"))
        XCTAssertTrue(try matches("?.txt", "a.txt"))
        XCTAssertFalse(try matches("?", "/"))
        XCTAssertTrue(try matches("[a-c]x", "bx"))
    }

    func testHiddenFilesAreMatchedLikeAnyOther() throws {
        XCTAssertTrue(try matches("*", ".hidden"))
        XCTAssertTrue(try matches(".*", ".hidden"))
    }

    func testMalformedPatternsAreRejected() {
        XCTAssertThrowsError(try Glob("["))
        XCTAssertThrowsError(try Glob("{a,b"))
    }
}
