import Foundation
import XCTest

/// A test acting as a user of the shared `EndToEndCluster`: kubectl for everything, Helm
/// (helm-python-sdk) to read what Helm sees. Each test works in a fresh namespace of its
/// own, so tests never see each other's releases.
class EndToEndTestCase: XCTestCase {
    var cluster: EndToEndCluster!
    var namespace = ""

    override func setUpWithError() throws {
        continueAfterFailure = false
        cluster = try EndToEndCluster.shared.get()
        if cluster.controller?.isRunning != true { try cluster.startController() }
        // "-[Class testName]" on Darwin, "Class.testName" here: the method name, made a DNS label.
        let method = name.components(separatedBy: CharacterSet(charactersIn: " .[]")).last { !$0.isEmpty } ?? "test"
        namespace = "e2e-" + String(method.dropFirst(4).lowercased().filter { $0.isLetter || $0.isNumber }.prefix(55))
        try kubectl("create", "namespace", namespace)
    }

    // MARK: kubectl

    /// Runs kubectl in the test's namespace, asserting success; returns stdout.
    @discardableResult
    func kubectl(_ arguments: String..., stdin: String? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let run = try cluster.kubectl(["-n", namespace] + arguments, stdin: stdin)
        guard run.succeeded else {
            XCTFail(run.transcript + "\ncontroller log:\n" + cluster.controllerLog.suffix(3000), file: file, line: line)
            throw EndToEndFailure(run.transcript)
        }
        return run.stdout
    }

    /// Runs kubectl in the test's namespace and returns the outcome, successful or not.
    func tryKubectl(_ arguments: String..., stdin: String? = nil) throws -> ToolRun {
        try cluster.kubectl(["-n", namespace] + arguments, stdin: stdin)
    }

    /// `kubectl apply -f -` of a YAML document (or several).
    func apply(_ yaml: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try kubectl("apply", "-f", "-", stdin: yaml, file: file, line: line)
    }

    /// `kubectl get -o json`, parsed.
    func get(_ arguments: String..., file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        let run = try cluster.kubectl(["-n", namespace, "get"] + arguments + ["-o", "json"])
        guard run.succeeded, let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any] else {
            XCTFail(run.transcript, file: file, line: line)
            throw EndToEndFailure(run.transcript)
        }
        return object
    }

    /// Whether `kubectl get` finds the object (a NotFound answer is false; anything else fails).
    func exists(_ arguments: String..., file: StaticString = #filePath, line: UInt = #line) throws -> Bool {
        let run = try cluster.kubectl(["-n", namespace, "get"] + arguments + ["-o", "name"])
        if run.succeeded { return true }
        XCTAssertTrue(run.stderr.contains("NotFound"), run.transcript, file: file, line: line)
        return false
    }

    /// The names of the release's Helm records, `revision → status label`.
    func releaseRecords(_ release: String) throws -> [Int: String] {
        let list = try get("secrets", "-l", "owner=helm,name=\(release)")
        var records: [Int: String] = [:]
        for item in list["items"] as? [[String: Any]] ?? [] {
            XCTAssertEqual(item["type"] as? String, "helm.sh/release.v1")
            let version = Int(value(item, "metadata", "labels", "version") as? String ?? "") ?? -1
            records[version] = value(item, "metadata", "labels", "status") as? String
        }
        return records
    }

    // MARK: HelmReleases

    /// A HelmRelease manifest for chart `web` from the HTTP repository; `spec` is extra
    /// YAML, indented under `spec:`.
    func helmRelease(_ name: String, version: String = "0.1.0", chart: String = "web", spec: String = "") -> String {
        """
        apiVersion: helm.rudder.dev/v1
        kind: HelmRelease
        metadata:
          name: \(name)
          namespace: \(namespace)
        spec:
          chart:
            repository: \(cluster.chartRepository)
            name: \(chart)
            version: "\(version)"
        \(spec.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n"))

        """
    }

    /// Waits with `kubectl wait` until the HelmRelease's newest revision is `revision`,
    /// deployed, and Ready for the current generation (kubectl checks the condition's
    /// `observedGeneration`, so a Ready left from an older spec does not count); returns the
    /// HelmRelease.
    @discardableResult
    func waitForRevision(_ name: String, _ revision: Int, file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        try kubectl("wait", "--for=jsonpath={.status.history[0].revision}=\(revision)", "hr/\(name)", "--timeout=60s", file: file, line: line)
        try kubectl("wait", "--for=jsonpath={.status.history[0].status}=deployed", "hr/\(name)", "--timeout=60s", file: file, line: line)
        try kubectl("wait", "--for=condition=Ready", "hr/\(name)", "--timeout=60s", file: file, line: line)
        return try get("hr", name, file: file, line: line)
    }

    // MARK: Helm

    /// Runs a helm-python-sdk snippet (see `EndToEndCluster.helm`) in the test's namespace
    /// and returns the JSON it assigned to `out`.
    func helm(_ body: String, file: StaticString = #filePath, line: UInt = #line) throws -> Any {
        let run = try cluster.helm(namespace: namespace, body)
        guard run.succeeded else {
            XCTFail(run.transcript, file: file, line: line)
            throw EndToEndFailure(run.transcript)
        }
        return try JSONSerialization.jsonObject(with: Data(run.stdout.utf8), options: [.fragmentsAllowed])
    }

    /// Helm's stored manifest of one revision (`helm get manifest --revision`).
    func helmManifest(_ release: String, revision: Int, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let status = try helm("out = c.status(\(pythonString(release)), revision=\(revision))", file: file, line: line)
        return value(status, "manifest") as? String ?? ""
    }

    func pythonString(_ text: String) -> String {
        // A JSON string is a Python string literal, once `/` is left unescaped.
        let data = try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])
        return String(decoding: data ?? Data("[\"\"]".utf8), as: UTF8.self).dropFirst().dropLast().description
    }
}
