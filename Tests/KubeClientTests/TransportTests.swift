import EmbeddedAPIServer
import Foundation
import KubeClient
import KubeObjects
import XCTest

/// `HTTPTransport` against an in-process `APIServer`: plain HTTP, TLS with certificates and
/// tokens from memory, streamed watches, cancellation, refused connections, concurrency.
final class TransportTests: TransportTestCase {
    private let watchConfigMaps = TransportRequest(path: "/api/v1/namespaces/default/configmaps", query: [("watch", "1")])

    func testPlainHTTPGetVersion() async throws {
        let cluster = try await startCluster()
        let transport = try HTTPTransport(configuration: cluster.configuration())
        let response = try await transport.send(TransportRequest(path: "/version"))
        XCTAssertEqual(response.status, 200)
        XCTAssertEqual(response.head.httpVersion, "1.1")
        XCTAssertTrue(text(response).contains("\"gitVersion\""), text(response))
    }

    func testTLSWithCAAndClientCertificateFromMemory() async throws {
        let cluster = try await startCluster { $0.tls = try TLSMaterial.generate() }
        let transport = try HTTPTransport(configuration: cluster.configuration())
        let response = try await transport.send(TransportRequest(path: "/api/v1/namespaces"))
        XCTAssertEqual(response.status, 200, text(response))
        XCTAssertTrue(text(response).contains("\"kube-system\""))
    }

    func testTLSWithoutCredentialsIsAnsweredUnauthorized() async throws {
        let cluster = try await startCluster { $0.tls = try TLSMaterial.generate() }
        let transport = try HTTPTransport(configuration: cluster.configuration(clientCertificate: false))
        let response = try await transport.send(TransportRequest(path: "/api/v1/namespaces"))
        XCTAssertEqual(response.status, 401)
    }

    func testAnUntrustedServerCertificateIsATLSError() async throws {
        let cluster = try await startCluster { $0.tls = try TLSMaterial.generate() }
        var configuration = cluster.configuration()
        configuration.certificateAuthorityPEM = Array(try TLSMaterial.generate().authority.certificatePEM.utf8)
        let transport = try HTTPTransport(configuration: configuration)
        do {
            _ = try await transport.send(TransportRequest(path: "/version"))
            XCTFail("a server certificate from another CA was accepted")
        } catch {
            XCTAssertEqual(error.kind, .tls, "\(error)")
            XCTAssertEqual(error.url, cluster.url + "/version")
        }
    }

    func testInsecureSkipTLSVerifyAcceptsAnUntrustedServer() async throws {
        let cluster = try await startCluster { $0.tls = try TLSMaterial.generate() }
        var configuration = cluster.configuration()
        configuration.certificateAuthorityPEM = Array(try TLSMaterial.generate().authority.certificatePEM.utf8)
        configuration.insecureSkipTLSVerify = true
        let transport = try HTTPTransport(configuration: configuration)
        let response = try await transport.send(TransportRequest(path: "/api/v1/namespaces"))
        XCTAssertEqual(response.status, 200)
    }

    func testTLSServerNameIsWhatTheCertificateIsCheckedAgainst() async throws {
        let cluster = try await startCluster { $0.tls = try TLSMaterial.generate(hosts: ["api.rudder.test"]) }
        var configuration = cluster.configuration()
        let withoutName = try HTTPTransport(configuration: configuration)
        do {
            _ = try await withoutName.send(TransportRequest(path: "/version"))
            XCTFail("a certificate for api.rudder.test was accepted for 127.0.0.1")
        } catch {
            XCTAssertEqual(error.kind, .tls, "\(error)")
        }
        configuration.tlsServerName = "api.rudder.test"
        let response = try await HTTPTransport(configuration: configuration).send(TransportRequest(path: "/api/v1/namespaces"))
        XCTAssertEqual(response.status, 200, text(response))
    }

    func testBearerTokenOverTLS() async throws {
        let cluster = try await startCluster {
            $0.tls = try TLSMaterial.generate()
            $0.bearerTokens = ["static-token-1"]
        }
        var configuration = cluster.configuration(clientCertificate: false)
        configuration.credentials = .bearerToken(Sensitive("static-token-1"))
        let response = try await HTTPTransport(configuration: configuration).send(TransportRequest(path: "/api/v1/namespaces"))
        XCTAssertEqual(response.status, 200, text(response))
    }

    func testARotatedTokenFileIsUsedByTheNextRequest() async throws {
        let cluster = try await startCluster {
            $0.tls = try TLSMaterial.generate()
            $0.bearerTokens = ["rotated-token"]
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("rudder-token-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("token").path
        try "expired-token\n".write(toFile: path, atomically: true, encoding: .utf8)
        var configuration = cluster.configuration(clientCertificate: false)
        configuration.credentials = .tokenFile(BearerTokenFile(path: path))
        let transport = try HTTPTransport(configuration: configuration)
        let request = TransportRequest(path: "/api/v1/namespaces")

        let before = try await transport.send(request)
        XCTAssertEqual(before.status, 401, "the token in the file is not one the server accepts")
        // Atomic replacement, as the kubelet swaps projected token files.
        try "rotated-token\n".write(toFile: path, atomically: true, encoding: .utf8)
        let after = try await transport.send(request)
        XCTAssertEqual(after.status, 200, text(after))
    }

    func testAMissingTokenFileIsACredentialsErrorNamingThePath() async throws {
        let cluster = try await startCluster { $0.tls = try TLSMaterial.generate() }
        var configuration = cluster.configuration(clientCertificate: false)
        configuration.credentials = .tokenFile(BearerTokenFile(path: "/nonexistent/rudder/token"))
        do {
            _ = try await HTTPTransport(configuration: configuration).send(TransportRequest(path: "/version"))
            XCTFail("a request went out without its token")
        } catch {
            XCTAssertEqual(error.kind, .credentials)
            XCTAssertTrue(error.message.contains("/nonexistent/rudder/token"), error.message)
        }
    }

    func testPostSendsTheBody() async throws {
        let cluster = try await startCluster()
        let transport = try HTTPTransport(configuration: cluster.configuration())
        let object = #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"posted"},"data":{"k":"v"}}"#
        let created = try await transport.send(
            TransportRequest(
                method: .post, path: "/api/v1/namespaces/default/configmaps", headers: ["Content-Type": "application/json"],
                body: Array(object.utf8)))
        XCTAssertEqual(created.status, 201, text(created))
        let read = try await transport.send(TransportRequest(path: "/api/v1/namespaces/default/configmaps/posted"))
        XCTAssertEqual(read.status, 200)
        XCTAssertTrue(text(read).contains(#""k":"v""#), text(read))
    }

    func testQueryParametersArePercentEncoded() async throws {
        let cluster = try await startCluster()
        try await cluster.createConfigMap("web-config", labels: ["app": "web"])
        try await cluster.createConfigMap("db-config", labels: ["app": "db"])
        let transport = try HTTPTransport(configuration: cluster.configuration())
        let response = try await transport.send(
            TransportRequest(path: "/api/v1/namespaces/default/configmaps", query: [("labelSelector", "app in (web, api)")]))
        XCTAssertEqual(response.status, 200, text(response))
        XCTAssertTrue(text(response).contains("web-config"))
        XCTAssertFalse(text(response).contains("db-config"))
    }

    func testAWatchStreamDeliversEventsBeforeItEnds() async throws {
        let cluster = try await startCluster()
        let transport = try HTTPTransport(configuration: cluster.configuration())
        let (head, body) = try await transport.stream(watchConfigMaps)
        XCTAssertEqual(head.status, 200)
        var reader = StreamReader(body)
        try await cluster.createConfigMap("first")
        let sawFirst = try await reader.read(until: #""name":"first""#)
        XCTAssertTrue(sawFirst, "the stream ended before the first event")
        XCTAssertFalse(reader.text.contains(#""name":"second""#))
        try await cluster.createConfigMap("second")
        let sawSecond = try await reader.read(until: #""name":"second""#)
        XCTAssertTrue(sawSecond, "the stream ended before the second event")
    }

    func testALaggingStreamReaderStillGetsEveryEventInOrder() async throws {
        let cluster = try await startCluster()
        var configuration = cluster.configuration()
        configuration.streamBufferBytes = 256  // smaller than one event: the transfer pauses
        let transport = try HTTPTransport(configuration: configuration)
        let (_, body) = try await transport.stream(watchConfigMaps)
        let names = (0..<40).map { "lagging-\($0)" }
        for name in names { try await cluster.createConfigMap(name, data: String(repeating: "x", count: 300)) }
        var reader = StreamReader(body)
        let sawLast = try await reader.read(until: #""name":"lagging-39""#)
        XCTAssertTrue(sawLast)
        let positions = names.map { reader.text.range(of: "\"name\":\"\($0)\"")?.lowerBound }
        XCTAssertFalse(positions.contains(nil), "an event went missing")
        XCTAssertEqual(positions.compactMap { $0 }, positions.compactMap { $0 }.sorted(), "events out of order")
    }

    func testCancellingAStreamReaderFreesTheServerWatch() async throws {
        let cluster = try await startCluster()
        let transport = try HTTPTransport(configuration: cluster.configuration())
        let baseline = await cluster.watcherCount
        let request = watchConfigMaps
        let reading = Task {
            let (_, body) = try await transport.stream(request)
            for try await _ in body {}
        }
        let watching = await eventually { await cluster.watcherCount > baseline }
        XCTAssertTrue(watching, "the watch never reached the server")
        reading.cancel()
        do {
            try await reading.value
            XCTFail("a cancelled watch ended normally")
        } catch let error as TransportError {
            XCTAssertEqual(error.kind, .cancelled)
        }
        let freed = await eventually { await cluster.watcherCount == baseline }
        XCTAssertTrue(freed, "the server still holds the cancelled watch")
    }

    func testDroppingAnUnreadStreamFreesTheServerWatch() async throws {
        let cluster = try await startCluster()
        let transport = try HTTPTransport(configuration: cluster.configuration())
        let baseline = await cluster.watcherCount
        do {
            let (head, _) = try await transport.stream(watchConfigMaps)
            XCTAssertEqual(head.status, 200)
            let watching = await eventually { await cluster.watcherCount > baseline }
            XCTAssertTrue(watching)
        }
        let freed = await eventually { await cluster.watcherCount == baseline }
        XCTAssertTrue(freed, "the server still holds the dropped watch")
    }

    func testCancellingASendEndsItAsCancelled() async throws {
        let cluster = try await startCluster()
        let transport = try HTTPTransport(configuration: cluster.configuration())
        let baseline = await cluster.watcherCount
        let request = watchConfigMaps
        let sending = Task { try await transport.send(request) }
        let watching = await eventually { await cluster.watcherCount > baseline }
        XCTAssertTrue(watching)
        sending.cancel()
        do {
            _ = try await sending.value
            XCTFail("a cancelled send returned an answer")
        } catch let error as TransportError {
            XCTAssertEqual(error.kind, .cancelled)
        }
    }

    func testARequestTimeoutEndsAnAnswerThatNeverFinishes() async throws {
        let cluster = try await startCluster()
        let transport = try HTTPTransport(configuration: cluster.configuration())
        var request = watchConfigMaps
        request.timeout = .milliseconds(300)
        do {
            _ = try await transport.send(request)
            XCTFail("a watch answered as a whole")
        } catch {
            XCTAssertEqual(error.kind, .timeout, "\(error)")
            XCTAssertEqual(error.method, "GET")
            XCTAssertFalse(error.url.contains("watch"), "the query stays out of errors: \(error.url)")
        }
    }

    func testAnOutageIsAConnectionRefusedError() async throws {
        let cluster = try await startCluster()
        var configuration = cluster.configuration()
        // A connection accepted just as the listener closes may never be answered; a short
        // limit lets the loop go on to the refused connections this test is about.
        configuration.requestTimeout = .seconds(2)
        let transport = try HTTPTransport(configuration: configuration)
        await cluster.server.faults.refuseConnections(for: .seconds(3))
        var seen: TransportError?
        for _ in 0..<300 {
            do {
                _ = try await transport.send(TransportRequest(path: "/version"))
            } catch {
                seen = error
                if error.kind == .connectionRefused { break }
            }
            try await Task.sleep(for: .milliseconds(10))  // the listener may not have closed yet
        }
        XCTAssertEqual(seen?.kind, .connectionRefused, "\(String(describing: seen))")
    }

    func testTwoHundredConcurrentRequestsAllSucceed() async throws {
        let cluster = try await startCluster()
        let transport = try HTTPTransport(configuration: cluster.configuration())
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<200 {
                group.addTask { try await transport.send(TransportRequest(path: "/api/v1/namespaces/default/configmaps")).status }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        XCTAssertEqual(statuses.count, 200)
        XCTAssertEqual(Set(statuses), [200])
    }
}
