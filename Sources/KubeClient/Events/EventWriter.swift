import Foundation
import KubeObjects

/// The recorder's single writer: correlates each recorded Event and creates or patches it.
/// Errors end here, reported to `onDrop`; they never reach whoever recorded the Event.
struct EventWriter {
    private let events: ResourceClient
    private let options: EventRecorder.Options
    private var correlator: EventCorrelator

    init(client: APIClient, options: EventRecorder.Options) {
        self.options = options
        events = ResourceClient(client: client, resource: GroupVersionResource(group: "", version: "v1", resource: "events"))
        correlator = EventCorrelator(
            window: options.aggregationWindow.timeInterval,
            spamFilter: EventSpamFilter(burst: options.spamBurst, refillInterval: options.spamRefillInterval.timeInterval))
    }

    mutating func write(_ event: RecordedEvent) async {
        let key = EventCorrelator.Key(
            object: event.object, type: event.type.rawValue, reason: event.reason, message: event.message,
            source: options.component + "\u{0}" + options.host)
        let namespaced = events.inNamespace(event.object.eventNamespace)
        switch correlator.correlate(key, now: event.time) {
        case .drop:
            drop(event, "too many events for the object (spam filter: \(options.spamBurst) at once)")
        case .create(let name):
            do {
                _ = try await namespaced.create(body(event, name: name, count: 1, firstSeen: event.time))
            } catch {
                correlator.forget(key)
                drop(event, String(describing: error))
            }
        case .update(let name, let count, let firstSeen):
            let patch: JSONValue = ["count": .int(Int64(count)), "lastTimestamp": .string(Self.time(event.time)), "message": .string(event.message)]
            do {
                _ = try await namespaced.patch(name, .merge(patch))
            } catch let error as KubeAPIError where error.isNotFound {
                // The Event expired (the server keeps them an hour) or was deleted: write it
                // again under its name with the count so far, as client-go does.
                do {
                    _ = try await namespaced.create(body(event, name: name, count: count, firstSeen: firstSeen))
                } catch {
                    correlator.forget(key)
                    drop(event, String(describing: error))
                }
            } catch {
                drop(event, String(describing: error))
            }
        }
    }

    /// The core/v1 Event client-go's recorder writes.
    private func body(_ event: RecordedEvent, name: String, count: Int, firstSeen: Date) -> JSONValue {
        var source: JSONValue = ["component": .string(options.component)]
        if !options.host.isEmpty { source["host"] = .string(options.host) }
        var object: JSONValue = [
            "apiVersion": "v1", "kind": "Event",
            "metadata": ["name": .string(name), "namespace": .string(event.object.eventNamespace)],
            "involvedObject": event.object.json,
            "type": .string(event.type.rawValue),
            "reason": .string(event.reason),
            "message": .string(event.message),
            "count": .int(Int64(count)),
            "firstTimestamp": .string(Self.time(firstSeen)),
            "lastTimestamp": .string(Self.time(event.time)),
            "source": source,
            "reportingComponent": .string(options.component),
        ]
        if !options.host.isEmpty { object["reportingInstance"] = .string(options.host) }
        return object
    }

    private func drop(_ event: RecordedEvent, _ cause: String) {
        options.onDrop(EventRecorder.DroppedEvent(object: event.object, type: event.type, reason: event.reason, cause: cause))
    }

    /// `metav1.Time`: RFC 3339, whole seconds.
    static func time(_ date: Date) -> String {
        KubeTime(secondsSinceEpoch: Int64(date.timeIntervalSince1970.rounded(.down))).rfc3339
    }
}
