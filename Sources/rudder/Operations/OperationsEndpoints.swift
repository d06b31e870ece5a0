import EmbeddedAPIServer
import Logging

/// The controller's HTTP endpoints (metrics, health), each on its own address, served by
/// the embedded API server's HTTP stack. `run` ends only when cancelled or when a server
/// fails (a port already in use), which it rethrows.
struct OperationsEndpoints: Sendable {
    struct Endpoint: Sendable {
        var name: String
        var address: ListenAddress
        var handler: any HTTPRequestHandler
    }

    var endpoints: [Endpoint]
    var logger: Logger

    /// `onBound` learns each endpoint's port once it listens (the real one for port 0).
    func run(onBound: @escaping @Sendable (String, Int) async -> Void = { _, _ in }) async throws {
        let logger = self.logger
        try await withThrowingTaskGroup(of: Void.self) { group in
            for endpoint in endpoints {
                group.addTask {
                    let server = HTTPServer(host: endpoint.address.host, port: endpoint.address.port, handler: endpoint.handler)
                    do {
                        try await server.run { port in
                            logger.info("serving \(endpoint.name)", metadata: ["address": "\(endpoint.address.host):\(port)"])
                            await onBound(endpoint.name, port)
                        }
                    } catch {
                        if Task.isCancelled { return }  // shutting down: however NIO says so
                        throw OperationsEndpointError(endpoint: endpoint.name, address: endpoint.address, underlying: "\(error)")
                    }
                }
            }
            try await group.waitForAll()
        }
    }
}

struct OperationsEndpointError: Error, CustomStringConvertible {
    var endpoint: String
    var address: ListenAddress
    var underlying: String

    var description: String { "cannot serve \(endpoint) on \(address): \(underlying)" }
}
