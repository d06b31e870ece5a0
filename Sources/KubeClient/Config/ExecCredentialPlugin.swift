import Foundation
import KubeObjects

/// A user's exec credential plugin, run as client-go runs it: the command with its args,
/// the caller's environment plus the stanza's `env` plus `KUBERNETES_EXEC_INFO`, stdin not
/// a terminal. Its credential is cached until `expirationTimestamp` (or, without one, until
/// `invalidate()` after a 401); concurrent callers share one run of the plugin, and
/// cancelling a caller terminates the plugin.
public actor ExecCredentialPlugin {
    public nonisolated let command: String
    private let configuration: ExecPluginConfiguration
    private let cluster: JSONValue?
    private let environment: [String: String]
    private let now: @Sendable () -> Date
    private var cached: ExecCredentialStatus?
    private var inFlight: Task<ExecCredentialStatus, any Error>?

    /// `cluster` is the `spec.cluster` object sent when `provideClusterInfo` is set;
    /// `environment` is the base environment the plugin runs with.
    public init(
        configuration: ExecPluginConfiguration, cluster: JSONValue? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.command = configuration.command
        self.configuration = configuration
        self.cluster = configuration.provideClusterInfo ? cluster : nil
        self.environment = environment
        self.now = now
    }

    /// The cached credential while it is unexpired, else a fresh one from the plugin.
    public func credential() async throws(ExecCredentialError) -> ExecCredentialStatus {
        if let cached, !isExpired(cached) { return cached }
        let task: Task<ExecCredentialStatus, any Error>
        if let inFlight {
            task = inFlight
        } else {
            let run = Self.runner(configuration: configuration, cluster: cluster, environment: environment)
            task = Task { try await run() }
            inFlight = task
        }
        do {
            // The run is shared, so a cancelled caller cancels it for every waiter; that
            // stops the plugin instead of leaving it (and the caller) hanging.
            let status = try await withTaskCancellationHandler {
                try await task.value
            } onCancel: {
                task.cancel()
            }
            if inFlight == task {
                inFlight = nil
                cached = status
            }
            return status
        } catch {
            if inFlight == task { inFlight = nil }
            throw error as? ExecCredentialError ?? .cancelled(command: command)
        }
    }

    /// Forgets the cached credential: the next request runs the plugin again.
    public func invalidate() {
        cached = nil
    }

    private func isExpired(_ status: ExecCredentialStatus) -> Bool {
        guard let expiry = status.expirationTimestamp else { return false }
        return now() >= expiry
    }

    /// One run of the plugin, with everything it needs captured as values.
    private static func runner(
        configuration: ExecPluginConfiguration, cluster: JSONValue?, environment: [String: String]
    ) -> @Sendable () async throws(ExecCredentialError) -> ExecCredentialStatus {
        { () async throws(ExecCredentialError) -> ExecCredentialStatus in
            let command = configuration.command
            guard configuration.apiVersion == ExecPluginConfiguration.v1
                || configuration.apiVersion == ExecPluginConfiguration.v1beta1
            else { throw .unsupportedAPIVersion(command: command, apiVersion: configuration.apiVersion) }
            if configuration.interactiveMode == .always { throw .interactiveUnavailable(command: command) }
            var variables = environment
            for variable in configuration.env { variables[variable.name] = variable.value }
            variables["KUBERNETES_EXEC_INFO"] = ExecCredentialCodec.request(
                apiVersion: configuration.apiVersion, cluster: cluster)
            guard let executable = Self.executable(command, path: variables["PATH"]) else {
                throw .notFound(command: command, installHint: configuration.installHint)
            }
            let output = try await ExecProcess(
                executable: executable, arguments: configuration.args, environment: variables, command: command
            ).run()
            if Task.isCancelled { throw .cancelled(command: command) }
            let stderr = String(decoding: output.stderr.prefix(ExecProcess.stderrLimit), as: UTF8.self)
            if output.terminatedBySignal {
                throw .terminated(command: command, signal: output.status, stderr: stderr)
            }
            guard output.status == 0 else { throw .failed(command: command, exitCode: output.status, stderr: stderr) }
            return try ExecCredentialCodec.status(from: output.stdout, apiVersion: configuration.apiVersion, command: command)
        }
    }

    /// A command with a `/` is a path; a bare name is looked up in PATH, as Go's `exec.LookPath`.
    static func executable(_ command: String, path: String?) -> String? {
        if command.contains("/") {
            return FileManager.default.isExecutableFile(atPath: command) ? command : nil
        }
        for folder in (path ?? "").split(separator: ":", omittingEmptySubsequences: true) {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent(command).path
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isDirectory), !isDirectory.boolValue,
                FileManager.default.isExecutableFile(atPath: candidate)
            {
                return candidate
            }
        }
        return nil
    }
}
