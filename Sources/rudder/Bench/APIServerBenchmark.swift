import Foundation

/// Issue 5's benchmark of the embedded API server over real sockets: create, server-side
/// apply and list throughput on ConfigMaps, then watch fan-out (`WatchFanOut`). Every
/// phase checks that what it timed happened (every object written, every item listed),
/// so the figures never flatter a run that lost work.
struct APIServerBenchmark: Sendable {
    var port: Int
    var objects = 5000
    /// Parallel keep-alive connections for the write phases.
    var connections = 4
    /// How many times the collection is listed, whole and paginated.
    var lists = 10
    var pageSize = 500
    var watchers = 10
    var updates = 1000

    static let namespace = "bench"
    static let collection = "/api/v1/namespaces/\(namespace)/configmaps"

    /// Runs every phase in order, handing each figure to `report` as soon as it is known.
    func run(report: (String) -> Void) throws(BenchError) {
        let setup = try LoopbackHTTPConnection(port: port)
        try expect(201, "create namespace", setup.request(
            "POST", "/api/v1/namespaces", contentType: "application/json",
            body: Array(#"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"\#(Self.namespace)"}}"#.utf8)))
        // Anything a controller put in the namespace counts towards the lists too.
        let before = try listItems(setup, Self.collection).items

        report(try create())
        report(try apply())
        for line in try list(expected: before + objects) { report(line) }
        let fanOut = WatchFanOut(port: port, watchers: watchers, updates: updates, objects: objects)
        for line in try fanOut.run(since: listItems(setup, Self.collection + "?limit=1").resourceVersion) { report(line) }
    }

    /// POSTs every ConfigMap, spread over the connections.
    private func create() throws(BenchError) -> String {
        let (created, nanoseconds) = try acrossConnections { (connection, i) throws(BenchError) in
            try expect(201, "create bench-\(i)", connection.request(
                "POST", Self.collection, contentType: "application/json", body: Self.configMap(i, value: "created")))
        }
        guard created == objects else { throw BenchError.incomplete("\(created) of \(objects) ConfigMaps created") }
        return BenchFigures.throughput("create", objects: created, nanoseconds: nanoseconds)
    }

    /// Applies every ConfigMap again with one key changed, as a `bench` field manager
    /// taking over from the creator (hence `force`).
    private func apply() throws(BenchError) -> String {
        let (applied, nanoseconds) = try acrossConnections { (connection, i) throws(BenchError) in
            try expect(200, "apply bench-\(i)", connection.request(
                "PATCH", Self.collection + "/bench-\(i)?fieldManager=bench&force=true",
                contentType: "application/apply-patch+yaml", body: Self.configMap(i, value: "created", key0: "applied")))
        }
        guard applied == objects else { throw BenchError.incomplete("\(applied) of \(objects) ConfigMaps applied") }
        return BenchFigures.throughput("ssa", objects: applied, nanoseconds: nanoseconds)
    }

    /// Lists the collection `lists` times whole and `lists` times in pages, on one
    /// connection. Only the exchanges are timed; counting the items happens off the clock.
    private func list(expected: Int) throws(BenchError) -> [String] {
        let connection = try LoopbackHTTPConnection(port: port)
        var whole: UInt64 = 0
        var paged: UInt64 = 0
        var pages = 0
        for _ in 0..<lists {
            let started = BenchFigures.now()
            let response = try connection.request("GET", Self.collection)
            whole += BenchFigures.now() - started
            let listed = try Self.parseList(expect(200, "list", response)).items
            guard listed == expected else { throw BenchError.incomplete("a list returned \(listed) of \(expected) items") }

            var listedInPages = 0
            var token: String? = ""
            while let next = token {
                let query = "?limit=\(pageSize)" + (next.isEmpty ? "" : "&continue=" + Self.queryEscaped(next))
                let pageStarted = BenchFigures.now()
                let page = try connection.request("GET", Self.collection + query)
                paged += BenchFigures.now() - pageStarted
                let parsed = try Self.parseList(expect(200, "list page", page))
                listedInPages += parsed.items
                pages += 1
                token = parsed.continueToken.flatMap { $0.isEmpty ? nil : $0 }
            }
            guard listedInPages == expected else {
                throw BenchError.incomplete("a paginated list returned \(listedInPages) of \(expected) items")
            }
        }
        let total = expected * lists
        return [
            BenchFigures.throughput("list", objects: total, nanoseconds: whole)
                + ", \(BenchFigures.milliseconds(whole / UInt64(max(lists, 1)))) ms per list of \(expected)",
            BenchFigures.throughput("list (limit=\(pageSize))", objects: total, nanoseconds: paged)
                + ", \(BenchFigures.milliseconds(paged / UInt64(max(lists, 1)))) ms per list of \(expected) in \(pages / max(lists, 1)) pages",
        ]
    }

    /// Runs `write(connection, i)` for every object index, `connections` threads each
    /// taking every `connections`-th index; returns how many writes ran and the wall time.
    private func acrossConnections(
        _ write: @escaping @Sendable (LoopbackHTTPConnection, Int) throws(BenchError) -> Void
    ) throws(BenchError) -> (count: Int, nanoseconds: UInt64) {
        let (port, objects, connections) = (port, objects, max(connections, 1))
        let started = BenchFigures.now()
        let counts = try OSThreads.run(connections) { (lane) throws(BenchError) -> Int in
            let connection = try LoopbackHTTPConnection(port: port)
            var done = 0
            for i in stride(from: lane, to: objects, by: connections) {
                try write(connection, i)
                done += 1
            }
            return done
        }
        return (counts.reduce(0, +), BenchFigures.now() - started)
    }

    private func listItems(_ connection: LoopbackHTTPConnection, _ target: String) throws(BenchError) -> (items: Int, resourceVersion: String) {
        let parsed = try Self.parseList(expect(200, "list", connection.request("GET", target)))
        return (parsed.items, parsed.resourceVersion)
    }

    // MARK: Bodies

    /// ConfigMap `bench-i` with ten data keys of 32 characters; `key0` set apart when given.
    static func configMap(_ i: Int, value: String, key0: String? = nil) -> [UInt8] {
        var data: [String] = []
        for k in 0..<10 {
            let v = k == 0 ? (key0 ?? value) : value
            data.append("\"key\(k)\":\"\(v)-\(i)-\(String(repeating: "x", count: 32 - v.count))\"")
        }
        return Array(
            #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"bench-\#(i)","namespace":"\#(namespace)","labels":{"app":"bench"}},"data":{\#(data.joined(separator: ","))}}"#
                .utf8)
    }

    static func parseList(_ body: [UInt8]) throws(BenchError) -> (items: Int, resourceVersion: String, continueToken: String?) {
        let list = try ListBodyScan(body)
        return (list.items, list.resourceVersion, list.continueToken)
    }

    static func queryEscaped(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

/// The body of an answer with the wanted status, or the failure naming the request.
@discardableResult
func expect(_ status: Int, _ request: String, _ response: LoopbackHTTPConnection.Response) throws(BenchError) -> [UInt8] {
    guard response.status == status else {
        throw BenchError.unexpectedStatus(request: request, status: response.status, body: String(decoding: response.body, as: UTF8.self))
    }
    return response.body
}
