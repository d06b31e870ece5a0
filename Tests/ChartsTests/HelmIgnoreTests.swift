import XCTest
@testable import Charts

/// `.helmignore` rules; each expectation was checked against helm_python's loader.
final class HelmIgnoreTests: XCTestCase {
    private func rules(_ text: String) throws -> HelmIgnore { try HelmIgnore(parsing: text) }

    func testPatternWithoutSlashMatchesTheBaseNameAtAnyDepth() throws {
        let r = try rules("*.bak\n")
        XCTAssertTrue(r.ignores("drop.bak", isDirectory: false))
        XCTAssertTrue(r.ignores("docs/sub/old.bak", isDirectory: false))
        XCTAssertFalse(r.ignores("keep.txt", isDirectory: false))
    }

    func testPatternWithSlashMatchesTheWholePathAndStarStopsAtSlash() throws {
        let r = try rules("docs/*.md\n")
        XCTAssertTrue(r.ignores("docs/a.md", isDirectory: false))
        XCTAssertFalse(r.ignores("docs/sub/a.md", isDirectory: false))
        XCTAssertFalse(r.ignores("a.md", isDirectory: false))
    }

    func testLeadingSlashAnchorsAtTheChartRoot() throws {
        let r = try rules("/secret.txt\n")
        XCTAssertTrue(r.ignores("secret.txt", isDirectory: false))
        XCTAssertFalse(r.ignores("x/secret.txt", isDirectory: false))
    }

    func testTrailingSlashMatchesDirectoriesOnly() throws {
        let r = try rules("build/\n")
        XCTAssertTrue(r.ignores("build", isDirectory: true))
        XCTAssertFalse(r.ignores("build", isDirectory: false))
    }

    func testNegationIgnoresEverythingThatDoesNotMatch() throws {
        // Helm's quirk: `!keep.txt` alone ignores Chart.yaml too.
        let r = try rules("!keep.txt\n")
        XCTAssertFalse(r.ignores("keep.txt", isDirectory: false))
        XCTAssertTrue(r.ignores("Chart.yaml", isDirectory: false))
    }

    func testFirstMatchingRuleWins() throws {
        let r = try rules("*.txt\n!keep.txt\n")
        XCTAssertTrue(r.ignores("keep.txt", isDirectory: false))
    }

    func testDoubleStarIsRefusedAsHelmDoes() {
        XCTAssertThrowsError(try rules("**/*.bak\n")) {
            XCTAssertEqual("\($0)", "double-star (**) syntax is not supported")
        }
    }

    func testMalformedPatternIsRefused() {
        XCTAssertThrowsError(try rules("[a-\n")) { XCTAssertEqual("\($0)", "syntax error in pattern") }
    }

    func testCommentsBlankLinesAndBOMAreSkipped() throws {
        let r = try rules("\u{FEFF}# *.yaml\n\n   \n*.tmp\r\n")
        XCTAssertFalse(r.ignores("a.yaml", isDirectory: false))
        XCTAssertTrue(r.ignores("a.tmp", isDirectory: false))
    }

    func testHiddenFilesInTemplatesAreAlwaysIgnored() throws {
        let r = try rules("")
        XCTAssertTrue(r.ignores("templates/.hidden", isDirectory: false))
        XCTAssertFalse(r.ignores("templates/_helpers.tpl", isDirectory: false))
        XCTAssertFalse(r.ignores(".other", isDirectory: false))
    }

    func testCharacterClassesAndNegatedClasses() throws {
        let r = try rules("file[0-9].txt\nx[^a].md\n")
        XCTAssertTrue(r.ignores("file7.txt", isDirectory: false))
        XCTAssertFalse(r.ignores("filex.txt", isDirectory: false))
        XCTAssertTrue(r.ignores("xb.md", isDirectory: false))
        XCTAssertFalse(r.ignores("xa.md", isDirectory: false))
    }

    func testQuestionMarkMatchesOneCharacterOfANonASCIIName() throws {
        // Go's filepath.Match reads runes: `?` takes all of "é", not one byte of it.
        let r = try rules("caf?.txt\n")
        XCTAssertTrue(r.ignores("café.txt", isDirectory: false))
        XCTAssertTrue(r.ignores("docs/café.txt", isDirectory: false))
        XCTAssertFalse(r.ignores("cafés.txt", isDirectory: false))
    }

    func testNonASCIIRulesMatchTheirNames() throws {
        let r = try rules("é*.md\n[à-ä]x\n")
        XCTAssertTrue(r.ignores("ébauche.md", isDirectory: false))
        XCTAssertFalse(r.ignores("ebauche.md", isDirectory: false))
        XCTAssertTrue(r.ignores("âx", isDirectory: false))
        XCTAssertFalse(r.ignores("ax", isDirectory: false))
    }
}
