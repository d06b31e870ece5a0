import KubeObjects
import XCTest

@testable import KubeClient

final class WatchEventDecoderTests: XCTestCase {
    private func decode(_ chunks: [String]) async throws -> [RawWatchEvent] {
        let bytes = AsyncThrowingStream<[UInt8], Error> { continuation in
            for chunk in chunks { continuation.yield(Array(chunk.utf8)) }
            continuation.finish()
        }
        var out: [RawWatchEvent] = []
        for try await event in WatchEventDecoder.events(from: bytes) { out.append(event) }
        return out
    }

    private static func event(_ type: String, _ name: String) -> String {
        #"{"type":"\#(type)","object":{"kind":"ConfigMap","metadata":{"name":"\#(name)","resourceVersion":"1"}}}"# + "\n"
    }

    func testEventsSplitAnywhereAcrossChunksAreReassembled() async throws {
        let text = Self.event("ADDED", "a") + Self.event("MODIFIED", "b") + Self.event("DELETED", "c")
        let bytes = Array(text.utf8)
        // Every split point, and one byte a chunk.
        for cut in 1..<bytes.count {
            let chunks = [String(decoding: bytes[..<cut], as: UTF8.self), String(decoding: bytes[cut...], as: UTF8.self)]
            let events = try await decode(chunks)
            XCTAssertEqual(events.map(\.type), ["ADDED", "MODIFIED", "DELETED"], "split at \(cut)")
        }
        let single = try await decode(text.map { String($0) })
        XCTAssertEqual(single.map { $0.object.metadataName ?? "" }, ["a", "b", "c"])
    }

    func testManyEventsInOneChunkAndALastLineWithoutNewline() async throws {
        var text = (0..<50).map { Self.event("ADDED", "o\($0)") }.joined()
        text += Self.event("BOOKMARK", "end").dropLast()
        let events = try await decode(["\n", text])
        XCTAssertEqual(events.count, 51)
        XCTAssertEqual(events.last?.type, "BOOKMARK")
    }

    func testAMalformedLineIsADecodingErrorNotASkippedEvent() async throws {
        do {
            _ = try await decode([Self.event("ADDED", "a"), "{\"type\":\"ADDED\",\"object\":{\n"])
            XCTFail("a broken event was accepted")
        } catch let error as ResponseDecodingError {
            XCTAssertTrue(error.description.contains("watch"), error.description)
        }
        do {
            _ = try await decode(["{\"kind\":\"Status\"}\n"])
            XCTFail("an event without type was accepted")
        } catch let error as ResponseDecodingError {
            XCTAssertTrue(error.message.contains("without type"), error.message)
        }
    }
}

final class TokenBucketTests: XCTestCase {
    func testTheBurstIsFreeThenTokensComeAtTheRate() {
        var bucket = TokenBucket(rate: 10, burst: 3)
        let start = ContinuousClock.now
        XCTAssertEqual(bucket.take(now: start), .zero)
        XCTAssertEqual(bucket.take(now: start), .zero)
        XCTAssertEqual(bucket.take(now: start), .zero)
        // In debt: the fourth waits one token's time, the fifth two.
        XCTAssertEqual(bucket.take(now: start), .milliseconds(100))
        XCTAssertEqual(bucket.take(now: start), .milliseconds(200))
        // A second later the debt is paid and the bucket is full again, no more.
        XCTAssertEqual(bucket.take(now: start + .seconds(5)), .zero)
        XCTAssertEqual(bucket.take(now: start + .seconds(5)), .zero)
        XCTAssertEqual(bucket.take(now: start + .seconds(5)), .zero)
        XCTAssertEqual(bucket.take(now: start + .seconds(5)), .milliseconds(100))
    }
}
