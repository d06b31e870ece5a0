import XCTest

@testable import Sprig

/// Masterminds/semver v3.5.0 `NewVersion`, `StrictNewVersion`, `Compare` and the
/// increments; expectations recorded from Helm v4.2.3 (`semver "…"` and its methods)
/// unless a test says otherwise.
final class SemverVersionTests: XCTestCase {
    private func parsed(_ s: String, file: StaticString = #filePath, line: UInt = #line) -> SemverVersion? {
        do { return try SemverVersion(s) } catch {
            XCTFail("\(s): \(error)", file: file, line: line)
            return nil
        }
    }

    private func parseError(_ s: String) -> String? {
        do {
            _ = try SemverVersion(s)
            return nil
        } catch { return error.description }
    }

    func testStringNormalisesWhileOriginalKeepsTheText() throws {
        let v = try XCTUnwrap(parsed("v1.2.3-beta.1+build.5"))
        XCTAssertEqual(v.description, "1.2.3-beta.1+build.5")
        XCTAssertEqual(v.original, "v1.2.3-beta.1+build.5")
        XCTAssertEqual(v.prerelease, "beta.1")
        XCTAssertEqual(v.metadata, "build.5")
        XCTAssertEqual([v.major, v.minor, v.patch], [1, 2, 3])
    }

    func testMissingSegmentsAreCoercedToZero() {
        XCTAssertEqual(parsed("1")?.description, "1.0.0")
        XCTAssertEqual(parsed("v1")?.description, "1.0.0")
        XCTAssertEqual(parsed("1.2")?.description, "1.2.0")
        XCTAssertEqual(parsed("1.2-beta")?.description, "1.2.0-beta")
        XCTAssertEqual(parsed("1-beta+x")?.description, "1.0.0-beta+x")
    }

    func testLeadingZerosInNumericSegmentsAreCoerced() {
        XCTAssertEqual(parsed("01.2.3")?.description, "1.2.3")
        XCTAssertEqual(parsed("00001.002.0003")?.description, "1.2.3")
    }

    func testPrereleaseNumericIdentifierWithLeadingZeroIsRefused() {
        XCTAssertEqual(parseError("1.2.3-01"), "version segment starts with 0")
        XCTAssertEqual(parseError("1.2.3-beta.01"), "version segment starts with 0")
        XCTAssertEqual(parseError("01.2.3-01"), "version segment starts with 0")
        XCTAssertEqual(parsed("1.2.3-0")?.prerelease, "0")
        XCTAssertEqual(parsed("1.2.3-0a")?.prerelease, "0a")
    }

    func testMetadataMayHaveLeadingZerosAndPrereleaseMayHoldHyphens() {
        XCTAssertEqual(parsed("1.2.3+01")?.metadata, "01")
        XCTAssertEqual(parsed("1.2.3-a-b--c")?.prerelease, "a-b--c")
    }

    func testMalformedTextIsAnInvalidSemanticVersion() {
        for s in ["", "1.2.3.4", "1.2.3-", "1.2.3+", " 1.2.3", "1.2.3 ", "V1.2.3", "vv1.2.3", "1..2", "1.2.x",
                  "1.2.3-beta..1", "1.2.3+a..b", "1.2.3+a+b", "1.2.3+a_b", "1.2.3-a_b", "1.2.3-β", "1.2.3-01+a_b"] {
            XCTAssertEqual(parseError(s), "invalid semantic version", s)
        }
    }

    func testSegmentsAreUnsigned64Bit() {
        let max = "18446744073709551615"
        XCTAssertEqual(parsed("\(max).\(max).\(max)")?.patch, UInt64.max)
        XCTAssertEqual(
            parseError("1.18446744073709551616"),
            "error parsing version segment: strconv.ParseUint: parsing \"18446744073709551616\": value out of range")
    }

    func testSegmentRangeErrorWinsOverABadPrerelease() {
        XCTAssertEqual(
            parseError("99999999999999999999.0.0-01"),
            "error parsing version segment: strconv.ParseUint: parsing \"99999999999999999999\": value out of range")
    }

    func testTextLongerThan256BytesIsRefused() {
        XCTAssertEqual(parseError(String(repeating: "1", count: 300)), "version string is too long (max 256 bytes)")
        XCTAssertEqual(parseError("1.2.3-" + String(repeating: "a", count: 300)), "version string is too long (max 256 bytes)")
    }

    // StrictNewVersion is not reachable from templates; these follow the library's code.
    func testStrictParsingRequiresThreeSegmentsWithoutPrefixOrLeadingZeros() throws {
        XCTAssertEqual(try SemverVersion.strict("1.2.3-beta.1+b").description, "1.2.3-beta.1+b")
        XCTAssertThrowsError(try SemverVersion.strict("")) { XCTAssertEqual("\($0)", "version string empty") }
        XCTAssertThrowsError(try SemverVersion.strict("1.2")) { XCTAssertEqual("\($0)", "invalid semantic version") }
        XCTAssertThrowsError(try SemverVersion.strict("v1.2.3")) { XCTAssertEqual("\($0)", "invalid characters in version") }
        XCTAssertThrowsError(try SemverVersion.strict("01.2.3")) { XCTAssertEqual("\($0)", "version segment starts with 0") }
        XCTAssertThrowsError(try SemverVersion.strict("1.2.3+a..b")) { XCTAssertEqual("\($0)", "invalid metadata string") }
        XCTAssertThrowsError(try SemverVersion.strict("1.2.3-a_b")) { XCTAssertEqual("\($0)", "invalid prerelease string") }
        XCTAssertThrowsError(try SemverVersion.strict("1..3")) {
            XCTAssertEqual("\($0)", "strconv.ParseUint: parsing \"\": invalid syntax")
        }
    }

    func testPrecedenceFollowsTheSemverSpecExampleChain() throws {
        let chain = ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
                     "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0"].compactMap { parsed($0) }
        for (a, b) in zip(chain, chain.dropFirst()) {
            XCTAssertEqual(a.compare(to: b), -1, "\(a) < \(b)")
            XCTAssertEqual(b.compare(to: a), 1, "\(b) > \(a)")
        }
    }

    func testNumericSegmentsCompareAsNumbers() throws {
        XCTAssertEqual(try SemverVersion("2.0.0").compare(to: SemverVersion("10.0.0")), -1)
        XCTAssertEqual(try SemverVersion("1.10.0").compare(to: SemverVersion("1.9.0")), 1)
    }

    func testMetadataAndSpellingDoNotAffectEquality() throws {
        XCTAssertEqual(try SemverVersion("1.0.0+a").compare(to: SemverVersion("1.0.0+b")), 0)
        XCTAssertEqual(try SemverVersion("1.0.0"), try SemverVersion("v1.0"))
    }

    func testAlphanumericPrereleaseIdentifiersCompareBytewise() throws {
        XCTAssertEqual(try SemverVersion("1.0.0-A").compare(to: SemverVersion("1.0.0-a")), -1)
        XCTAssertEqual(try SemverVersion("1.0.0-1-a").compare(to: SemverVersion("1.0.0-1")), 1)
    }

    func testPrereleaseIdentifierTooBigForUInt64IsAlphanumeric() throws {
        XCTAssertEqual(try SemverVersion("1.0.0-99999999999999999999").compare(to: SemverVersion("1.0.0-a")), -1)
        XCTAssertEqual(try SemverVersion("1.0.0-99999999999999999999").compare(to: SemverVersion("1.0.0-1")), 1)
    }

    func testIncPatchReleasesAPrereleaseInsteadOfBumping() throws {
        XCTAssertEqual(try SemverVersion("v1.2.3-rc.1+m").incrementingPatch().description, "1.2.3")
        XCTAssertEqual(try SemverVersion("v1.2.3+m").incrementingPatch().description, "1.2.4")
        XCTAssertEqual(try SemverVersion("1.1.18446744073709551615-rc").incrementingPatch().description,
                       "1.1.18446744073709551615")
    }

    func testIncMinorAndIncMajorResetLowerSegmentsAndDropPrerelease() throws {
        XCTAssertEqual(try SemverVersion("v1.2.3-rc.1+m").incrementingMinor().description, "1.3.0")
        XCTAssertEqual(try SemverVersion("v1.2.3-rc.1+m").incrementingMajor().description, "2.0.0")
    }

    func testIncrementsKeepTheVPrefixInOriginal() throws {
        XCTAssertEqual(try SemverVersion("v1.2.3").incrementingPatch().original, "v1.2.4")
        XCTAssertEqual(try SemverVersion("1.2.3").incrementingMajor().original, "2.0.0")
    }

    func testIncrementOverflowIsAnError() {
        XCTAssertThrowsError(try SemverVersion("18446744073709551615.0.0").incrementingMajor()) {
            XCTAssertEqual("\($0)", "major version increment would overflow uint64")
        }
        XCTAssertThrowsError(try SemverVersion("1.18446744073709551615.0").incrementingMinor()) {
            XCTAssertEqual("\($0)", "minor version increment would overflow uint64")
        }
        XCTAssertThrowsError(try SemverVersion("1.1.18446744073709551615").incrementingPatch()) {
            XCTAssertEqual("\($0)", "patch version increment would overflow uint64")
        }
    }

    func testSettersValidateAndEmptyClears() throws {
        XCTAssertEqual(try SemverVersion("1.2.3-x+y").settingPrerelease("").description, "1.2.3+y")
        XCTAssertEqual(try SemverVersion("1.2.3").settingPrerelease("a.b").description, "1.2.3-a.b")
        XCTAssertEqual(try SemverVersion("1.2.3").settingMetadata("001").description, "1.2.3+001")
        XCTAssertThrowsError(try SemverVersion("1.2.3").settingPrerelease("a_b")) { XCTAssertEqual("\($0)", "invalid prerelease string") }
        XCTAssertThrowsError(try SemverVersion("1.2.3").settingPrerelease("01")) { XCTAssertEqual("\($0)", "version segment starts with 0") }
        XCTAssertThrowsError(try SemverVersion("1.2.3").settingMetadata("a..b")) { XCTAssertEqual("\($0)", "invalid metadata string") }
    }

    func testMemberwiseInitialiserUsesTheNormalisedTextAsOriginal() {
        let v = SemverVersion(major: 1, minor: 2, patch: 3, prerelease: "rc.1", metadata: "b")
        XCTAssertEqual(v.original, "1.2.3-rc.1+b")
    }
}
