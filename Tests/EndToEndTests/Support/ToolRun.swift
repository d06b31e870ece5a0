import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// What a finished command left behind.
struct ToolRun: Sendable {
    var command: String
    var status: Int32
    var stdout: String
    var stderr: String
    var timedOut: Bool

    var succeeded: Bool { status == 0 && !timedOut }

    /// Everything, for assertion messages.
    var transcript: String {
        "$ \(command)\nexit \(status)\(timedOut ? " (timed out)" : "")\nstdout:\n\(stdout)\nstderr:\n\(stderr)"
    }
}

/// A process started by a test, its output going to files (a chatty process cannot fill a
/// pipe and stall, and the output can be read while it runs: `rudder dev` announces its
/// kubeconfig that way). The tests are synchronous XCTest methods, so waiting here blocks
/// the test's own thread, never Swift's cooperative pool.
final class ToolProcess: @unchecked Sendable {
    // `process` is touched by the starting thread and Foundation's termination handler;
    // `exited` is the only state they share, and a semaphore orders it.
    let command: String
    private let process = Process()
    private let outputURL: URL
    private let errorURL: URL
    private let exited = DispatchSemaphore(value: 0)
    private var reaped = false

    init(_ executable: String, _ arguments: [String], environment: [String: String], in scratch: URL, stdin: String? = nil) throws {
        command = ([executable] + arguments).joined(separator: " ")
        let id = UUID().uuidString
        outputURL = scratch.appendingPathComponent("out-\(id)")
        errorURL = scratch.appendingPathComponent("err-\(id)")
        _ = FileManager.default.createFile(atPath: outputURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorURL.path, contents: nil)
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = try FileHandle(forWritingTo: outputURL)
        process.standardError = try FileHandle(forWritingTo: errorURL)
        if let stdin {
            let input = scratch.appendingPathComponent("in-\(id)")
            try Data(stdin.utf8).write(to: input)
            process.standardInput = try FileHandle(forReadingFrom: input)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        let exited = self.exited
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }
    var stdout: String { (try? String(contentsOf: outputURL, encoding: .utf8)) ?? "" }
    var stderr: String { (try? String(contentsOf: errorURL, encoding: .utf8)) ?? "" }

    /// Waits for the process to end; past `timeout` it is killed and reported as timed out.
    func finish(timeout: TimeInterval) -> ToolRun {
        var timedOut = false
        if !reaped, exited.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            kill(pid, SIGKILL)
            exited.wait()
        }
        reaped = true
        return ToolRun(command: command, status: process.terminationStatus, stdout: stdout, stderr: stderr, timedOut: timedOut)
    }

    /// Sends `signal` and waits for the process to end.
    func stop(_ signal: Int32 = SIGTERM) {
        guard !reaped else { return }
        if process.isRunning { kill(pid, signal) }
        if exited.wait(timeout: .now() + 10) == .timedOut {
            kill(pid, SIGKILL)
            exited.wait()
        }
        reaped = true
    }

    /// Polls stdout until `predicate` holds on it (true), the process ends, or `timeout`.
    func waitForOutput(timeout: TimeInterval, _ predicate: (String) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if predicate(stdout) { return true }
            if !process.isRunning { return predicate(stdout) }
            Thread.sleep(forTimeInterval: 0.05)
        }
        return predicate(stdout)
    }
}

/// Polls `condition` every 100 ms until it holds (true) or `timeout` passes (false), for
/// the few states kubectl cannot wait on (an object appearing with a label).
func eventually(timeout: TimeInterval, _ condition: () throws -> Bool) rethrows -> Bool {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try condition() { return true }
        Thread.sleep(forTimeInterval: 0.1)
    }
    return try condition()
}

/// Reads nested values out of `JSONSerialization` results: `value(object, "metadata", "uid")`.
func value(_ object: Any?, _ path: Any...) -> Any? {
    var current = object
    for step in path {
        switch step {
        case let key as String: current = (current as? [String: Any])?[key]
        case let index as Int:
            guard let array = current as? [Any], array.indices.contains(index) else { return nil }
            current = array[index]
        default: return nil
        }
    }
    return current
}

struct EndToEndFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
