import Controller
import XCTest

/// The reconciler's one decision, case by case.
final class NextActionTests: XCTestCase {
    func decide(
        _ latest: (Int, String)?, rollbackTo: Int? = nil, matches: Bool = false, ours: Bool = true, retry: Bool = false, expired: Bool = false,
        deleting: Bool = false
    ) -> NextAction {
        NextAction.decide(
            deleting: deleting, latest: latest.map { StoredRevision(version: $0.0, status: $0.1) }, rollbackTo: rollbackTo, matchesSpec: matches,
            heldByUs: ours, retryFailed: retry, lockExpired: expired)
    }

    func testNothingStoredInstalls() {
        XCTAssertEqual(decide(nil), .install)
    }

    func testDeletionUninstallsWhateverIsStored() {
        XCTAssertEqual(decide((3, "pending-upgrade"), deleting: true), .uninstall)
        XCTAssertEqual(decide(nil, deleting: true), .uninstall)
    }

    func testADeployedReleaseMatchingTheSpecNeedsNothing() {
        XCTAssertEqual(decide((2, "deployed"), matches: true), NextAction.none)
    }

    func testADeployedReleaseDifferingFromTheSpecUpgrades() {
        XCTAssertEqual(decide((2, "deployed"), matches: false), .upgrade(from: 2))
    }

    func testAFailedAttemptAtTheSameSpecStaysFailedUnlessARetryIsAllowed() {
        XCTAssertEqual(decide((4, "failed"), matches: true), NextAction.none)
        XCTAssertEqual(decide((4, "failed"), matches: true, retry: true), .upgrade(from: 4))
        XCTAssertEqual(decide((4, "failed"), matches: false), .upgrade(from: 4), "a new spec is tried")
    }

    func testAnUninstalledReleaseIsInstalledAgain() {
        XCTAssertEqual(decide((5, "uninstalled"), matches: true), .install)
    }

    func testOurOwnPendingRevisionIsUnlocked() {
        XCTAssertEqual(decide((6, "pending-upgrade"), ours: true), .unlock(revision: 6))
        XCTAssertEqual(decide((1, "pending-install"), ours: true), .unlock(revision: 1))
    }

    func testAnotherClientsPendingRevisionIsWaitedForUntilItsLockExpires() {
        XCTAssertEqual(decide((6, "pending-upgrade"), ours: false), .waitForLock(revision: 6), "a Helm CLI run in progress is not raced")
        XCTAssertEqual(decide((6, "pending-rollback"), ours: false, expired: true), .unlock(revision: 6))
    }

    func testRollbackRunsUntilACompletedRollbackToThatRevisionIsLatest() {
        XCTAssertEqual(decide((3, "deployed"), rollbackTo: 1, matches: false), .rollback(to: 1, from: 3))
        XCTAssertEqual(decide((4, "deployed"), rollbackTo: 1, matches: true), NextAction.none)
        XCTAssertEqual(decide((4, "failed"), rollbackTo: 1, matches: true, retry: true), .rollback(to: 1, from: 4))
    }
}
