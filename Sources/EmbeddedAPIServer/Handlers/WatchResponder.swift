import KubeObjects

/// How long watches stay open.
public struct WatchSettings: Sendable {
    /// For a watch without `timeoutSeconds`: kube-apiserver picks 30–60 minutes;
    /// `kubectl get -w` exits when the server closes its stream.
    public var defaultTimeout: ClosedRange<Int> = 1800...3600
    /// Caps every watch (fault injection: clients must resume); nil for no cap.
    public var maxDuration: Int?

    public init() {}
}

/// Streams a watch as chunked, newline-delimited JSON events, flushed one by one (the
/// Python client parses them line by line), in the negotiated shape (one-row Tables when
/// `kubectl get -w` asks for Tables, PartialObjectMetadata for metadata-only informers),
/// and closes it when `timeoutSeconds` runs out.
struct WatchResponder: Sendable {
    let cluster: Cluster
    let settings: WatchSettings

    func respond(_ rules: ResourceRules, namespace: String?, options: ListOptions, renderer: ResponseRenderer) async throws(APIError)
        -> HTTPResponse
    {
        try renderer.checkWatchable()
        let frames = try await cluster.watch(rules, namespace: namespace, options: options)
        var seconds = options.timeoutSeconds.flatMap { $0 > 0 ? $0 : nil } ?? Int.random(in: settings.defaultTimeout)
        if let cap = settings.maxDuration { seconds = min(seconds, cap) }
        let timeout = seconds
        let convertor = renderer.shape == .table ? rules.tableConvertor() : nil
        let clock = cluster.clock
        let (body, output) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .unbounded)
        let pump = Task {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    var first = true
                    for await frame in frames {
                        let object = renderer.watchObject(frame, convertor: convertor, first: first, now: clock.now)
                        if frame.type != "ERROR", frame.type != "BOOKMARK" { first = false }
                        var line = JSONValue.object(["type": .string(frame.type), "object": object]).serializedBytes()
                        line.append(UInt8(ascii: "\n"))
                        output.yield(line)
                    }
                }
                group.addTask {
                    try? await Task.sleep(for: .seconds(timeout))
                }
                // Whichever ends first (the stream, or the timeout) ends the watch.
                await group.next()
                group.cancelAll()
            }
            output.finish()
        }
        output.onTermination = { _ in pump.cancel() }
        return HTTPResponse(
            status: 200,
            headers: [("Content-Type", "application/json"), ("Cache-Control", "no-cache, private")],
            body: .stream(body))
    }
}
