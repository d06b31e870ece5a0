import Foundation
import XCTest
import Values
@testable import Charts

/// index.yaml as Helm v4 reads and writes it. Expected texts come from real Helm
/// (helm_python's `repo_index` / `repo_index_generate`), some recorded, some live.
final class RepoIndexTests: XCTestCase {
    private func decode(_ text: String, warnings: inout [String]) throws -> RepoIndex {
        var seen: [String] = []
        defer { warnings = seen }
        return try RepoIndex.decode(Array(text.utf8), source: "test") { seen.append($0) }
    }

    private func decodeError(_ text: String) -> String? {
        var w: [String] = []
        do {
            _ = try decode(text, warnings: &w)
            return nil
        } catch { return "\(error)" }
    }

    private static let corpus = ConformanceFolder.url.appendingPathComponent("charts")

    /// Drops the timestamps (`generated:`, `created:`), which differ run to run.
    private func withoutTimestamps(_ yaml: String) -> String {
        yaml.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix("created:") && !$0.hasPrefix("generated:") }
            .joined(separator: "\n")
    }

    // MARK: decoding errors (Helm's loadIndex)

    func testEmptyIndexIsRefused() {
        XCTAssertEqual(decodeError(""), "empty index.yaml file")
    }

    func testIndexWithoutAPIVersionIsRefused() {
        XCTAssertEqual(decodeError("entries: {}\n"), "no API version specified")
    }

    func testYAMLIndexWithUnknownTopLevelFieldIsRefused() {
        XCTAssertEqual(
            decodeError("apiVersion: v1\nfoo: 1\nentries: {}\n"),
            #"error unmarshaling JSON: while decoding JSON: json: unknown field "foo""#)
    }

    func testYAMLIndexWithUnknownEntryFieldIsRefused() {
        XCTAssertEqual(
            decodeError("apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    foo: 2\n"),
            #"error unmarshaling JSON: while decoding JSON: json: unknown field "foo""#)
    }

    func testYAMLNumberInAChartFieldIsATypeError() {
        XCTAssertEqual(
            decodeError("apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0\n    urls: [x]\n"),
            "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal number into Go struct field ChartVersion.entries.Metadata.version of type string"
        )
    }

    func testYAMLNumbersInIndexAndEntryOwnFieldsBecomeStrings() throws {
        var w: [String] = []
        let index = try decode(
            "apiVersion: 1\nannotations: {a: 1}\nentries:\n  a:\n  - {name: a, version: 1.0.0, digest: 123, urls: [1]}\n",
            warnings: &w)
        XCTAssertEqual(index.apiVersion, "1")
        XCTAssertEqual(index.annotations, ["a": "1"])
        XCTAssertEqual(index.entries["a"]?.first?.digest, "123")
        XCTAssertEqual(index.entries["a"]?.first?.urls, ["1"])
    }

    func testJSONIndexDoesNotCoerceNumbersToStrings() {
        XCTAssertEqual(
            decodeError(#"{"apiVersion":"v1","entries":{"a":[{"name":"a","version":1}]}}"#),
            "json: cannot unmarshal number into Go struct field ChartVersion.entries.Metadata.version of type string")
    }

    func testBadCreatedTimeIsRefusedWithGoTimeError() {
        XCTAssertEqual(
            decodeError("apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    created: yesterday\n"),
            #"error unmarshaling JSON: while decoding JSON: parsing time "yesterday" as "2006-01-02T15:04:05Z07:00": cannot parse "yesterday" as "2006""#
        )
    }

    func testQuotedBooleanInRemovedIsATypeError() {
        XCTAssertEqual(
            decodeError("apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    removed: 'true'\n"),
            "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go struct field ChartVersion.entries.removed of type bool"
        )
    }

    func testYAMLOneOneBooleanInADependencyRepositoryIsATypeError() {
        let text = "apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    dependencies:\n    - name: b\n      repository: y\n"
        XCTAssertEqual(
            decodeError(text),
            "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal bool into Go struct field Dependency.entries.Metadata.dependencies.repository of type string"
        )
    }

    func testIndexThatIsAListIsRefused() {
        XCTAssertEqual(
            decodeError("- a\n"),
            "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type repo.IndexFile")
    }

    func testBrokenYAMLReportsTheParserError() {
        XCTAssertEqual(
            decodeError("apiVersion: [\n"), "error converting YAML to JSON: yaml: line 1: did not find expected node content")
    }

    // MARK: what decoding keeps

    func testNullAndInvalidEntriesAreSkippedWithHelmsWarnings() throws {
        var warnings: [String] = []
        let index = try decode(
            "apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: nope\n  - name: a\n    version: 1.2.3\n  - null\n",
            warnings: &warnings)
        XCTAssertEqual(index.entries["a"]?.map(\.version), ["1.2.3"])
        XCTAssertEqual(index.entries["a"]?.first?.metadata.apiVersion, "v1")
        XCTAssertEqual(
            warnings,
            [
                #"skipping loading invalid entry for chart "a" from test: empty entry"#,
                #"skipping loading invalid entry for chart "a" "nope" from test: validation: chart.metadata.version "nope" is invalid"#,
            ])
    }

    func testDuplicateDependencyNamesAreTolerated() throws {
        var w: [String] = []
        let text = "apiVersion: v1\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    dependencies:\n    - {name: b, repository: x}\n    - {name: b, repository: z}\n"
        XCTAssertEqual(try decode(text, warnings: &w).entries["a"]?.count, 1)
        XCTAssertEqual(w, [])
    }

    func testJSONIndexIgnoresUnknownFieldsAndNormalisesTimes() throws {
        var w: [String] = []
        let index = try decode(
            #"{"apiVersion":"v1","entries":{"a":[{"name":"a","version":"1.0.0","foo":1,"created":"2020-01-01T00:00:00.000Z"}]}}"#,
            warnings: &w)
        XCTAssertEqual(index.entries["a"]?.first?.created, "2020-01-01T00:00:00Z")
        XCTAssertEqual(index.generated, "0001-01-01T00:00:00Z")
    }

    func testUnquotedYAMLTimestampsReadAsTimes() throws {
        var w: [String] = []
        let index = try decode(
            "apiVersion: v1\ngenerated: 2020-01-01T00:00:00.5+02:00\nentries:\n  a:\n  - name: a\n    version: 1.0.0\n    created: 2021-02-03T04:05:06Z\n",
            warnings: &w)
        XCTAssertEqual(index.generated, "2020-01-01T00:00:00.5+02:00")
        XCTAssertEqual(index.entries["a"]?.first?.created, "2021-02-03T04:05:06Z")
    }

    func testKeysMatchCaseInsensitivelyAsEncodingJSONDoes() throws {
        var w: [String] = []
        XCTAssertEqual(try decode("APIVERSION: v1\nentries: {}\n", warnings: &w).apiVersion, "v1")
    }

    func testDeprecatedFieldsAreKeptAndWrittenBack() throws {
        var w: [String] = []
        let index = try decode(
            "apiVersion: v1\nentries:\n  a:\n  - {name: a, version: 1.0.0, checksum: abc, engine: gotpl, tillerVersion: '>2', url: http://x, removed: true}\n",
            warnings: &w)
        let cv = try XCTUnwrap(index.entries["a"]?.first)
        XCTAssertTrue(cv.removed)
        XCTAssertEqual(cv.metadata.engine, "gotpl")
        XCTAssertEqual(cv.deprecatedFields, ["checksum": "abc", "tillerVersion": ">2", "url": "http://x"])
        XCTAssertTrue(index.encodedYAML().contains("    tillerVersion: '>2'\n"))
    }

    func testDecodedVersionsAreSortedNewestFirstBySemver() throws {
        var w: [String] = []
        let index = try decode(
            "apiVersion: v1\nentries:\n  a:\n  - {name: a, version: 1.0.0}\n  - {name: a, version: 2.0.0-rc1}\n  - {name: a, version: 1.10.0}\n  - {name: a, version: v1.2.0}\n",
            warnings: &w)
        XCTAssertEqual(index.entries["a"]?.map(\.version), ["2.0.0-rc1", "1.10.0", "v1.2.0", "1.0.0"])
    }

    // MARK: Get

    private func sampleIndex() -> RepoIndex {
        var index = RepoIndex.new(generated: RepoIndex.zeroTime)
        for v in ["1.0.0", "1.2.0", "2.0.0-beta.1", "1.10.3"] {
            var md = ChartMetadata()
            md.name = "web"
            md.version = v
            index.add(md, filename: "web-\(v).tgz", baseURL: "", digest: "d", created: RepoIndex.zeroTime)
        }
        index.sortEntries()
        return index
    }

    func testEmptyConstraintPicksTheNewestStableVersion() throws {
        XCTAssertEqual(try sampleIndex().version(of: "web", matching: nil).version, "1.10.3")
        XCTAssertEqual(try sampleIndex().version(of: "web", matching: "").version, "1.10.3")
    }

    func testRangeConstraintPicksTheNewestMatch() throws {
        XCTAssertEqual(try sampleIndex().version(of: "web", matching: ">=1.1 <1.5").version, "1.2.0")
        XCTAssertEqual(try sampleIndex().version(of: "web", matching: "^1.0.0").version, "1.10.3")
        XCTAssertEqual(try sampleIndex().version(of: "web", matching: ">=2.0.0-0").version, "2.0.0-beta.1")
    }

    func testExactVersionStringWinsEvenForAPrerelease() throws {
        XCTAssertEqual(try sampleIndex().version(of: "web", matching: "2.0.0-beta.1").version, "2.0.0-beta.1")
    }

    func testUnknownChartAndUnmatchedConstraintAreTypedErrors() {
        XCTAssertThrowsError(try sampleIndex().version(of: "db", matching: nil)) {
            XCTAssertEqual("\($0)", "no chart name found")
        }
        XCTAssertThrowsError(try sampleIndex().version(of: "web", matching: ">5")) {
            XCTAssertEqual("\($0)", "no chart version found for web->5")
        }
    }

    func testAddJoinsTheBaseURLWithTheFileName() throws {
        var index = RepoIndex.new()
        var md = ChartMetadata()
        md.apiVersion = ""
        md.name = "x"
        md.version = "1.0.0"
        try index.mustAdd(md, filename: "sub/x-1.0.0.tgz", baseURL: "https://h.example/charts/", digest: "", created: "c")
        XCTAssertEqual(index.entries["x"]?.first?.urls, ["https://h.example/charts/x-1.0.0.tgz"])
        XCTAssertEqual(index.entries["x"]?.first?.metadata.apiVersion, "v1")
    }

    func testMustAddRefusesAnInvalidChart() {
        var index = RepoIndex.new()
        var md = ChartMetadata()
        md.name = "x"
        md.version = "one"
        XCTAssertThrowsError(try index.mustAdd(md, filename: "x.tgz", baseURL: "", digest: "", created: "c")) {
            XCTAssertEqual("\($0)", #"validate failed for x.tgz: validation: chart.metadata.version "one" is invalid"#)
        }
    }

    func testDigestIsPlainSHA256Hex() {
        XCTAssertEqual(
            RepoIndex.digest(of: Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(
            RepoIndex.digest(of: Array(repeating: UInt8(ascii: "a"), count: 1000)),
            "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    // MARK: against real Helm

    private func packagedRepository() throws -> URL {
        let dir = try HelmPython.temporaryFolder(self)
        let sub = dir.appendingPathComponent("more")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        let charts = ["alertmanager", "bitnami-nginx", "helm-frobnitz", "external-secrets"]
            .map { Self.corpus.appendingPathComponent("\($0)/chart").path }
        try HelmPython.package(Array(charts.prefix(3)), into: dir)
        try HelmPython.package(Array(charts.suffix(1)), into: sub)
        return dir
    }

    func testIndexOfAFolderEqualsHelmsApartFromTimestamps() throws {
        let repo = try packagedRepository()
        var ours = try RepoIndex.indexDirectory(repo.path, baseURL: "https://charts.example.com/stable")
        ours.sortEntries()
        try HelmPython.run(
            "import sys, helm_python as h; h.repo_index_generate(sys.argv[1], base_url=sys.argv[2])",
            [repo.path, "https://charts.example.com/stable"])
        let helms = try String(contentsOf: repo.appendingPathComponent("index.yaml"), encoding: .utf8)
        XCTAssertEqual(withoutTimestamps(ours.encodedYAML()), withoutTimestamps(helms))
        XCTAssertTrue(helms.contains("https://charts.example.com/stable/more/"))
    }

    func testHelmReadsTheIndexWeWriteAndWeReadHelmsBack() throws {
        let repo = try packagedRepository()
        var ours = try RepoIndex.indexDirectory(repo.path, baseURL: "")
        ours.sortEntries()
        try RepoIndexFile.write(ours, to: repo.appendingPathComponent("index.yaml").path)
        let fetched = try JSON.decodeObject(try HelmPython.fetchIndex(servedFrom: repo))
        let entries = try XCTUnwrap(fetched["entries"]?.mapValue)
        XCTAssertEqual(entries.keys.sorted(), ours.entries.keys.sorted())
        for (name, versions) in ours.entries {
            let theirs = try XCTUnwrap(entries[name]?.listValue)
            XCTAssertEqual(theirs.count, versions.count)
            XCTAssertEqual(theirs.first?.mapValue?["digest"]?.stringValue, versions.first?.digest)
            XCTAssertEqual(theirs.first?.mapValue?["urls"]?.listValue?.first?.stringValue, versions.first?.urls.first)
        }
        // And our reader takes the file back unchanged.
        let back = try RepoIndexFile.load(repo.appendingPathComponent("index.yaml").path)
        XCTAssertEqual(back.encodedYAML(), ours.encodedYAML())
    }

    func testMergeKeepsVersionsTheFolderNoLongerHoldsAsHelmDoes() throws {
        let repo = try packagedRepository()
        let old = """
            apiVersion: v1
            entries:
              alertmanager:
              - apiVersion: v2
                created: "2020-01-01T00:00:00Z"
                digest: abc
                name: alertmanager
                urls:
                - https://old.example/alertmanager-0.1.0.tgz
                version: 0.1.0
              - apiVersion: v2
                created: "2020-01-01T00:00:00Z"
                digest: stale
                name: alertmanager
                urls:
                - https://old.example/alertmanager-1.42.0.tgz
                version: 1.42.0
            generated: "2020-01-01T00:00:00Z"

            """
        let mergePath = repo.deletingLastPathComponent().appendingPathComponent(repo.lastPathComponent + "-old.yaml")
        try old.write(to: mergePath, atomically: true, encoding: .utf8)
        addTeardownBlock { try? FileManager.default.removeItem(at: mergePath) }
        var ours = try RepoIndex.indexDirectory(repo.path, baseURL: "")
        ours.merge(try RepoIndexFile.load(mergePath.path))
        ours.sortEntries()
        try HelmPython.run(
            "import sys, helm_python as h; h.repo_index_generate(sys.argv[1], merge=sys.argv[2])",
            [repo.path, mergePath.path])
        let helms = try String(contentsOf: repo.appendingPathComponent("index.yaml"), encoding: .utf8)
        XCTAssertEqual(withoutTimestamps(ours.encodedYAML()), withoutTimestamps(helms))
        XCTAssertEqual(ours.entries["alertmanager"]?.map(\.version), ["1.42.0", "0.1.0"])
    }
}
