import KubeObjects

/// Turns a watch body into events. The API server writes one JSON event per line; chunks
/// split lines anywhere, so bytes are kept until their newline arrives. Only the
/// unfinished line is held, never the whole stream, and the body is read no faster than
/// events are consumed (the transport's back-pressure reaches the server).
enum WatchEventDecoder {
    static func events(from bytes: AsyncThrowingStream<[UInt8], Error>) -> AsyncThrowingStream<RawWatchEvent, Error> {
        let reader = LineReader(bytes.makeAsyncIterator())
        return AsyncThrowingStream { try await reader.next() }
    }

    static func decode(_ line: ArraySlice<UInt8>) throws -> RawWatchEvent {
        let json: JSONValue
        do {
            json = try line.withUnsafeBufferPointer { try JSONValue.parse($0) }
        } catch let error as JSONParseError {
            throw ResponseDecodingError(request: "watch", message: error.message)
        }
        guard let type = json["type"]?.stringValue, let object = json["object"] else {
            throw ResponseDecodingError(request: "watch", message: "an event without type or object")
        }
        return RawWatchEvent(type: type, object: object)
    }

    /// The decoding state of one stream. `AsyncThrowingStream`'s unfolding closure is
    /// called by its one consumer, one call at a time, so the state is never touched
    /// concurrently even though the closure must be `Sendable`.
    private final class LineReader: @unchecked Sendable {
        private var iterator: AsyncThrowingStream<[UInt8], Error>.AsyncIterator
        private var pending: [UInt8] = []
        private var ready: [RawWatchEvent] = []
        private var readyIndex = 0

        init(_ iterator: AsyncThrowingStream<[UInt8], Error>.AsyncIterator) {
            self.iterator = iterator
        }

        func next() async throws -> RawWatchEvent? {
            while true {
                if readyIndex < ready.count {
                    defer { readyIndex += 1 }
                    return ready[readyIndex]
                }
                ready.removeAll(keepingCapacity: true)
                readyIndex = 0
                guard let chunk = try await iterator.next() else {
                    // A last event without its newline still counts.
                    let rest = pending
                    pending.removeAll()
                    return try Self.isBlank(rest[...]) ? nil : decode(rest[...])
                }
                guard let first = chunk.firstIndex(of: 0x0A) else {
                    pending += chunk
                    continue
                }
                pending += chunk[..<first]
                if !Self.isBlank(pending[...]) { ready.append(try decode(pending[...])) }
                pending.removeAll(keepingCapacity: true)
                var start = first + 1
                while let end = chunk[start...].firstIndex(of: 0x0A) {
                    if !Self.isBlank(chunk[start..<end]) { ready.append(try decode(chunk[start..<end])) }
                    start = end + 1
                }
                pending += chunk[start...]
            }
        }

        private static func isBlank(_ bytes: ArraySlice<UInt8>) -> Bool {
            !bytes.contains { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }
        }
    }
}
