import Charts
import Controller
import Foundation
import Values
import XCTest

/// The payload codec alone: base64(gzip(JSON)) both ways, Helm v3 and legacy forms read,
/// and every malformed payload a typed error (never a crash).
final class ReleasePayloadTests: XCTestCase {
    func sampleRelease() -> Release {
        var metadata = ChartMetadata()
        metadata.name = "demo"
        metadata.version = "1.2.3"
        metadata.dependencies = [ChartDependency(name: "sub", version: "0.2.0", repository: "https://charts.example.com")]
        var subMetadata = ChartMetadata()
        subMetadata.name = "sub"
        subMetadata.version = "0.2.0"
        let sub = ReleaseChart(
            metadata: subMetadata, templates: [ChartFile(name: "templates/cm.yaml", text: "kind: ConfigMap\n")], values: ["greeting": "hi"])
        let chart = ReleaseChart(
            metadata: metadata, templates: [ChartFile(name: "templates/a.yaml", text: "a: {{ .Values.a }}\n")], values: ["a": 1.0],
            schema: Array("{}".utf8), files: [ChartFile(name: "crds/crd.yaml", text: "kind: CustomResourceDefinition\n")],
            subcharts: [sub])
        let hook = Release.Hook(
            name: "migrate", kind: "Job", path: "demo/templates/job.yaml", manifest: "kind: Job\n", events: ["pre-upgrade"],
            lastRun: Release.HookExecution(startedAt: GoTime(seconds: 1_700_000_000, nanoseconds: 1), phase: "Succeeded"), weight: -5,
            deletePolicies: ["before-hook-creation"])
        return Release(
            name: "demo", namespace: "apps", version: 3,
            info: Release.Info(
                firstDeployed: GoTime(seconds: 1_700_000_000, nanoseconds: 120_000_000), lastDeployed: GoTime(seconds: 1_700_000_600),
                description: "Rollback to 1", status: .pendingRollback, notes: "hello"),
            chart: chart, config: ["password": "<s&cret>", "n": 2.5], manifest: "---\n# Source: demo/templates/a.yaml\na: 1\n",
            hooks: [hook], labels: ["team": "blue"], applyMethod: .serverSide)
    }

    func testAReleaseRoundTripsThroughThePayload() throws {
        let release = sampleRelease()
        let payload = try ReleasePayload.encode(release)
        let decoded = try ReleasePayload.decode(payload, labels: ["team": "blue"])
        XCTAssertEqual(decoded, release)
    }

    func testThePayloadIsBase64OfGzipAtItsMagic() throws {
        let bytes = try XCTUnwrap(StdBase64.decode(try ReleasePayload.encode(sampleRelease())))
        XCTAssertEqual(Array(bytes.prefix(3)), [0x1F, 0x8B, 0x08])
    }

    func testTheJSONUsesHelmsFieldNamesAndTimeFormat() throws {
        let json = try JSON.decode(try sampleRelease().jsonText())
        let m = try XCTUnwrap(json.mapValue)
        XCTAssertEqual(Set(m.keys), ["name", "info", "chart", "config", "manifest", "hooks", "version", "namespace", "apply_method"])
        XCTAssertEqual(m["info"]?.mapValue?["first_deployed"], "2023-11-14T22:13:20.12Z")
        XCTAssertEqual(m["info"]?.mapValue?["status"], "pending-rollback")
        XCTAssertNil(m["info"]?.mapValue?["deleted"], "a zero time is left out, as Helm v4 does")
        let hook = try XCTUnwrap(m["hooks"]?.listValue?.first?.mapValue)
        XCTAssertEqual(hook["last_run"]?.mapValue?["started_at"], "2023-11-14T22:13:20.000000001Z")
        XCTAssertEqual(hook["delete_policies"]?.listValue?.compactMap(\.stringValue), ["before-hook-creation"])
        let chart = try XCTUnwrap(m["chart"]?.mapValue)
        XCTAssertEqual(chart["schema"], "e30=")
        XCTAssertEqual(chart["lock"], .null)
        XCTAssertEqual(chart["templates"]?.listValue?.first?.mapValue?["data"], .string(StdBase64.encode(Array("a: {{ .Values.a }}\n".utf8))))
        XCTAssertTrue(try sampleRelease().jsonText().contains("\\u003cs\\u0026cret\\u003e"), "Go escapes <, & and > in JSON")
    }

    func testHelmV3EmptyTimesAndPlainLegacyJSONAreRead() throws {
        let json = """
            {"name":"old","info":{"first_deployed":"2020-01-02T03:04:05.5+01:00","last_deployed":"2020-01-02T03:04:05Z",
            "deleted":"","status":"deployed"},"hooks":[{"name":"h","last_run":{"started_at":"","completed_at":"","phase":""}}],
            "version":1}
            """
        // Records written before Helm compressed them are base64 of the JSON itself.
        let release = try ReleasePayload.decode(StdBase64.encode(Array(json.utf8)))
        XCTAssertEqual(release.name, "old")
        XCTAssertNil(release.info.deleted)
        XCTAssertEqual(release.info.firstDeployed?.unixNano, 1_577_930_645_500_000_000)
        XCTAssertNil(release.hooks.first?.lastRun.startedAt)
        XCTAssertNil(release.applyMethod)
        XCTAssertNil(release.chart)
    }

    func testAStoredChartLoadsBackWithItsSubchartsAndCRDs() throws {
        let stored = sampleRelease().chart!
        let chart = Chart(stored)
        XCTAssertTrue(chart.isRoot)
        XCTAssertEqual(chart.dependencies.map(\.name), ["sub"])
        XCTAssertEqual(chart.dependencies.first?.isRoot, false)
        XCTAssertEqual(chart.crds.map(\.name), ["crds/crd.yaml"])
        XCTAssertEqual(chart.schema, "{}")
        XCTAssertEqual(ReleaseChart(chart), stored)
        XCTAssertEqual(stored.missingSubcharts, [])
    }

    func testAHelmRecordOfAChartWithSubchartsNamesWhatItLacks() throws {
        var stored = sampleRelease().chart!
        stored.subcharts = []
        XCTAssertEqual(stored.missingSubcharts, ["sub"])
    }

    // MARK: Malformed payloads

    func decodeError(_ payload: String) -> ReleaseDecodingError? {
        do {
            _ = try ReleasePayload.decode(payload)
            return nil
        } catch {
            return error
        }
    }

    func testBadBase64IsATypedError() {
        XCTAssertEqual(decodeError("not base64!"), .base64(field: "release"))
    }

    func testBadGzipIsATypedError() {
        let corrupt: [UInt8] = [0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0, 0, 0xFF, 1, 2, 3, 4, 5]
        guard case .gzip? = decodeError(StdBase64.encode(corrupt)) else { return XCTFail("\(String(describing: decodeError(StdBase64.encode(corrupt))))") }
    }

    func testTruncatedGzipIsATypedError() throws {
        let whole = try XCTUnwrap(StdBase64.decode(try ReleasePayload.encode(sampleRelease())))
        guard case .gzip? = decodeError(StdBase64.encode(Array(whole.prefix(whole.count / 2)))) else { return XCTFail() }
    }

    func testBadJSONIsATypedError() {
        guard case .json? = decodeError(StdBase64.encode(Array("{not json".utf8))) else { return XCTFail() }
        guard case .json? = decodeError(StdBase64.encode(Array("[1]".utf8))) else { return XCTFail() }
    }

    func testAPayloadShorterThanTheGzipMagicIsATypedError() {
        // Go's decodeRelease slices b[0:3] and would panic here.
        guard case .json? = decodeError(StdBase64.encode([0x1F])) else { return XCTFail() }
        guard case .json? = decodeError("") else { return XCTFail() }
    }

    func testAFieldOfTheWrongTypeIsNamedWithoutQuotingValues() {
        let json = #"{"name":"x","config":{"password":"hunter2"},"info":{"status":7}}"#
        let error = decodeError(StdBase64.encode(Array(json.utf8)))
        XCTAssertEqual(error, .field(path: "info.status", expected: "a string", found: "a number"))
        XCTAssertFalse("\(error!)".contains("hunter2"))
    }

    func testABadTimeIsATypedError() {
        let json = #"{"info":{"last_deployed":"yesterday"}}"#
        XCTAssertEqual(
            decodeError(StdBase64.encode(Array(json.utf8))),
            .field(path: "info.last_deployed", expected: "an RFC 3339 time", found: "\"yesterday\""))
    }
}
