import EmbeddedAPIServer
import Foundation
import KubeClient
import KubeObjects
import XCTest

/// An embedded API server on a free loopback port, for one test.
struct TestCluster: Sendable {
    let server: APIServer
    let port: Int
    let serving: Task<Void, any Error>

    var material: TLSMaterial? { server.configuration.tls }
    var url: String { "\(material == nil ? "http" : "https")://127.0.0.1:\(port)" }

    /// TLS with the material's CA and administrator certificate, unless told otherwise.
    func configuration(clientCertificate: Bool = true) -> TransportConfiguration {
        var configuration = TransportConfiguration(server: url)
        if let material {
            configuration.certificateAuthorityPEM = Array(material.authority.certificatePEM.utf8)
            if clientCertificate {
                configuration.clientCertificate = ClientCertificate(
                    certificatePEM: Array(material.client.certificatePEM.utf8), privateKeyPEM: Array(material.client.privateKeyPEM.utf8))
            }
        }
        return configuration
    }

    func createConfigMap(_ name: String, labels: [String: String] = [:], data: String = "") async throws {
        let rules = await server.cluster.rules(group: "", version: "v1", plural: "configmaps")!
        var metadata: [String: JSONValue] = ["name": .string(name)]
        if !labels.isEmpty { metadata["labels"] = .object(labels.mapValues { .string($0) }) }
        _ = try await server.cluster.create(
            rules, namespace: "default",
            object: ["apiVersion": "v1", "kind": "ConfigMap", "metadata": .object(metadata), "data": ["payload": .string(data)]],
            options: WriteOptions())
    }

    /// Open watches on the server (its own controllers hold some).
    var watcherCount: Int { get async { await server.cluster.store.watcherCount } }
}

class TransportTestCase: XCTestCase {
    func startCluster(_ configure: (inout APIServer.Configuration) throws -> Void = { _ in }) async throws -> TestCluster {
        var configuration = APIServer.Configuration()
        configuration.port = 0
        configuration.workloadSimulator = nil
        try configure(&configuration)
        let server = APIServer(configuration: configuration)
        let (ports, portInput) = AsyncStream<Int>.makeStream()
        let serving = Task {
            // Ends the port stream when the server stops, so a server that fails to start
            // fails the test instead of leaving it waiting for a port forever.
            defer { portInput.finish() }
            try await server.run { portInput.yield($0) }
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else {
            serving.cancel()
            throw CancellationError()
        }
        addTeardownBlock { serving.cancel() }
        return TestCluster(server: server, port: port, serving: serving)
    }

    /// Polls `condition` until it holds, for at most `timeout`; true if it did.
    func eventually(timeout: Duration = .seconds(20), _ condition: () async -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return await condition()
    }

    func text(_ response: TransportResponse) -> String { String(decoding: response.body, as: UTF8.self) }
}

/// Reads a streamed body as text, chunk by chunk.
struct StreamReader {
    var iterator: AsyncThrowingStream<[UInt8], Error>.AsyncIterator
    private(set) var text = ""

    init(_ body: AsyncThrowingStream<[UInt8], Error>) {
        iterator = body.makeAsyncIterator()
    }

    /// Reads until the text read so far contains `needle`; false if the stream ended first.
    mutating func read(until needle: String) async throws -> Bool {
        while !text.contains(needle) {
            guard let chunk = try await iterator.next() else { return false }
            text += String(decoding: chunk, as: UTF8.self)
        }
        return true
    }
}
