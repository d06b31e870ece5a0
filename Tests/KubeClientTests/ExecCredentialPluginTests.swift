import Foundation
import KubeClient
import KubeObjects
import XCTest

/// Exec credential plugins, run for real: each test writes a small shell script.
final class ExecCredentialPluginTests: XCTestCase {
    var dir: ScratchDirectory!

    override func setUpWithError() throws {
        dir = try ScratchDirectory()
    }

    override func tearDown() { dir.remove() }

    /// A plugin that counts its runs in `runs`, saves its request in `exec-info`, and prints
    /// a token numbered by the run, expiring at `expiry`.
    func tokenPlugin(apiVersion: String = ExecPluginConfiguration.v1, expiry: String = "2030-01-01T00:00:00Z") throws -> String {
        try dir.write("plugin.sh", """
            #!/bin/sh
            echo run >> "\(dir.file("runs"))"
            printf '%s' "$KUBERNETES_EXEC_INFO" > "\(dir.file("exec-info"))"
            printf '%s' "$PLUGIN_ARGS_ENV $*" > "\(dir.file("seen"))"
            n=$(wc -l < "\(dir.file("runs"))" | tr -d ' ')
            printf '{"apiVersion":"\(apiVersion)","kind":"ExecCredential","status":{"token":"exec-token-%s","expirationTimestamp":"\(expiry)"}}' "$n"
            """, executable: true)
    }

    func runs() -> Int {
        ((try? String(contentsOfFile: dir.file("runs"), encoding: .utf8)) ?? "").split(separator: "\n").count
    }

    func plugin(
        _ command: String, apiVersion: String = ExecPluginConfiguration.v1, mode: ExecPluginConfiguration.InteractiveMode = .never,
        provideClusterInfo: Bool = false, clock: ManualClock = ManualClock(Date(timeIntervalSince1970: 1_800_000_000))
    ) -> ExecCredentialPlugin {
        ExecCredentialPlugin(
            configuration: ExecPluginConfiguration(
                apiVersion: apiVersion, command: command, args: ["get-token", "--region", "eu"],
                env: [.init(name: "PLUGIN_ARGS_ENV", value: "from-env")], interactiveMode: mode,
                provideClusterInfo: provideClusterInfo),
            cluster: .object(["server": .string("https://c.example")]),
            environment: dir.environment().variables, now: clock.function)
    }

    func testTokenAndExpiryAreReturned() async throws {
        let status = try await plugin(try tokenPlugin()).credential()
        XCTAssertEqual(status.token?.value, "exec-token-1")
        XCTAssertEqual(status.expirationTimestamp, Date(timeIntervalSince1970: 1_893_456_000))
    }

    func testArgsAndEnvReachThePlugin() async throws {
        _ = try await plugin(try tokenPlugin()).credential()
        XCTAssertEqual(try String(contentsOfFile: dir.file("seen"), encoding: .utf8), "from-env get-token --region eu")
    }

    func testExecInfoIsNonInteractiveAndCarriesTheClusterWhenAsked() async throws {
        _ = try await plugin(try tokenPlugin(), provideClusterInfo: true).credential()
        let info = try JSONValue.parse(try String(contentsOfFile: dir.file("exec-info"), encoding: .utf8))
        XCTAssertEqual(info, .object([
            "apiVersion": .string(ExecPluginConfiguration.v1), "kind": .string("ExecCredential"),
            "spec": .object(["interactive": .bool(false), "cluster": .object(["server": .string("https://c.example")])]),
        ]))
    }

    func testClusterIsLeftOutUnlessProvideClusterInfo() async throws {
        _ = try await plugin(try tokenPlugin()).credential()
        let info = try JSONValue.parse(try String(contentsOfFile: dir.file("exec-info"), encoding: .utf8))
        XCTAssertNil(info["spec"]?["cluster"])
    }

    func testCredentialIsCachedUntilExpiry() async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_893_455_000))  // 1000 s before expiry
        let plugin = plugin(try tokenPlugin(), clock: clock)
        let first = try await plugin.credential()
        clock.advance(by: 999)
        let second = try await plugin.credential()
        XCTAssertEqual(first.token?.value, "exec-token-1")
        XCTAssertEqual(second.token?.value, "exec-token-1")
        XCTAssertEqual(runs(), 1)
    }

    func testExpiredCredentialRunsThePluginAgain() async throws {
        let clock = ManualClock(Date(timeIntervalSince1970: 1_893_455_000))
        let plugin = plugin(try tokenPlugin(), clock: clock)
        _ = try await plugin.credential()
        clock.advance(by: 1000)
        let renewed = try await plugin.credential()
        XCTAssertEqual(renewed.token?.value, "exec-token-2")
        XCTAssertEqual(runs(), 2)
    }

    func testInvalidateAfterA401RunsThePluginAgain() async throws {
        let plugin = plugin(try tokenPlugin())
        let source = CredentialSource.exec(plugin)
        _ = try await source.credential()
        await source.invalidate()
        let renewed = try await source.credential()
        XCTAssertEqual(renewed, .bearerToken(Sensitive("exec-token-2")))
    }

    func testConcurrentCallersShareOneRun() async throws {
        let plugin = plugin(try tokenPlugin())
        async let a = plugin.credential()
        async let b = plugin.credential()
        async let c = plugin.credential()
        let tokens = try await [a, b, c].map { $0.token?.value }
        XCTAssertEqual(tokens, ["exec-token-1", "exec-token-1", "exec-token-1"])
        XCTAssertEqual(runs(), 1)
    }

    func testV1beta1IsSupported() async throws {
        let status = try await plugin(try tokenPlugin(apiVersion: ExecPluginConfiguration.v1beta1), apiVersion: ExecPluginConfiguration.v1beta1)
            .credential()
        XCTAssertEqual(status.token?.value, "exec-token-1")
    }

    func testClientCertificateAndKeyAreReturned() async throws {
        let script = try dir.write("cert.sh", """
            #!/bin/sh
            printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"clientCertificateData":"CERT PEM","clientKeyData":"KEY PEM"}}'
            """, executable: true)
        let credential = try await CredentialSource.exec(plugin(script)).credential()
        XCTAssertEqual(credential, .clientCertificate(ClientCertificate(certificatePEM: Data("CERT PEM".utf8), privateKeyPEM: Data("KEY PEM".utf8))))
    }

    func testFailureCarriesTheCommandAndStderr() async throws {
        let script = try dir.write("fail.sh", """
            #!/bin/sh
            printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"leaked-TOKEN"}}'
            echo "error: SSO session expired, run 'aws sso login'" >&2
            exit 3
            """, executable: true)
        do {
            _ = try await plugin(script).credential()
            XCTFail("expected a failure")
        } catch {
            XCTAssertEqual(error, .failed(command: script, exitCode: 3, stderr: "error: SSO session expired, run 'aws sso login'\n"))
            XCTAssertTrue(error.description.contains("SSO session expired"), error.description)
            XCTAssertFalse(error.description.contains("TOKEN"), error.description)
        }
    }

    func testMalformedOutputNeverQuotesStdout() async throws {
        let script = try dir.write("bad.sh", "#!/bin/sh\nprintf 'token=leaked-TOKEN'\n", executable: true)
        do {
            _ = try await plugin(script).credential()
            XCTFail("expected a failure")
        } catch {
            XCTAssertEqual(error, .malformedOutput(command: script, reason: "stdout is not a JSON object"))
            XCTAssertFalse(error.description.contains("TOKEN"))
        }
    }

    func testAPIVersionMismatchIsRejected() async throws {
        let script = try tokenPlugin(apiVersion: ExecPluginConfiguration.v1beta1)
        do {
            _ = try await plugin(script).credential()
            XCTFail("expected a failure")
        } catch {
            XCTAssertEqual(error, .apiVersionMismatch(
                command: dir.file("plugin.sh"), expected: ExecPluginConfiguration.v1, returned: ExecPluginConfiguration.v1beta1))
        }
    }

    func testStatusWithoutCredentialIsRejected() async throws {
        let script = try dir.write("empty.sh", """
            #!/bin/sh
            printf '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{}}'
            """, executable: true)
        do {
            _ = try await plugin(script).credential()
            XCTFail("expected a failure")
        } catch {
            XCTAssertEqual(error, .noCredential(command: script))
        }
    }

    func testMissingCommandIsNotFound() async throws {
        do {
            _ = try await plugin("rudder-no-such-credential-plugin").credential()
            XCTFail("expected a failure")
        } catch {
            XCTAssertEqual(error, .notFound(command: "rudder-no-such-credential-plugin", installHint: nil))
        }
    }

    func testAlwaysInteractiveIsRefusedWithoutATerminal() async throws {
        let script = try tokenPlugin()
        do {
            _ = try await plugin(script, mode: .always).credential()
            XCTFail("expected a failure")
        } catch {
            XCTAssertEqual(error, .interactiveUnavailable(command: dir.file("plugin.sh")))
        }
        XCTAssertEqual(runs(), 0)
    }

    func testCancellingTheCallerTerminatesAHangingPlugin() async throws {
        let script = try dir.write("hang.sh", "#!/bin/sh\nexec sleep 600\n", executable: true)
        let plugin = plugin(script)
        let call = Task { try await plugin.credential() }
        call.cancel()
        do {
            _ = try await call.value
            XCTFail("expected a failure")
        } catch {
            XCTAssertEqual(error as? ExecCredentialError, .cancelled(command: script))
        }
    }

    func testKubeconfigExecUserResolvesToAPlugin() async throws {
        let script = try tokenPlugin()
        let file = try KubeconfigFile.parse("""
            clusters: [{name: c, cluster: {server: "https://c.example:6443", certificate-authority-data: \(base64("CA"))}}]
            users:
            - name: u
              user:
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: \(script)
                  interactiveMode: IfAvailable
                  provideClusterInfo: true
            contexts: [{name: c, context: {cluster: c, user: u}}]
            current-context: c
            """)
        let config = try ClientConfig.resolve(kubeconfig: file, environment: dir.environment())
        let credential = try await config.credentials.credential()
        XCTAssertEqual(credential, .bearerToken(Sensitive("exec-token-1")))
        let info = try JSONValue.parse(try String(contentsOfFile: dir.file("exec-info"), encoding: .utf8))
        XCTAssertEqual(info["spec"]?["cluster"], .object([
            "server": .string("https://c.example:6443"), "certificate-authority-data": .string(base64("CA")),
        ]))
    }
}
