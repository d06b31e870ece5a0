import KubeObjects

extension EventRecorder {
    /// The object an Event is about (core/v1 `ObjectReference` as `involvedObject`).
    public struct InvolvedObject: Sendable, Hashable {
        public var apiVersion: String
        public var kind: String
        public var name: String
        /// Empty for a cluster-scoped object; its Events then go to `default`, as client-go's.
        public var namespace: String
        public var uid: String
        public var resourceVersion: String
        /// A part of the object (`spec.containers{web}`); usually empty.
        public var fieldPath: String

        public init(
            apiVersion: String, kind: String, name: String, namespace: String = "", uid: String = "", resourceVersion: String = "",
            fieldPath: String = ""
        ) {
            self.apiVersion = apiVersion
            self.kind = kind
            self.name = name
            self.namespace = namespace
            self.uid = uid
            self.resourceVersion = resourceVersion
            self.fieldPath = fieldPath
        }

        /// The reference to an object as read from the API; nil without kind or name.
        public init?(_ object: JSONValue) {
            guard let kind = object["kind"]?.stringValue, !kind.isEmpty, let name = object.metadataName, !name.isEmpty else { return nil }
            self.init(
                apiVersion: object["apiVersion"]?.stringValue ?? "", kind: kind, name: name, namespace: object.metadataNamespace ?? "",
                uid: object.metadataUID ?? "", resourceVersion: object.metadataResourceVersion ?? "")
        }

        var json: JSONValue {
            var o: [String: JSONValue] = ["kind": .string(kind), "name": .string(name)]
            for (key, value) in [
                ("apiVersion", apiVersion), ("namespace", namespace), ("uid", uid), ("resourceVersion", resourceVersion),
                ("fieldPath", fieldPath),
            ] where !value.isEmpty {
                o[key] = .string(value)
            }
            return .object(o)
        }

        /// Where its Events are written.
        var eventNamespace: String { namespace.isEmpty ? "default" : namespace }

        /// `kind namespace/name`, for messages about dropped events.
        var description: String { namespace.isEmpty ? "\(kind) \(name)" : "\(kind) \(namespace)/\(name)" }
    }
}
