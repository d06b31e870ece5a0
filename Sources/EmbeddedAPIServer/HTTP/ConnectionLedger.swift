import NIOCore
import Synchronization

/// Holds every accepted connection from the moment it is wrapped in an `NIOAsyncChannel`
/// until someone has finished its outbound writer.
///
/// Why it exists: a writer made by `NIOAsyncChannel(wrappingChannelSynchronously:)` traps
/// ("Deinited NIOAsyncWriter without calling finish()") when its last reference goes
/// without `finish()`. Connections reach the accept loop through the listener's inbound
/// stream, and that stream drops whatever it still buffers once the loop is cancelled
/// (server shutdown); a child channel initialised after the loop stopped has nowhere to go
/// at all. So the ledger owns each connection until `serve` claims it (its
/// `executeThenClose` finishes the writer) or shutdown takes the rest and finishes them,
/// and once shut it refuses to wrap new channels (NIO then closes them unwrapped).
final class ConnectionLedger<Inbound: Sendable, Outbound: Sendable>: Sendable {
    typealias Connection = NIOAsyncChannel<Inbound, Outbound>

    struct Shut: Error {}

    private struct State {
        var open = true
        var nextID = 0
        var unclaimed: [Int: Connection] = [:]
    }

    private let state = Mutex(State())

    /// Wraps a channel (on its event loop, inside the child initializer) and records the
    /// connection under the returned id; throws `Shut` without wrapping once shut. The
    /// wrap happens under the lock so a concurrent `shut()` either sees the connection or
    /// prevents it.
    func admit(_ wrap: () throws -> Connection) throws -> Int {
        try state.withLock { (s: inout State) throws -> Int in
            guard s.open else { throw Shut() }
            let connection = try wrap()
            let id = s.nextID
            s.nextID += 1
            s.unclaimed[id] = connection
            return id
        }
    }

    /// Hands the connection to its server; nil when shutdown already took it.
    func claim(_ id: Int) -> Connection? {
        state.withLock { $0.unclaimed.removeValue(forKey: id) }
    }

    /// Stops admitting and finishes (and closes) every connection nobody claimed.
    func shut() async {
        let left = state.withLock { (s: inout State) -> [Connection] in
            s.open = false
            defer { s.unclaimed = [:] }
            return Array(s.unclaimed.values)
        }
        for connection in left {
            try? await connection.executeThenClose { _, _ in }
        }
    }
}
