@testable import rudder
import XCTest

/// `rudder diff`'s hunks, in `diff -u`'s shape.
final class UnifiedDiffTests: XCTestCase {
    func testEqualTextsHaveNoHunks() {
        XCTAssertEqual(UnifiedDiff(old: "a\nb", new: "a\nb").hunks, "")
    }

    func testAChangedLineShowsRemovalThenAdditionWithContext() {
        let old = (1...10).map { "line \($0)" }.joined(separator: "\n")
        let new = old.replacingOccurrences(of: "line 6", with: "line six")
        XCTAssertEqual(
            UnifiedDiff(old: old, new: new).hunks,
            "@@ -3,7 +3,7 @@\n line 3\n line 4\n line 5\n-line 6\n+line six\n line 7\n line 8\n line 9\n")
    }

    func testDistantChangesMakeTwoHunks() {
        let old = (1...20).map { "l\($0)" }.joined(separator: "\n")
        let new = old.replacingOccurrences(of: "l2\n", with: "L2\n").replacingOccurrences(of: "l18", with: "L18")
        let hunks = UnifiedDiff(old: old, new: new).hunks
        XCTAssertEqual(hunks.components(separatedBy: "@@ -").count - 1, 2, hunks)
        XCTAssertTrue(hunks.hasPrefix("@@ -1,5 +1,5 @@\n l1\n-l2\n+L2\n"), hunks)
    }

    func testACreatedObjectIsAllAdditions() {
        XCTAssertEqual(UnifiedDiff(old: "", new: "a\nb").hunks, "@@ -0,0 +1,2 @@\n+a\n+b\n")
    }
}
