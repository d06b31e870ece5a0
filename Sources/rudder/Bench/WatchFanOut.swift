import Foundation

/// Watch event fan-out: `watchers` streaming watches on the bench namespace, each on its
/// own thread and connection, while one writer sends `updates` merge patches. Each patch
/// carries its sequence number in `data.seq`, so an event's latency is its arrival time
/// at a watcher minus the time the writer sent that patch (both on the monotonic clock).
struct WatchFanOut: Sendable {
    var port: Int
    var watchers: Int
    var updates: Int
    /// The updates cycle over ConfigMaps `bench-0..<objects`.
    var objects: Int
    /// How long the writer waits for the watches to open.
    var readyTimeout: DispatchTimeInterval = .seconds(30)

    /// What a thread saw: the writer's send times, or a watcher's arrival times, by
    /// sequence number (0: never arrived).
    private enum Timeline: Sendable {
        case sent([UInt64])
        case arrived([UInt64])
    }

    /// Watches from `resourceVersion`, writes, and returns the figures once every watcher
    /// saw every update.
    func run(since resourceVersion: String) throws(BenchError) -> [String] {
        let ready = DispatchSemaphore(value: 0)
        let timelines = try OSThreads.run(watchers + 1) { (index) throws(BenchError) -> Timeline in
            if index == 0 { return .sent(try write(after: ready)) }
            return .arrived(try watch(from: resourceVersion, ready: ready))
        }
        var sent: [UInt64] = []
        var arrivals: [[UInt64]] = []
        for timeline in timelines {
            switch timeline {
            case .sent(let times): sent = times
            case .arrived(let times): arrivals.append(times)
            }
        }
        return try figures(sent: sent, arrivals: arrivals)
    }

    private func write(after ready: DispatchSemaphore) throws(BenchError) -> [UInt64] {
        for _ in 0..<watchers where ready.wait(timeout: .now() + readyTimeout) == .timedOut {
            throw BenchError.incomplete("the watches did not open")
        }
        let connection = try LoopbackHTTPConnection(port: port)
        var sent = [UInt64](repeating: 0, count: updates)
        for seq in 0..<updates {
            let body = Array(#"{"data":{"seq":"\#(seq)"}}"#.utf8)
            sent[seq] = BenchFigures.now()
            try expect(200, "update \(seq)", connection.request(
                "PATCH", APIServerBenchmark.collection + "/bench-\(seq % objects)",
                contentType: "application/merge-patch+json", body: body))
        }
        return sent
    }

    /// One watcher: signals `ready` once the server has answered the watch (whether or not
    /// it opened), then reads events until every update has arrived.
    private func watch(from resourceVersion: String, ready: DispatchSemaphore) throws(BenchError) -> [UInt64] {
        var signalled = false
        defer { if !signalled { ready.signal() } }
        let connection = try LoopbackHTTPConnection(port: port)
        let status = try connection.send("GET", APIServerBenchmark.collection + "?watch=true&resourceVersion=\(resourceVersion)")
        ready.signal()
        signalled = true
        guard status == 200 else {
            let body = (try? connection.nextBodyPiece()).flatMap { $0 } ?? []
            throw BenchError.unexpectedStatus(request: "watch", status: status, body: String(decoding: body, as: UTF8.self))
        }
        var arrived = [UInt64](repeating: 0, count: updates)
        var seen = 0
        var pending: [UInt8] = []
        while seen < updates {
            guard let piece = try connection.nextBodyPiece() else {
                throw BenchError.incomplete("a watch ended after \(seen) of \(updates) events")
            }
            let now = BenchFigures.now()
            pending.append(contentsOf: piece)
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(pending[..<newline])
                pending.removeSubrange(...newline)
                guard let seq = try Self.sequenceNumber(line), seq >= 0, seq < updates, arrived[seq] == 0 else { continue }
                arrived[seq] = now
                seen += 1
            }
        }
        return arrived
    }

    /// The `data.seq` of a MODIFIED event (nil for other events); an ERROR event fails.
    private static func sequenceNumber(_ line: [UInt8]) throws(BenchError) -> Int? {
        guard !line.isEmpty else { return nil }
        guard let event = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
            throw BenchError.protocolViolation("a watch event is not a JSON object")
        }
        let object = event["object"] as? [String: Any]
        if event["type"] as? String == "ERROR" {
            throw BenchError.incomplete("the watch failed: \(object?["message"] as? String ?? "ERROR event")")
        }
        guard event["type"] as? String == "MODIFIED", let data = object?["data"] as? [String: Any] else { return nil }
        return (data["seq"] as? String).flatMap { Int($0) }
    }

    private func figures(sent: [UInt64], arrivals: [[UInt64]]) throws(BenchError) -> [String] {
        var latencies: [UInt64] = []
        latencies.reserveCapacity(updates * watchers)
        var lastArrival: UInt64 = 0
        for timeline in arrivals {
            for (seq, arrival) in timeline.enumerated() where arrival != 0 {
                latencies.append(arrival >= sent[seq] ? arrival - sent[seq] : 0)
                lastArrival = max(lastArrival, arrival)
            }
        }
        let expected = updates * watchers
        guard latencies.count == expected else {
            throw BenchError.incomplete("\(latencies.count) of \(expected) watch events delivered")
        }
        latencies.sort()
        let span = lastArrival > (sent.first ?? 0) ? lastArrival - (sent.first ?? 0) : 0
        let writeSpan = (sent.last ?? 0) - (sent.first ?? 0)
        let seconds = BenchFigures.seconds(span)
        return [
            "watch: \(watchers) watchers x \(updates) updates = \(latencies.count) of \(expected) events delivered in "
                + "\(String(format: "%.2f", seconds)) s = \(BenchFigures.rate(Double(latencies.count), seconds)) events/s "
                + "(writer: \(BenchFigures.rate(Double(updates), BenchFigures.seconds(writeSpan))) updates/s)",
            "watch latency: p50 \(BenchFigures.milliseconds(BenchFigures.percentile(latencies, 50))) ms, "
                + "p99 \(BenchFigures.milliseconds(BenchFigures.percentile(latencies, 99))) ms, "
                + "max \(BenchFigures.milliseconds(latencies.last ?? 0)) ms",
        ]
    }
}
