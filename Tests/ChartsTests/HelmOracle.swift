import Foundation
import XCTest

/// Real Helm (helm-python-sdk in the repository's `.venv`, made by `hack/setup`), run at
/// test time so expectations come from Helm itself.
enum HelmOracle {
    /// Tests/ChartsTests/HelmOracle.swift → repository root.
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var python: URL { repoRoot.appendingPathComponent(".venv/bin/python") }

    static var fixtures: URL { repoRoot.appendingPathComponent("Tests/Fixtures") }

    /// Runs `script` with `input` on stdin and decodes its stdout as JSON.
    static func json(_ script: String, input: Any = [String: Any]()) throws -> Any {
        let p = Process()
        p.executableURL = python
        p.arguments = ["-c", script]
        let stdin = Pipe()
        let stdout = Pipe()
        p.standardInput = stdin
        p.standardOutput = stdout
        p.standardError = FileHandle.nullDevice
        try p.run()
        stdin.fileHandleForWriting.write(try JSONSerialization.data(withJSONObject: input))
        try stdin.fileHandleForWriting.close()
        let data = stdout.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw NSError(domain: "HelmOracle", code: Int(p.terminationStatus),
                          userInfo: [NSLocalizedDescriptionKey: "oracle script failed: \(script.prefix(200))"])
        }
        return try JSONSerialization.jsonObject(with: data)
    }

    /// A fresh temporary folder, removed when the test ends.
    static func temporaryFolder(_ test: XCTestCase) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("rudder-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }
}
