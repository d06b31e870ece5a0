import Foundation

/// Runs an exec credential plugin to completion: stdin is /dev/null (never a terminal),
/// stdout and stderr are collected whole. The blocking pipe reads happen on Dispatch's
/// threads, not the cooperative pool; both pipes are drained while the plugin runs, so a
/// chatty plugin cannot fill a pipe and deadlock. Cancelling the calling task terminates it.
struct ExecProcess {
    struct Output {
        var status: Int32
        var terminatedBySignal: Bool
        var stdout: Data
        var stderr: Data
    }

    /// At most this much stderr is kept for error messages.
    static let stderrLimit = 4096

    let executable: String
    let arguments: [String]
    let environment: [String: String]
    /// The command as the kubeconfig names it, for errors.
    let command: String

    func run() async throws(ExecCredentialError) -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let stdoutPipe = Pipe()
        let stderrPipe = Pipe()
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        let (exits, exited) = AsyncStream<Void>.makeStream()
        process.terminationHandler = { _ in
            exited.yield()
            exited.finish()
        }
        do {
            try process.run()
        } catch {
            throw .launchFailed(command: command, reason: (error as NSError).localizedDescription)
        }
        let handle = ProcessHandle(process)
        return await withTaskCancellationHandler {
            async let stdout = Self.readToEnd(stdoutPipe.fileHandleForReading)
            async let stderr = Self.readToEnd(stderrPipe.fileHandleForReading)
            for await _ in exits {}
            return Output(
                status: process.terminationStatus, terminatedBySignal: process.terminationReason == .uncaughtSignal,
                stdout: await stdout, stderr: await stderr)
        } onCancel: {
            handle.terminate()
        }
    }

    private static func readToEnd(_ handle: FileHandle) async -> Data {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(returning: handle.readDataToEndOfFile())
            }
        }
    }
}

/// Lets the cancellation handler, which may run on any thread, stop the plugin. `Process`
/// is thread-safe for `terminate()`; it is just not declared `Sendable`.
private final class ProcessHandle: @unchecked Sendable {
    private let process: Process

    init(_ process: Process) {
        self.process = process
    }

    func terminate() {
        if process.isRunning { process.terminate() }
    }
}
