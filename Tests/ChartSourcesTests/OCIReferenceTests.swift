@testable import ChartSources
import Foundation
import XCTest

final class OCIReferenceTests: XCTestCase {
    func testParsesHostPortPathAndName() throws {
        let r = try OCIReference(parsing: "oci://127.0.0.1:5000/team/charts/podinfo")
        XCTAssertEqual(r.registry, "127.0.0.1:5000")
        XCTAssertEqual(r.repository, "team/charts/podinfo")
        XCTAssertEqual(r.chartName, "podinfo")
        XCTAssertNil(r.tag)
        XCTAssertNil(r.digest)
    }

    func testParsesTagAndDigest() throws {
        let digest = "sha256:" + String(repeating: "c", count: 64)
        let r = try OCIReference(parsing: "oci://ghcr.io/x/podinfo:6.5.0_build.1@\(digest)")
        XCTAssertEqual(r.tag, "6.5.0_build.1")
        XCTAssertEqual(r.digest, digest)
        XCTAssertEqual(r.description, "oci://ghcr.io/x/podinfo:6.5.0_build.1@\(digest)")
    }

    func testRefusesUppercaseRepository() {
        XCTAssertThrowsError(try OCIReference(parsing: "oci://ghcr.io/X/Podinfo")) { error in
            guard case .invalidReference(let reference, _) = error as? ChartSourceError else { return XCTFail("\(error)") }
            XCTAssertEqual(reference, "oci://ghcr.io/X/Podinfo")
        }
    }

    func testRefusesAReferenceWithoutPath() {
        XCTAssertThrowsError(try OCIReference(parsing: "oci://ghcr.io"))
    }

    func testHelmWritesPlusAsUnderscoreInTags() {
        XCTAssertEqual(OCIReference.tag(forVersion: "1.0.0+b.1"), "1.0.0_b.1")
        XCTAssertEqual(OCIReference.version(forTag: "1.0.0_b.1"), "1.0.0+b.1")
    }

    func testBearerChallengeParameters() throws {
        let c = try XCTUnwrap(OCIAuthChallenge(
            header: #"Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:a/b:pull""#))
        XCTAssertEqual(c.scheme, "bearer")
        XCTAssertEqual(c.realm, "https://auth.example.com/token")
        XCTAssertEqual(c.parameters["service"], "registry.example.com")
        XCTAssertEqual(c.parameters["scope"], "repository:a/b:pull")
    }

    func testBasicChallenge() throws {
        let c = try XCTUnwrap(OCIAuthChallenge(header: #"Basic realm="basic-realm""#))
        XCTAssertEqual(c.scheme, "basic")
        XCTAssertEqual(c.realm, "basic-realm")
    }

    func testPickVersionPrefersExactTagThenNewestMatching() throws {
        let ref = try OCIReference(parsing: "oci://r/x")
        let tags = ["0.9.0", "1.0.0", "1.1.0_b.2", "2.0.0-rc.1", "latest"]
        XCTAssertEqual(try ChartFetcher.pickVersion(tags: tags, constraint: "", reference: ref), "1.1.0+b.2")
        XCTAssertEqual(try ChartFetcher.pickVersion(tags: tags, constraint: "<1.0.0", reference: ref), "0.9.0")
        XCTAssertEqual(try ChartFetcher.pickVersion(tags: tags, constraint: ">=2.0.0-0", reference: ref), "2.0.0-rc.1")
    }

    func testBlockingWorkRunsOnTheWorkersOwnThread() async {
        let workers = BlockingWorkers(threads: 2)
        let onWorker = await workers.run { BlockingWorkers.isWorkerThread }
        XCTAssertTrue(onWorker)
        XCTAssertFalse(BlockingWorkers.isWorkerThread)
    }

    func testCredentialsDescriptionHidesThePassword() {
        let c = ChartSourceCredentials(username: "u", password: "hunter2", privateKeyPEM: Array("KEY".utf8))
        XCTAssertFalse(c.description.contains("hunter2"))
        XCTAssertFalse(c.description.contains("KEY"))
    }
}
