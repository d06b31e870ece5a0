import Foundation
import Synchronization

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
        let exit = ExitSignal()
        process.terminationHandler = { _ in exit.fire() }
        do {
            try process.run()
        } catch {
            throw .launchFailed(command: command, reason: (error as NSError).localizedDescription)
        }
        let handle = ProcessHandle(process)
        return await withTaskCancellationHandler {
            async let stdout = Self.readToEnd(stdoutPipe.fileHandleForReading)
            async let stderr = Self.readToEnd(stderrPipe.fileHandleForReading)
            // Not cancellable on purpose: a cancelled run still waits for the terminated
            // plugin to exit, so it is reaped and its status is readable.
            await exit.wait()
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
/// is safe to signal from any thread; it is just not declared `Sendable`.
private final class ProcessHandle: @unchecked Sendable {
    private let process: Process

    init(_ process: Process) {
        self.process = process
    }

    /// SIGKILL, not `Process.terminate()`'s SIGTERM: the plugin inherits the signal mask of
    /// the cooperative-pool thread that spawned it, which blocks SIGTERM, so SIGTERM would
    /// never arrive. A credential plugin has nothing to clean up that a kill would break.
    func terminate() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}

/// Process exit as an await: fired once by Foundation's termination handler (on its own
/// thread), awaited once by `run()`, in either order. The mutex guards only this hand-over.
private final class ExitSignal: Sendable {
    private enum State {
        case running
        case waiting(CheckedContinuation<Void, Never>)
        case exited
    }

    private let state = Mutex(State.running)

    func fire() {
        let waiter: CheckedContinuation<Void, Never>? = state.withLock { state in
            defer { state = .exited }
            if case .waiting(let continuation) = state { return continuation }
            return nil
        }
        waiter?.resume()
    }

    func wait() async {
        await withCheckedContinuation { continuation in
            let exited = state.withLock { state in
                if case .exited = state { return true }
                state = .waiting(continuation)
                return false
            }
            if exited { continuation.resume() }
        }
    }
}
