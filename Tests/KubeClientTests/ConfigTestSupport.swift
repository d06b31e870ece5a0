import Foundation
import KubeClient
import Synchronization
import XCTest

/// A scratch folder for kubeconfigs, certificates, token files and plugin scripts.
struct ScratchDirectory: Sendable {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("rudder-kubeconfig-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { path + "/" + name }

    @discardableResult
    func write(_ name: String, _ text: String, executable: Bool = false) throws -> String {
        let target = file(name)
        try FileManager.default.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: target, atomically: true, encoding: .utf8)
        if executable { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: target) }
        return target
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// An environment with nothing but HOME (here) and PATH, and a service-account folder
    /// that does not exist unless a test makes it.
    func environment(_ extra: [String: String] = [:], now: @escaping @Sendable () -> Date = { Date() }) -> ConfigEnvironment {
        var variables = ["HOME": file("home"), "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
        variables.merge(extra) { _, new in new }
        return ConfigEnvironment(variables: variables, serviceAccountDirectory: file("serviceaccount"), now: now)
    }
}

/// A clock tests move by hand.
final class ManualClock: Sendable {
    private let current: Mutex<Date>

    init(_ start: Date) { current = Mutex(start) }

    var now: Date { current.withLock { $0 } }

    func advance(by seconds: TimeInterval) { current.withLock { $0 += seconds } }

    var function: @Sendable () -> Date { { self.now } }
}

func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }

/// A minimal one-context kubeconfig.
func simpleKubeconfig(
    name: String, server: String, token: String? = nil, namespace: String? = nil, currentContext: Bool = true
) -> String {
    var lines = [
        "apiVersion: v1", "kind: Config",
        "clusters:", "- name: \(name)", "  cluster:", "    server: \(server)",
        "users:", "- name: \(name)", "  user:",
    ]
    lines.append(token.map { "    token: \($0)" } ?? "    username: nobody")
    lines += ["contexts:", "- name: \(name)", "  context:", "    cluster: \(name)", "    user: \(name)"]
    if let namespace { lines.append("    namespace: \(namespace)") }
    if currentContext { lines.append("current-context: \(name)") }
    return lines.joined(separator: "\n") + "\n"
}

extension XCTestCase {
    /// The error of type `E` that `body` throws, failing the test when it throws nothing or
    /// something else.
    func thrownError<E: Error>(
        _ type: E.Type, file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> Void
    ) -> E? {
        do {
            try body()
            XCTFail("expected an error", file: file, line: line)
        } catch let error as E {
            return error
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
        }
        return nil
    }
}
