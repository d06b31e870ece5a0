import Foundation
import XCTest
import Values
@testable import Charts

/// Packaging charts as Helm's `chartutil.Save` lays them out, checked against real
/// Helm (helm_python's `package`, `Chart.load` and `render`).
final class ChartSaverTests: XCTestCase {
    private static let corpus = ConformanceFolder.url.appendingPathComponent("charts")
    /// A spread of corpus charts: folder subcharts, Chart.lock, values.schema.json,
    /// apiVersion v1 with requirements.yaml/.lock, crds/, a library dependency.
    private static let sample = [
        "alertmanager", "bitnami-nginx", "helm-frobnitz", "helm-issue-7233", "aws-vpc-cni", "helm-lib-dep",
        "kube-prometheus-stack",
    ]

    private func chartFolder(_ id: String) -> String { Self.corpus.appendingPathComponent("\(id)/chart").path }

    private func packageSample(into dir: URL) throws -> [String: String] {
        var archives: [String: String] = [:]
        for id in Self.sample {
            archives[id] = try ChartPackager(destination: dir.path).package(chartFolder(id))
        }
        return archives
    }

    func testPackagedCorpusChartsLoadInHelmAsTheirFoldersDo() throws {
        let dir = try HelmPython.temporaryFolder(self)
        let archives = try packageSample(into: dir)
        let pairs = Self.sample.flatMap { [chartFolder($0), archives[$0]!] }
        // For each (folder, archive): Helm's view of both — metadata, values, schema,
        // templates, files, subcharts (recursively) and the default render.
        let report = try HelmPython.run(
            """
            import sys, json, helm_python as h
            def meta(md):
                # Save writes an apiVersion v1 chart's Chart.yaml without dependencies
                # (requirements.yaml, when there is one, brings them back on load).
                md = dict(md)
                if md.get("apiVersion") == "v1":
                    md.pop("dependencies", None)
                return md
            def view(c):
                return {"metadata": meta(c.metadata), "values": c.values, "schema": c.schema,
                        "templates": sorted((t["name"], t["data"]) for t in c.templates),
                        "files": sorted((f["name"], f["data"]) for f in c.files),
                        "deps": sorted(json.dumps(meta(d), sort_keys=True, default=str) for d in c.dependencies)}
            def stable(a, b):
                # Charts that generate certificates or passwords render differently each time.
                return {k for k in a if a[k] == b.get(k)}
            out = {}
            args = sys.argv[1:]
            for folder, archive in zip(args[::2], args[1::2]):
                a, b = h.Chart.load(folder), h.Chart.load(archive)
                same = json.dumps(view(a), sort_keys=True, default=str) == json.dumps(view(b), sort_keys=True, default=str)
                ra, ra2 = a.render(name="rel", namespace="ns"), a.render(name="rel", namespace="ns")
                rb = b.render(name="rel", namespace="ns")
                keys = stable(ra, ra2)
                render = set(ra) == set(rb) and all(ra[k] == rb[k] for k in keys)
                out[folder] = {"same": same, "render": render, "stable": len(keys)}
            print(json.dumps(out))
            """, pairs)
        let results = try JSON.decodeObject(report)
        XCTAssertEqual(results.count, Self.sample.count)
        for id in Self.sample {
            let r = results[chartFolder(id)]?.mapValue
            XCTAssertEqual(r?["same"], .bool(true), "\(id): Helm loads the archive differently from the folder")
            XCTAssertEqual(r?["render"], .bool(true), "\(id): Helm renders the archive differently")
            XCTAssertGreaterThan(r?["stable"].flatMap { if case .float(let f) = $0 { return Int(f) } else { return nil } } ?? 0, 0, id)
        }
    }

    func testPackagedChartHoldsTheFilesHelmsPackageHolds() throws {
        let dir = try HelmPython.temporaryFolder(self)
        let ours = try packageSample(into: dir.appendingPathComponent("ours"))
        try HelmPython.package(Self.sample.map(chartFolder), into: dir.appendingPathComponent("helm"))
        for id in Self.sample {
            let archive = try XCTUnwrap(ours[id])
            let helms = dir.appendingPathComponent("helm").appendingPathComponent(URL(fileURLWithPath: archive).lastPathComponent)
            let a = try ArchiveChartFiles.load(Array(Data(contentsOf: URL(fileURLWithPath: archive))), name: id)
            let b = try ArchiveChartFiles.load(Array(Data(contentsOf: helms)), name: id)
            // Helm orders subcharts by Go map iteration (random); within a chart the order is fixed.
            XCTAssertEqual(a.map(\.name).sorted(), b.map(\.name).sorted(), id)
            XCTAssertEqual(
                Dictionary(uniqueKeysWithValues: a.map { ($0.name, $0.data) }),
                Dictionary(uniqueKeysWithValues: b.map { ($0.name, $0.data) }), id)
            // Within a chart the order is fixed; only sibling subcharts can come in another order.
            if !["kube-prometheus-stack", "helm-frobnitz"].contains(id) { XCTAssertEqual(a.map(\.name), b.map(\.name), id) }
        }
    }

    func testPackagedChartRendersInRudderAsTheFolderDoes() throws {
        let dir = try HelmPython.temporaryFolder(self)
        let archives = try packageSample(into: dir)
        let renderer = ChartRenderer(options: RenderOptions(release: ReleaseInfo(name: "rel", namespace: "ns")))
        for id in Self.sample {
            let folder = try ChartLoader.load(path: chartFolder(id))
            let archive = try ChartLoader.load(path: archives[id]!)
            // Helm's Save drops what chart.Metadata cannot carry back: an apiVersion v1
            // chart's Chart.yaml dependencies (requirements.yaml holds them) and `engine`.
            var expected = folder.metadata
            expected.engine = ""
            if expected.apiVersion == "v1" && !folder.files.contains(where: { $0.name == "requirements.yaml" }) {
                expected.dependencies = []
            }
            XCTAssertEqual(archive.metadata.dependencies, expected.dependencies, id)
            XCTAssertEqual(archive.metadata.maintainers, expected.maintainers, id)
            XCTAssertEqual(archive.metadata.annotations, expected.annotations, id)
            XCTAssertEqual(archive.metadata, expected, id)
            XCTAssertEqual(archive.templates, folder.templates, id)
            XCTAssertEqual(archive.rawValues, folder.rawValues, id)
            let first = try renderer.render(folder, values: [:])
            let again = try renderer.render(folder, values: [:])
            let packaged = try renderer.render(archive, values: [:])
            XCTAssertEqual(Set(packaged.keys), Set(first.keys), id)
            // Charts that generate certificates or passwords render differently each time.
            let stable = first.keys.filter { first[$0] == again[$0] }
            XCTAssertFalse(stable.isEmpty, id)
            let differing = stable.filter { packaged[$0] != first[$0] }.sorted()
            XCTAssertEqual(differing, [], id)
        }
    }

    func testPackagingTwiceGivesIdenticalBytes() throws {
        let dir = try HelmPython.temporaryFolder(self)
        let first = try Data(contentsOf: URL(fileURLWithPath: ChartPackager(destination: dir.appendingPathComponent("a").path).package(chartFolder("bitnami-nginx"))))
        let second = try Data(contentsOf: URL(fileURLWithPath: ChartPackager(destination: dir.appendingPathComponent("b").path).package(chartFolder("bitnami-nginx"))))
        XCTAssertEqual(first, second)
        XCTAssertGreaterThan(first.count, 10_000)
    }

    func testSourceDateEpochSetsEveryEntryTime() throws {
        XCTAssertEqual(try ChartSaver.modificationTime(environment: [:]), 315_532_800)
        XCTAssertEqual(try ChartSaver.modificationTime(environment: ["SOURCE_DATE_EPOCH": "1700000000"]), 1_700_000_000)
        XCTAssertThrowsError(try ChartSaver.modificationTime(environment: ["SOURCE_DATE_EPOCH": "yesterday"])) {
            XCTAssertEqual("\($0)", #"SOURCE_DATE_EPOCH must be a non-negative whole number of seconds, not "yesterday""#)
        }
        let chart = try ChartLoader.load(path: chartFolder("alertmanager"))
        let a = try ChartSaver(modificationTime: 1_700_000_000).archive(chart)
        let b = try ChartSaver().archive(chart)
        XCTAssertNotEqual(a, b)
        let listing = try HelmPython.run(
            "import sys, tarfile; print(sorted({m.mtime for m in tarfile.open(sys.argv[1]).getmembers()}))",
            [try writeTemp(a)])
        XCTAssertEqual(listing, "[1700000000]\n")
    }

    private func writeTemp(_ bytes: [UInt8]) throws -> String {
        let dir = try HelmPython.temporaryFolder(self)
        let url = dir.appendingPathComponent("chart.tgz")
        try Data(bytes).write(to: url)
        return url.path
    }

    func testChartYAMLIsReserialisedAsHelmWritesIt() throws {
        let chart = try ChartLoader.load(path: chartFolder("alertmanager"))
        let yaml = ChartSaver.chartYAML(chart.metadata)
        XCTAssertTrue(yaml.hasPrefix("annotations:\n  artifacthub.io/license: Apache-2.0\n"))
        // sigs.k8s.io/yaml folds long strings at 80 columns, as in Helm's package.
        XCTAssertTrue(
            yaml.contains(
                "description: The Alertmanager handles alerts sent by client applications such as the\n  Prometheus server.\n"))
        XCTAssertTrue(yaml.contains("kubeVersion: '>=1.25.0-0'\n"))
    }

    func testApiVersionV1ChartKeepsDependenciesOutOfChartYAML() throws {
        let chart = try ChartLoader.load(path: chartFolder("helm-issue-7233"))
        XCTAssertEqual(chart.metadata.apiVersion, "v1")
        XCTAssertFalse(chart.metadata.dependencies.isEmpty)
        XCTAssertFalse(ChartSaver.chartYAML(chart.metadata).contains("dependencies"))
        let names = try ChartSaver().archiveEntries(chart).map(\.name)
        XCTAssertTrue(names.contains("\(chart.name)/requirements.yaml"))
        XCTAssertFalse(names.contains("\(chart.name)/Chart.lock"))
    }

    func testSaveDirectoryWritesAFolderThatLoadsBackTheSame() throws {
        let dir = try HelmPython.temporaryFolder(self)
        let chart = try ChartLoader.load(path: chartFolder("bitnami-nginx"))
        try ChartSaver().saveDirectory(chart, to: dir.path)
        let back = try ChartLoader.load(path: dir.appendingPathComponent("nginx").path)
        XCTAssertEqual(back.metadata, chart.metadata)
        XCTAssertEqual(back.templates, chart.templates)
        XCTAssertEqual(back.files.map(\.name), chart.files.map(\.name))
        XCTAssertEqual(back.dependencies.map(\.name), ["common"])
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("nginx/charts/common-2.31.10.tgz").path))
    }

    // MARK: refusals

    func testFolderWithoutChartYAMLIsRefused() throws {
        let dir = try HelmPython.temporaryFolder(self)
        try "a: 1\n".write(to: dir.appendingPathComponent("values.yaml"), atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ChartPackager(destination: dir.path).package(dir.path)) {
            XCTAssertEqual("\($0)", "Chart.yaml file is missing")
        }
    }

    func testMissingPathIsRefusedAsHelmsStatError() {
        XCTAssertThrowsError(try ChartPackager().package("/nonexistent/chart")) {
            XCTAssertEqual("\($0)", "stat /nonexistent/chart: no such file or directory")
        }
    }

    private func minimalChart(_ dir: URL, _ chartYAML: String = "apiVersion: v2\nname: ok\nversion: 0.1.0\n") throws -> String {
        let chart = dir.appendingPathComponent("ok")
        try FileManager.default.createDirectory(at: chart, withIntermediateDirectories: true)
        try chartYAML.write(to: chart.appendingPathComponent("Chart.yaml"), atomically: true, encoding: .utf8)
        return chart.path
    }

    func testVersionOverrideMustBeSemver() throws {
        let dir = try HelmPython.temporaryFolder(self)
        let chart = try minimalChart(dir)
        XCTAssertThrowsError(try ChartPackager(destination: dir.path, version: "one").package(chart)) {
            XCTAssertEqual("\($0)", "invalid semantic version")
        }
        let path = try ChartPackager(destination: dir.path, version: "v1.2", appVersion: "9").package(chart)
        XCTAssertTrue(path.hasSuffix("/ok-v1.2.tgz"))
        let loaded = try ChartLoader.load(path: path)
        XCTAssertEqual(loaded.metadata.version, "v1.2")
        XCTAssertEqual(loaded.metadata.appVersion, "9")
    }

    func testInvalidChartVersionIsRefusedByTheLoader() throws {
        let dir = try HelmPython.temporaryFolder(self)
        let chart = try minimalChart(dir, "apiVersion: v2\nname: ok\nversion: latest\n")
        XCTAssertThrowsError(try ChartPackager(destination: dir.path).package(chart)) {
            XCTAssertEqual("\($0)", #"validation: chart.metadata.version "latest" is invalid"#)
        }
    }

    func testDependencyMissingFromChartsFolderIsRefused() throws {
        let dir = try HelmPython.temporaryFolder(self)
        let chart = try minimalChart(
            dir, "apiVersion: v2\nname: ok\nversion: 0.1.0\ndependencies:\n- name: common\n  repository: oci://x\n  version: 1.x\n")
        XCTAssertThrowsError(try ChartPackager(destination: dir.path).package(chart)) {
            XCTAssertEqual("\($0)", "found in Chart.yaml, but missing in charts/ directory: common")
        }
    }

    func testDestinationUnderAFileIsRefused() throws {
        let dir = try HelmPython.temporaryFolder(self)
        let chart = try minimalChart(dir)
        let file = dir.appendingPathComponent("afile")
        try "x".write(to: file, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ChartPackager(destination: file.path).package(chart)) {
            XCTAssertEqual("\($0)", "failed to save: is not a directory: \(file.path)")
        }
        let below = file.appendingPathComponent("x").path
        XCTAssertThrowsError(try ChartPackager(destination: below).package(chart)) {
            XCTAssertEqual("\($0)", "failed to save: stat \(below): stat \(below): not a directory")
        }
    }

    func testInvalidSchemaJSONIsRefused() throws {
        let dir = try HelmPython.temporaryFolder(self)
        let chart = try minimalChart(dir)
        try "{bad".write(toFile: chart + "/values.schema.json", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ChartPackager(destination: dir.path).package(chart)) {
            XCTAssertEqual("\($0)", "failed to save: invalid JSON in values.schema.json")
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("ok-0.1.0.tgz").path))
    }
}
