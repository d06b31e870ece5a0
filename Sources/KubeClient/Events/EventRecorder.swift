import Foundation
import KubeObjects

/// Records core/v1 Events about objects, as client-go's `EventRecorder` with its
/// correlator: identical Events within a window are aggregated into one whose `count`
/// grows, a per-object spam filter caps the rate, and messages are cut to 1024 bytes.
///
/// Recording never blocks on the API server and never fails the caller: Events are queued
/// and written by one writer task in order; an Event that cannot be written (API error,
/// spam filter, full queue) is dropped and reported to `Options.onDrop`. `flush()` waits
/// for everything recorded so far (tests, shutdown).
public final class EventRecorder: Sendable {
    public enum EventType: String, Sendable {
        case normal = "Normal"
        case warning = "Warning"
    }

    public struct Options: Sendable {
        /// `source.component` and `reportingComponent` (`rudder-controller`).
        public var component: String
        /// `source.host` and `reportingInstance` (the pod name); empty to leave out.
        public var host: String = ""
        /// How long after the last identical Event a new one still aggregates into it
        /// (client-go's aggregator keeps 10 minutes).
        public var aggregationWindow: Duration = .seconds(600)
        /// The spam filter: Events per object at once, and the pause that earns one more.
        public var spamBurst = 25
        public var spamRefillInterval: Duration = .seconds(300)
        /// Longer messages are cut (on a character boundary), as events.k8s.io requires.
        public var maximumMessageBytes = 1024
        /// Events waiting to be written; more are dropped (client-go's 1000).
        public var queueCapacity = 1000
        /// Told of every Event that was not written. The default writes one line to
        /// standard error (object and reason, never the message).
        public var onDrop: @Sendable (DroppedEvent) -> Void = { EventRecorder.logToStandardError($0) }
        /// Stamps Events; injectable so tests can move time.
        public var now: @Sendable () -> Date = { Date() }

        public init(component: String) {
            self.component = component
        }
    }

    /// An Event that was not written, and why.
    public struct DroppedEvent: Sendable, CustomStringConvertible {
        public var object: InvolvedObject
        public var type: EventType
        public var reason: String
        public var cause: String

        public var description: String {
            "event \(type.rawValue) \(reason) on \(object.description) dropped: \(cause)"
        }
    }

    enum Item: Sendable {
        case record(RecordedEvent)
        /// Resumed with true when the writer reaches it.
        case flush(CheckedContinuation<Bool, Never>)
    }

    private let input: AsyncStream<Item>.Continuation
    private let writer: Task<Void, Never>
    public let options: Options

    public init(client: APIClient, options: Options) {
        self.options = options
        let (items, input) = AsyncStream<Item>.makeStream(bufferingPolicy: .bufferingOldest(max(options.queueCapacity, 1)))
        self.input = input
        // The one writer, owned by this recorder: it ends when the queue is finished
        // (`close()` or deinit) after writing what was queued.
        writer = Task {
            var writer = EventWriter(client: client, options: options)
            for await item in items {
                switch item {
                case .record(let event): await writer.write(event)
                case .flush(let done): done.resume(returning: true)
                }
            }
        }
    }

    deinit { input.finish() }

    /// Records an Event about `object`; returns at once.
    public func record(_ object: InvolvedObject, _ type: EventType, reason: String, message: String) {
        let event = RecordedEvent(
            object: object, type: type, reason: reason, message: Self.truncate(message, toBytes: options.maximumMessageBytes),
            time: options.now())
        switch input.yield(.record(event)) {
        case .enqueued: break
        case .dropped: options.onDrop(DroppedEvent(object: object, type: type, reason: reason, cause: "the event queue is full"))
        case .terminated: options.onDrop(DroppedEvent(object: object, type: type, reason: reason, cause: "the recorder is closed"))
        @unknown default: break
        }
    }

    /// Records an Event about an object as read from the API (its kind, name, namespace,
    /// uid and resourceVersion are referenced). An object without kind or name is reported
    /// to `onDrop`.
    public func record(_ object: JSONValue, _ type: EventType, reason: String, message: String) {
        guard let reference = InvolvedObject(object) else {
            options.onDrop(
                DroppedEvent(
                    object: InvolvedObject(apiVersion: "", kind: object["kind"]?.stringValue ?? "", name: object.metadataName ?? ""),
                    type: type, reason: reason, cause: "the object has no kind or no name"))
            return
        }
        record(reference, type, reason: reason, message: message)
    }

    /// Returns once every Event recorded before the call was written or dropped.
    public func flush() async {
        while true {
            let reached = await withCheckedContinuation { (done: CheckedContinuation<Bool, Never>) in
                switch input.yield(.flush(done)) {
                case .enqueued: break
                case .dropped: done.resume(returning: false)  // the queue is full: wait for room
                case .terminated: done.resume(returning: true)  // closed: the writer drains on its own
                @unknown default: done.resume(returning: true)
                }
            }
            if reached { return }
            try? await Task.sleep(for: .milliseconds(10))
        }
    }

    /// Writes what is queued, then stops; later Events are dropped.
    public func close() async {
        input.finish()
        await writer.value
    }

    /// The longest prefix of `text` of at most `limit` UTF-8 bytes that ends on a
    /// character boundary.
    static func truncate(_ text: String, toBytes limit: Int) -> String {
        guard text.utf8.count > limit else { return text }
        var bytes = 0
        var end = text.startIndex
        for character in text {
            bytes += character.utf8.count
            if bytes > limit { break }
            end = text.index(after: end)
        }
        return String(text[..<end])
    }

    public static func logToStandardError(_ dropped: DroppedEvent) {
        FileHandle.standardError.write(Data("rudder: \(dropped.description)\n".utf8))
    }
}

/// One `record` call, stamped when it was made.
struct RecordedEvent: Sendable {
    var object: EventRecorder.InvolvedObject
    var type: EventRecorder.EventType
    var reason: String
    var message: String
    var time: Date
}
