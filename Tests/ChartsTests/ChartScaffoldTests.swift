import Charts
import Foundation
import Values
import XCTest

/// `rudder create` against Helm v4.2.3's `helm create`: the same files, a chart Helm's
/// lint passes, and renders that agree with Helm's, both of Rudder's scaffold and of
/// Helm's own.
final class ChartScaffoldTests: XCTestCase {
    static var valueSets: [[String: Any]] { [
        [:],
        ["ingress": ["enabled": true], "autoscaling": ["enabled": true]],
        ["httpRoute": ["enabled": true]],
        ["ingress": ["enabled": true, "className": "nginx", "tls": [["secretName": "s", "hosts": ["a"]]]],
         "autoscaling": ["enabled": true, "targetMemoryUtilizationPercentage": 70]],
        ["service": ["type": "LoadBalancer"], "serviceAccount": ["create": false]],
    ] }

    /// Helm's scaffold for `name` in `dir`, its lint of `chart`, and its renders of both.
    static let script = """
        import helm_python, json, sys, os
        req = json.load(sys.stdin)
        helm_python.Chart.create(req['name'], req['dir'])
        helm_dir = os.path.join(req['dir'], req['name'])
        files = sorted(os.path.relpath(os.path.join(r, f), helm_dir) for r, _, fs in os.walk(helm_dir) for f in fs)
        lint = helm_python.lint(req['chart'])
        renders = {}
        for key, path in [('rudder', req['chart']), ('helm', helm_dir)]:
            c = helm_python.Chart.load(path)
            renders[key] = [c.render(v, name='rel', namespace='ns') for v in req['values']]
        print(json.dumps({'files': files, 'lint': lint, 'renders': renders, 'helmDir': helm_dir}))
        """

    func testScaffoldMatchesHelmCreate() throws {
        let root = try HelmOracle.temporaryFolder(self)
        let (chartDir, warnings) = try ChartScaffold.create(name: "demo", in: root.appendingPathComponent("").path)
        XCTAssertEqual(warnings, [])
        let helmParent = root.appendingPathComponent("helm")
        try FileManager.default.createDirectory(at: helmParent, withIntermediateDirectories: true)
        let answer = try XCTUnwrap(
            try HelmOracle.json(
                Self.script,
                input: ["name": "demo", "dir": helmParent.path, "chart": chartDir, "values": Self.valueSets])
                as? [String: Any])

        // The same files.
        let ours = try FileManager.default.subpathsOfDirectory(atPath: chartDir).filter { p in
            var isDir: ObjCBool = false
            FileManager.default.fileExists(atPath: chartDir + "/" + p, isDirectory: &isDir)
            return !isDir.boolValue
        }.sorted()
        XCTAssertEqual(ours, answer["files"] as? [String])
        XCTAssertTrue(FileManager.default.fileExists(atPath: chartDir + "/charts"))

        // Helm's lint finds nothing but the missing icon.
        let lint = try XCTUnwrap(answer["lint"] as? [String: Any])
        XCTAssertEqual((lint["errors"] as? [Any])?.count, 0)
        XCTAssertEqual((lint["messages"] as? [[String: Any]])?.map { $0["error"] as? String }, ["icon is recommended"])

        // Rudder renders both scaffolds as Helm does, and the objects match Helm's scaffold.
        let renders = try XCTUnwrap(answer["renders"] as? [String: [[String: String]]])
        let helmDir = try XCTUnwrap(answer["helmDir"] as? String)
        for (i, values) in Self.valueSets.enumerated() {
            let user = try XCTUnwrap(try JSON.decode(String(decoding: try JSONSerialization.data(withJSONObject: values), as: UTF8.self)).mapValue)
            let renderer = ChartRenderer(options: RenderOptions(release: ReleaseInfo(name: "rel", namespace: "ns")))
            XCTAssertEqual(try renderer.render(try ChartLoader.load(path: chartDir), values: user), renders["rudder"]?[i], "\(values)")
            XCTAssertEqual(try renderer.render(try ChartLoader.load(path: helmDir), values: user), renders["helm"]?[i], "\(values)")
            let objects = { (r: [String: String]?) in (r ?? [:]).filter { !$0.key.hasSuffix("NOTES.txt") } }
            XCTAssertEqual(objects(renders["rudder"]?[i]), objects(renders["helm"]?[i]), "\(values)")
        }
    }

    func testChartYamlNamesTheChart() {
        let chartYAML = ChartScaffold.files(name: "web").first { $0.name == "Chart.yaml" }
        XCTAssertTrue(String(decoding: chartYAML?.data ?? [], as: UTF8.self).contains("\nname: web\n"))
        XCTAssertFalse(ChartScaffold.files(name: "web").contains { String(decoding: $0.data, as: UTF8.self).contains("<CHARTNAME>") })
    }

    func testNamesOutsideHelmsAlphabetAreRefused() {
        XCTAssertThrowsError(try ChartScaffold.validateName("bad name")) { e in
            XCTAssertEqual("\(e)", #"chart name must match the regular expression "^[a-zA-Z0-9._-]+$""#)
        }
        XCTAssertThrowsError(try ChartScaffold.validateName(String(repeating: "a", count: 251))) { e in
            XCTAssertEqual("\(e)", "chart name must be between 1 and 250 characters")
        }
        XCTAssertNoThrow(try ChartScaffold.validateName("My_chart.v2"))
    }

    func testAnExistingFileInTheWayIsRefused() throws {
        let root = try HelmOracle.temporaryFolder(self)
        try Data().write(to: root.appendingPathComponent("taken"))
        XCTAssertThrowsError(try ChartScaffold.create(name: "taken", in: root.path)) { e in
            XCTAssertEqual("\(e)", "file \(root.path)/taken already exists and is not a directory")
        }
    }

    func testCreatingOverAnExistingChartWarnsForEachFile() throws {
        let root = try HelmOracle.temporaryFolder(self)
        _ = try ChartScaffold.create(name: "again", in: root.path)
        let (_, warnings) = try ChartScaffold.create(name: "again", in: root.path)
        XCTAssertEqual(warnings.count, ChartScaffold.files(name: "again").count)
        XCTAssertEqual(warnings.first, "WARNING: File \"\(root.path)/again/Chart.yaml\" already exists. Overwriting.")
    }

    func testStarterCopiesFilesAndReplacesTheNameLikeHelm() throws {
        let root = try HelmOracle.temporaryFolder(self)
        let starter = root.appendingPathComponent("starter")
        try FileManager.default.createDirectory(at: starter.appendingPathComponent("templates"), withIntermediateDirectories: true)
        try "apiVersion: v2\nname: starter\nversion: 9.9.9\n".write(to: starter.appendingPathComponent("Chart.yaml"), atomically: true, encoding: .utf8)
        try "# for <CHARTNAME>\nname: <CHARTNAME>\n".write(to: starter.appendingPathComponent("values.yaml"), atomically: true, encoding: .utf8)
        try "name: {{ .Values.name }}-<CHARTNAME>\n".write(to: starter.appendingPathComponent("templates/cm.yaml"), atomically: true, encoding: .utf8)
        try "About <CHARTNAME>\n".write(to: starter.appendingPathComponent("README.md"), atomically: true, encoding: .utf8)
        let helmOut = root.appendingPathComponent("helm")
        let ourOut = root.appendingPathComponent("ours")
        try FileManager.default.createDirectory(at: helmOut, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: ourOut, withIntermediateDirectories: true)
        _ = try HelmOracle.json(
            "import helm_python, json, sys; r = json.load(sys.stdin); helm_python.Chart.create_from('newc', r['d'], r['s']); print('{}')",
            input: ["d": helmOut.path, "s": starter.path])
        let dir = try ChartScaffold.create(name: "newc", in: ourOut.path, starter: starter.path)
        for file in ["values.yaml", "templates/cm.yaml", "README.md"] {
            XCTAssertEqual(
                try String(contentsOfFile: dir + "/" + file, encoding: .utf8),
                try String(contentsOf: helmOut.appendingPathComponent("newc/" + file), encoding: .utf8), file)
        }
        // The Helm CLI also sets description and type (helm-python-sdk's wrapper does not).
        XCTAssertEqual(
            try String(contentsOfFile: dir + "/Chart.yaml", encoding: .utf8),
            "apiVersion: v2\nappVersion: 0.1.0\ndescription: A Helm chart for Kubernetes\nname: newc\ntype: application\nversion: 0.1.0\n")
    }
}
