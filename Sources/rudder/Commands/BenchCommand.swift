import ArgumentParser
import EmbeddedAPIServer
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Benchmarks `hack/bench` runs; hidden from `--help` because only that script calls them.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Benchmarks for hack/bench.", shouldDisplay: false,
        subcommands: [APIServerBenchCommand.self, ClientBenchCommand.self])
}

/// `rudder bench apiserver`: starts the embedded API server in this process (plain HTTP on
/// loopback, no workload simulator, so only requests cost anything) and drives it over
/// real sockets from OS threads, printing one line per figure (issue 5).
struct APIServerBenchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apiserver", abstract: "Create, apply, list and watch throughput of the embedded API server.")

    @Option(help: "ConfigMaps to create, apply and list.")
    var objects = 5000

    @Option(help: "Parallel connections for the create and apply phases.")
    var connections = 4

    @Option(help: "How many times to list the collection (whole, then paginated).")
    var lists = 10

    @Option(name: .customLong("page-size"), help: "The limit of the paginated lists.")
    var pageSize = 500

    @Option(help: "Concurrent watches for the fan-out phase.")
    var watchers = 10

    @Option(help: "Updates the fan-out writer sends.")
    var updates = 1000

    func validate() throws {
        for (name, value) in [("objects", objects), ("connections", connections), ("lists", lists),
                              ("page-size", pageSize), ("watchers", watchers), ("updates", updates)] where value < 1 {
            throw ValidationError("--\(name) must be at least 1")
        }
    }

    func run() async throws {
        var configuration = APIServer.Configuration()
        configuration.tls = nil
        configuration.workloadSimulator = nil
        let server = APIServer(configuration: configuration)
        let (ports, announce) = AsyncStream<Int>.makeStream()
        let serving = Task {
            defer { announce.finish() }
            try await server.run { port in _ = announce.yield(port) }
        }
        var bound = ports.makeAsyncIterator()
        guard let port = await bound.next() else {
            let reason: String
            do { try await serving.value; reason = "it ended before listening" } catch { reason = "\(error)" }
            throw BenchFailure(error: .serverStopped(reason))
        }
        let benchmark = APIServerBenchmark(
            port: port, objects: objects, connections: connections, lists: lists, pageSize: pageSize,
            watchers: watchers, updates: updates)
        print("apiserver bench: \(objects) ConfigMaps of 10 keys, \(connections) connections, \(watchers) watchers, \(updates) updates")
        fflush(nil)
        do {
            try await OSThreads.detach { () throws(BenchError) in
                try benchmark.run { line in
                    print(line)
                    fflush(nil)
                }
            }
        } catch {
            serving.cancel()
            throw BenchFailure(error: error)
        }
        serving.cancel()
        _ = try? await serving.value
        if let kib = BenchFigures.peakResidentKiB() {
            print("peak RSS: \(kib / 1024) MiB")
            fflush(nil)
        }
    }
}

/// A failed run: the reason on stderr, exit status 1.
struct BenchFailure: Error, CustomStringConvertible {
    let error: BenchError
    var description: String { "rudder bench apiserver: \(error)" }
}
