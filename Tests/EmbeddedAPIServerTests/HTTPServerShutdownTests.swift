import EmbeddedAPIServer
import KubeObjects
import XCTest

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Shutting the server down while connections are arriving, waiting for a request, or
/// streaming a watch. SwiftNIO traps ("Deinited NIOAsyncWriter without calling finish()")
/// when an accepted connection's writer is dropped unfinished, so the assertion that
/// matters here is that the test process survives every round.
final class HTTPServerShutdownTests: XCTestCase {
    func testShuttingDownWithLiveConnectionsAndWatchesFinishesEveryConnection() async throws {
        for round in 0..<20 {
            var configuration = APIServer.Configuration()
            configuration.workloadSimulator = nil
            let server = APIServer(configuration: configuration)
            let (ports, portContinuation) = AsyncStream<Int>.makeStream()
            let running = Task {
                // Ends the port stream when the server stops, so a server that fails to start
                // fails the test instead of leaving it waiting for a port forever.
                defer { portContinuation.finish() }
                try await server.run { portContinuation.yield($0) }
            }
            var iterator = ports.makeAsyncIterator()
            let bound = await iterator.next()
            let port = try XCTUnwrap(bound, "round \(round): the server did not bind")
            let configmaps = await server.cluster.rules(group: "", version: "v1", plural: "configmaps")
            let rules = try XCTUnwrap(configmaps)

            var connections: [RawConnection] = []
            let watch = "GET /api/v1/namespaces/default/configmaps?watch=1 HTTP/1.1\r\nHost: localhost\r\n\r\n"
            for i in 0..<8 {
                let c = try XCTUnwrap(RawConnection(port: port), "round \(round): connect failed")
                c.send(watch)
                connections.append(c)
                _ = try await server.cluster.create(
                    rules, namespace: "default",
                    object: ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string("c\(i)")]], options: WriteOptions())
            }
            // Events keep flowing to the watches while the server goes down.
            let writer = Task {
                var n = 0
                while !Task.isCancelled {
                    n += 1
                    _ = try? await server.cluster.create(
                        rules, namespace: "default",
                        object: ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": .string("w\(n)")]],
                        options: WriteOptions())
                    await Task.yield()
                }
            }
            // Connections accepted (or still in the backlog) with a request half sent, with
            // a whole request in flight, or with nothing sent at all, right as the server stops.
            for i in 0..<48 {
                guard let c = RawConnection(port: port) else { continue }
                switch i % 3 {
                case 0: c.send("GET /api/v1/namespaces HTTP/1.1\r\nHost: loc")
                case 1: c.send(watch)
                default: break
                }
                connections.append(c)
            }
            running.cancel()
            _ = try? await running.value
            writer.cancel()
            _ = await writer.value
            XCTAssertNil(RawConnection(port: port), "round \(round): the listener is closed once run returns")
            connections.removeAll()
        }
    }
}

/// A plain TCP client socket to loopback. Connecting and a small send on loopback complete
/// at once (the kernel's backlog takes the connection before any accept), so these calls
/// do not hold up the test's thread.
final class RawConnection {
    private let fd: Int32

    init?(port: Int) {
        #if canImport(Glibc)
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard fd >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(fd)
            return nil
        }
        self.fd = fd
    }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        #if canImport(Glibc)
        _ = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        #else
        _ = bytes.withUnsafeBytes { Darwin.send(fd, $0.baseAddress, $0.count, 0) }
        #endif
    }

    deinit { close(fd) }
}
