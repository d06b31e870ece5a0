import EmbeddedAPIServer
import Foundation
import KubeObjects
import XCTest

#if canImport(Glibc)
import Glibc
#endif

/// Fault injection through a running server's socket: outages refuse connections and
/// end, restarts keep the data, injected failures carry Status bodies and Retry-After.
final class FaultInjectionTests: XCTestCase {
    private func start(_ configure: (inout APIServer.Configuration) -> Void = { _ in }) async throws -> (APIServer, Int, Task<Void, Error>) {
        var configuration = APIServer.Configuration()
        configuration.workloadSimulator = nil
        configure(&configuration)
        let server = APIServer(configuration: configuration)
        let ports = AsyncStream<Int>.makeStream()
        let task = Task {
            // Ends the port stream when the server stops, so a server that fails to start
            // fails the test instead of leaving it waiting for a port forever.
            defer { ports.continuation.finish() }
            try await server.run { port in ports.continuation.yield(port) }
        }
        var it = ports.stream.makeAsyncIterator()
        guard let port = await it.next() else { throw CancellationError() }
        return (server, port, task)
    }

    func testARestartKeepsObjectsAndTheSamePort() async throws {
        let (server, port, task) = try await start()
        defer { task.cancel() }
        let rules = await server.cluster.rules(group: "", version: "v1", plural: "configmaps")!
        _ = try await server.cluster.create(
            rules, namespace: "default", object: ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "kept"]],
            options: WriteOptions())
        await server.faults.restart()
        let answer = try await RawHTTP.get(port: port, path: "/api/v1/namespaces/default/configmaps/kept", retryFor: .seconds(10))
        XCTAssertTrue(answer.hasPrefix("HTTP/1.1 200"), answer)
        XCTAssertTrue(answer.contains("\"name\":\"kept\""))
    }

    func testAnOutageRefusesConnectionsThenServesAgain() async throws {
        let (server, port, task) = try await start()
        defer { task.cancel() }
        await server.faults.refuseConnections(for: .seconds(2))
        var refused = false
        for _ in 0..<200 where !refused {
            refused = RawHTTP.connect(port: port) == nil
            if !refused { try await Task.sleep(for: .milliseconds(5)) }
        }
        XCTAssertTrue(refused, "the listener must close during an outage")
        let answer = try await RawHTTP.get(port: port, path: "/version", retryFor: .seconds(20))
        XCTAssertTrue(answer.hasPrefix("HTTP/1.1 200"), answer)
    }

    func testDroppingEveryWatchKeepsTheServerAndItsControllersRunning() async throws {
        let (server, port, task) = try await start()
        defer { task.cancel() }
        let configmaps = await server.cluster.rules(group: "", version: "v1", plural: "configmaps")!
        let owner = try await server.cluster.create(
            configmaps, namespace: "default", object: ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "owner"]],
            options: WriteOptions()
        ).object
        let reference: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "name": "owner", "uid": owner[path: ["metadata", "uid"]] ?? .null]
        _ = try await server.cluster.create(
            configmaps, namespace: "default",
            object: ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "dependent", "ownerReferences": [reference]]],
            options: WriteOptions())
        // The server's own controllers watch too; losing their stream must not stop them
        // (nor the server, which ends when one of its tasks does).
        await server.cluster.store.dropAllWatches()
        let answer = try await RawHTTP.get(port: port, path: "/version", retryFor: .seconds(5))
        XCTAssertTrue(answer.hasPrefix("HTTP/1.1 200"), answer)
        _ = try await server.cluster.delete(configmaps, namespace: "default", name: "owner", options: DeleteOptions())
        var collected = false
        for _ in 0..<1000 where !collected {
            collected = await server.cluster.store.get(configmaps.groupResource, ObjectKey(namespace: "default", name: "dependent")) == nil
            if !collected { try await Task.sleep(for: .milliseconds(10)) }
        }
        XCTAssertTrue(collected, "the garbage collector still runs after its watch was dropped")
    }

    func testInjectedFailuresAreStatusBodiesWithRetryAfter() async throws {
        let (server, port, task) = try await start()
        defer { task.cancel() }
        await server.faults.failRequests(fraction: 1, status: 429, retryAfter: 3, exempt: ["/version"])
        let failed = try await RawHTTP.get(port: port, path: "/api/v1/namespaces", retryFor: .seconds(5))
        XCTAssertTrue(failed.hasPrefix("HTTP/1.1 429"), failed)
        XCTAssertTrue(failed.contains("Retry-After: 3"))
        XCTAssertTrue(failed.contains("\"reason\":\"TooManyRequests\""))
        let exempt = try await RawHTTP.get(port: port, path: "/version", retryFor: .seconds(5))
        XCTAssertTrue(exempt.hasPrefix("HTTP/1.1 200"), exempt)
        await server.faults.failRequests(fraction: 0)
        let healed = try await RawHTTP.get(port: port, path: "/api/v1/namespaces", retryFor: .seconds(5))
        XCTAssertTrue(healed.hasPrefix("HTTP/1.1 200"), healed)
    }
}

/// One HTTP/1.1 request over a blocking loopback socket (`Connection: close`), so the
/// tests see exactly what the listener does.
enum RawHTTP {
    static func connect(port: Int) -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let ok = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if ok != 0 {
            close(fd)
            return nil
        }
        return fd
    }

    /// The whole answer, retrying the connection until `retryFor` runs out. The blocking
    /// socket calls run on their own thread with a receive timeout: blocking one of the
    /// cooperative pool's few threads could starve the very server being tested.
    static func get(port: Int, path: String, retryFor: Duration) async throws -> String {
        let deadline = ContinuousClock.now + retryFor
        while ContinuousClock.now < deadline {
            let answer = await withCheckedContinuation { (done: CheckedContinuation<String?, Never>) in
                Thread { done.resume(returning: attempt(port: port, path: path)) }.start()
            }
            if let answer { return answer }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw CancellationError()
    }

    private static func attempt(port: Int, path: String) -> String? {
        guard let fd = connect(port: port) else { return nil }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        _ = request.withCString { send(fd, $0, strlen($0), 0) }
        var answer: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            answer += buffer[0..<n]
        }
        return answer.isEmpty ? nil : String(decoding: answer, as: UTF8.self)
    }
}
