import XCTest

@testable import Sprig

/// Masterminds/semver v3.5.0 `NewConstraint` and `Check`: every operator, wildcards,
/// hyphen ranges, AND/OR and the prerelease rule. Accept/reject sets recorded from
/// Helm v4.2.3 (`semverCompare`).
final class SemverConstraintTests: XCTestCase {
    private func expect(_ constraint: String, accepts: [String], rejects: [String],
                        file: StaticString = #filePath, line: UInt = #line) {
        do {
            let c = try SemverConstraints(constraint)
            for v in accepts { XCTAssertTrue(c.check(try SemverVersion(v)), "\(constraint) should accept \(v)", file: file, line: line) }
            for v in rejects { XCTAssertFalse(c.check(try SemverVersion(v)), "\(constraint) should reject \(v)", file: file, line: line) }
        } catch {
            XCTFail("\(constraint): \(error)", file: file, line: line)
        }
    }

    private func parseError(_ constraint: String) -> String? {
        do {
            _ = try SemverConstraints(constraint)
            return nil
        } catch { return error.description }
    }

    func testEqualityForm() {
        expect("=1.2.3", accepts: ["1.2.3", "v1.2.3", "1.2.3+b"], rejects: ["1.2.4", "1.2.3-beta"])
        expect("1.2.3", accepts: ["1.2.3"], rejects: ["1.2.2"])
        expect("=1.2", accepts: ["1.2.0", "1.2.9"], rejects: ["1.3.0"])
    }

    func testNotEqualForm() {
        expect("!=1.2.3", accepts: ["1.2.4"], rejects: ["1.2.3", "1.2.3+b", "1.2.4-beta"])
        expect("!=1.2.x", accepts: ["1.3.0", "2.2.0"], rejects: ["1.2.9"])
        expect("!=1.x", accepts: ["2.0.0", "0.1.0"], rejects: ["1.9.9"])
        expect("!=1.2.x-beta", accepts: ["1.2.3-alpha", "1.2.3"], rejects: ["1.2.3-beta"])
    }

    func testGreaterForm() {
        expect(">1.2.3", accepts: ["1.2.4"], rejects: ["1.2.3", "1.2.3+b"])
        expect(">1.2", accepts: ["1.3.0"], rejects: ["1.2.9"])
        expect(">1", accepts: ["2.0.0"], rejects: ["1.9.9"])
        expect(">1.x", accepts: ["2.0.0"], rejects: ["1.5.0"])
    }

    func testLessForm() {
        expect("<1.2.3", accepts: ["1.2.2"], rejects: ["1.2.3", "1.2.3-beta"])
        expect("<1.2", accepts: ["1.1.9"], rejects: ["1.2.0"])
        expect("<1.0.0-0", accepts: ["0.9.9"], rejects: ["1.0.0-alpha"])
    }

    func testGreaterOrEqualForm() {
        expect(">=1.2.3", accepts: ["1.2.3", "2.0.0"], rejects: ["1.2.2"])
        expect("=>1.2.3", accepts: ["1.2.3"], rejects: ["1.2.2"])
        expect(">=1.2", accepts: ["1.2.0"], rejects: ["1.1.9"])
    }

    func testLessOrEqualForm() {
        expect("<=1.2.3", accepts: ["1.2.3"], rejects: ["1.2.4"])
        expect("=<1.2.3", accepts: ["1.2.3"], rejects: ["1.2.4"])
        expect("<=1.2", accepts: ["1.2.9"], rejects: ["1.3.0"])
        expect("<=1.x", accepts: ["1.99.0"], rejects: ["2.0.0"])
    }

    func testTildeForm() {
        expect("~1.2.3", accepts: ["1.2.3", "1.2.9"], rejects: ["1.3.0", "1.2.2"])
        expect("~1.2", accepts: ["1.2.0", "1.2.9"], rejects: ["1.3.0"])
        expect("~1", accepts: ["1.0.0", "1.9.0"], rejects: ["2.0.0"])
        expect("~>1.2", accepts: ["1.2.5"], rejects: ["1.3.0"])
        expect("~0.0.0", accepts: ["0.0.0", "5.0.0"], rejects: [])
        expect("~0", accepts: ["0.9.0"], rejects: ["1.0.0"])
        expect("~1.x", accepts: ["1.5.0"], rejects: ["2.0.0"])
    }

    func testCaretForm() {
        expect("^1.2.3", accepts: ["1.2.3", "1.9.9"], rejects: ["2.0.0", "1.2.2"])
        expect("^1.2", accepts: ["1.2.0", "1.9.0"], rejects: ["2.0.0"])
        expect("^1", accepts: ["1.0.0"], rejects: ["2.0.0"])
        expect("^0.2.3", accepts: ["0.2.3", "0.2.9"], rejects: ["0.3.0"])
        expect("^0.2", accepts: ["0.2.0"], rejects: ["0.3.0"])
        expect("^0.0.3", accepts: ["0.0.3"], rejects: ["0.0.4"])
        expect("^0.0", accepts: ["0.0.9"], rejects: ["0.1.0"])
        expect("^0", accepts: ["0.9.9"], rejects: ["1.0.0"])
        expect("^0.x", accepts: ["0.9.0"], rejects: ["1.0.0"])
        expect("^0.0.x", accepts: ["0.0.9"], rejects: ["0.1.0"])
    }

    func testWildcardForm() {
        expect("*", accepts: ["0.0.0", "9.9.9"], rejects: ["1.0.0-rc1"])
        expect("x", accepts: ["1.2.3"], rejects: [])
        expect("X", accepts: ["1.2.3"], rejects: [])
        expect("1.x", accepts: ["1.0.0", "1.9.9"], rejects: ["2.0.0"])
        expect("1.2.X", accepts: ["1.2.9"], rejects: ["1.3.0"])
        expect("1.*.*", accepts: ["1.5.0"], rejects: ["2.0.0"])
        expect("x.2.3", accepts: ["7.0.0"], rejects: [])
        expect("1.x.3", accepts: ["1.7.0"], rejects: [])
        expect("v1.x", accepts: ["1.5.0"], rejects: [])
    }

    func testHyphenRangeForm() {
        expect("1.2 - 1.4.5", accepts: ["1.2.0", "1.4.5"], rejects: ["1.4.6", "1.1.9"])
        expect("1.2.3 - 2", accepts: ["2.9.9"], rejects: ["3.0.0"])
        expect("1.2.3-alpha - 1.2.3", accepts: ["1.2.3-beta", "1.2.3"], rejects: [])
        expect("1-2 - 3", accepts: ["1.2.3"], rejects: [])
    }

    func testAndOrForm() {
        expect(">=1.1 <2", accepts: ["1.5.0"], rejects: ["2.0.0"])
        expect(">=1.1, <2", accepts: ["1.5.0"], rejects: ["2.0.0"])
        expect(">= 1.1 , < 2", accepts: ["1.5.0"], rejects: ["2.0.0"])
        expect(">=1.1 <2 || >=3", accepts: ["3.1.0"], rejects: ["2.5.0"])
        expect("^1.2 || ^2.3", accepts: ["2.4.0"], rejects: ["2.2.0"])
        expect("~1.2 ~1.3", accepts: [], rejects: ["1.2.5", "1.3.0"])
    }

    func testPrereleaseForm() {
        expect(">=1.2.3", accepts: [], rejects: ["1.2.4-beta"])
        expect(">=1.2.3-alpha", accepts: ["1.2.4-beta", "1.2.3-alpha"], rejects: ["1.2.3-0"])
        expect(">=1.19-0", accepts: ["1.20.5-gke.100", "1.19.0-0"], rejects: ["1.18.9"])
        expect(">=1.19.0-0 <1.30.0-0", accepts: ["1.29.9-rc.1"], rejects: ["1.30.0-0"])
        expect(">=0.0.0", accepts: [], rejects: ["0.0.0-0"])
        expect("*", accepts: [], rejects: ["1.0.0-rc1"])
        expect("<1.2.3-beta.2", accepts: ["1.2.3-beta.1", "1.2.3-alpha", "1.2.2"], rejects: [])
        expect(">=1.0.0-alpha.1 <1.0.0", accepts: ["1.0.0-alpha.10", "1.0.0-rc.1"], rejects: ["1.0.0"])
        expect(">=2.0.0-beta.1 || >=1.5", accepts: ["2.0.0-beta.2"], rejects: ["1.6.0-beta"])
        expect("^1.2.3-beta", accepts: ["1.2.3-beta.2", "1.9.0-alpha"], rejects: ["2.0.0-alpha"])
        expect(">1.x-0", accepts: ["2.0.0-alpha"], rejects: [])
    }

    func testGarbageIsAnImproperConstraintNamingTheGroup() {
        XCTAssertEqual(parseError("bad constraint!!"), "improper constraint: \"bad constraint!!\"")
        XCTAssertEqual(parseError("=~1.2"), "improper constraint: \"=~1.2\"")
        XCTAssertEqual(parseError(">=1.0 bad"), "improper constraint: \">=1.0 bad\"")
        XCTAssertEqual(parseError("V1.2"), "improper constraint: \"V1.2\"")
        XCTAssertEqual(parseError(">=1.2.3.4"), "improper constraint: \">=1.2.3.4\"")
    }

    func testEmptyAndBlankConstraintsAreImproper() {
        XCTAssertEqual(parseError(""), "improper constraint: \"\"")
        XCTAssertEqual(parseError(" "), "improper constraint: \" \"")
        XCTAssertEqual(parseError("1.2.3 || "), "improper constraint: \" \"")
    }

    func testSpaceInsideAnOperatorIsImproper() {
        XCTAssertEqual(parseError("> =1.2.3"), "improper constraint: \"> =1.2.3\"")
        XCTAssertEqual(parseError("~ >1.2"), "improper constraint: \"~ >1.2\"")
        XCTAssertNil(parseError(">= 1.2.3"))
        XCTAssertNil(parseError("\t>=1.2.3\t"))
    }

    func testConstraintsMustBeSeparatedBySpaceOrOneComma() {
        XCTAssertNil(parseError("1.2.3,1.2.3"))
        XCTAssertNil(parseError("1.2.3 ,1.2.3"))
        XCTAssertEqual(parseError("1.2.3,,1.2.3"), "improper constraint: \"1.2.3,,1.2.3\"")
        XCTAssertEqual(parseError("1.2.3,"), "improper constraint: \"1.2.3,\"")
        XCTAssertEqual(parseError(",1.2.3"), "improper constraint: \",1.2.3\"")
        XCTAssertEqual(parseError("1.2.3>=1"), "improper constraint: \"1.2.3>=1\"")
    }

    func testDanglingPrereleaseMetadataOrDotIsImproper() {
        XCTAssertEqual(parseError("1.2.3-"), "improper constraint: \"1.2.3-\"")
        XCTAssertEqual(parseError("1.2.3+"), "improper constraint: \"1.2.3+\"")
        XCTAssertEqual(parseError("1.2.3-a."), "improper constraint: \"1.2.3-a.\"")
        XCTAssertEqual(parseError("1.2."), "improper constraint: \"1.2.\"")
    }

    func testUnbuildableVersionIsAConstraintParserError() {
        // The segment class of Masterminds' regular expression admits `|`.
        XCTAssertEqual(parseError(">=1|2"), "constraint parser error")
        XCTAssertEqual(parseError("1.x|"), "constraint parser error")
        XCTAssertEqual(parseError(">=1.2.3-01"), "constraint parser error")
        XCTAssertEqual(parseError("99999999999999999999"), "constraint parser error")
        XCTAssertEqual(parseError("1.2.99999999999999999999"), "constraint parser error")
        XCTAssertEqual(parseError(">=1.2.3-" + String(repeating: "a", count: 300)), "constraint parser error")
    }

    func testLeadingZerosInConstraintVersionsAreCoerced() {
        expect(">=01.2", accepts: ["1.2.3"], rejects: ["1.1.0"])
    }

    func testLengthAndGroupLimits() {
        XCTAssertEqual(parseError(String(repeating: " ", count: 600)), "constraint string is too long (max 512 bytes)")
        XCTAssertEqual(parseError(String(repeating: "1||", count: 32)), "too many constraint groups (max 32)")
        XCTAssertEqual(parseError("bad||" + String(repeating: "1||", count: 40)), "too many constraint groups (max 32)")
        XCTAssertNil(parseError(String(repeating: "1||", count: 31) + "1"))
    }

    func testHyphenRangeRewritingIsTextualLikeGo() {
        // Go finds `A - B` with a regular expression and rewrites it in place, so the
        // rewritten text shows up in errors and can split across `||`.
        XCTAssertEqual(parseError("1.2.3.4 - 5"), "improper constraint: \"1.>= 2.3.4, <= 5 \"")
        XCTAssertEqual(parseError(">=1.2 - 3"), "improper constraint: \">=>= 1.2, <= 3 \"")
        XCTAssertEqual(parseError("a1.2 - 3"), "improper constraint: \"a>= 1.2, <= 3 \"")
        XCTAssertEqual(parseError("1 - 2 - 3"), "improper constraint: \">= 1, <= 2 - 3\"")
        XCTAssertEqual(parseError("1 - 2||3 - 4"), "improper constraint: \"3 - 4\"")
        XCTAssertEqual(parseError("1.0 - 2.0 ||1.0 - 2.0"), "improper constraint: \">= 1.0, <= 2.0 >= \"")
        XCTAssertEqual(parseError("1|2 - 3"), "constraint parser error")
        expect("1.2 - 3||4", accepts: ["4.0.0"], rejects: [])
        expect("1 - 2 1 - 2", accepts: ["1.5.0"], rejects: [])
        expect("1.2 - 3, 4 - 5", accepts: [], rejects: ["4.2.3"])
    }

    func testMetadataInTheConstraintIsIgnoredForComparison() {
        expect("1.2.3+meta", accepts: ["1.2.3"], rejects: [])
        expect("1.x+meta", accepts: ["1.2.3"], rejects: [])
        expect("1.2.3-beta", accepts: ["1.2.3-beta+x"], rejects: [])
    }

    func testIncludePrereleaseLetsEveryGroupMatchPrereleases() throws {
        var c = try SemverConstraints(">=1.2")
        let v = try SemverVersion("1.3.0-rc.1")
        XCTAssertFalse(c.check(v))
        c.includePrerelease = true
        XCTAssertTrue(c.check(v))
    }

    // Validate's messages are not reachable from templates; they follow the library's text.
    func testValidateExplainsEachFailure() throws {
        let c = try SemverConstraints(">=1.2 <1.4 || ^2")
        let (ok, reasons) = c.validate(try SemverVersion("1.5.0"))
        XCTAssertFalse(ok)
        XCTAssertEqual(reasons, [
            "\"1.5.0\" is greater than or equal to \"1.4\"",
            "\"1.5.0\" is less than \"2\"",
        ])
        XCTAssertEqual(c.validate(try SemverVersion("1.3.0")).reasons, [])
        XCTAssertTrue(c.validate(try SemverVersion("1.3.0")).satisfied)
    }

    func testValidateReportsThePrereleaseRuleOnce() throws {
        let c = try SemverConstraints(">=1 || >=2")
        XCTAssertEqual(c.validate(try SemverVersion("3.0.0-rc")).reasons, [
            "\"3.0.0-rc\" is a prerelease version and the constraint is only looking for release versions",
        ])
    }

    func testStringJoinsOperatorsAndVersionsAsWritten() throws {
        XCTAssertEqual(try SemverConstraints(">= 1.2, <v2.x ||~1").description, ">=1.2 <v2.x || ~1")
        XCTAssertEqual(try SemverConstraints("1.2 - 1.4.5").description, ">=1.2 <=1.4.5")
    }
}
