import KubeObjects

/// The few object fields the simulator reads, read the way the controllers read them
/// (absent counts as the API default).
extension JSONValue {
    var metadataGeneration: Int64 { self[path: ["metadata", "generation"]]?.intValue ?? 0 }

    var metadataLabels: [String: String] {
        (self[path: ["metadata", "labels"]]?.objectValue ?? [:]).compactMapValues(\.stringValue)
    }

    func metadataAnnotation(_ key: String) -> String? {
        self[path: ["metadata", "annotations", key]]?.stringValue
    }

    /// `spec.replicas`, defaulting to 1 as the API server defaults it, kept within the
    /// API's int32 so that arithmetic on it cannot overflow.
    var specReplicas: Int64 { min(max(0, self[path: ["spec", "replicas"]]?.intValue ?? 1), Int64(Int32.max)) }

    /// A count under `status`, absent meaning 0 (the API server omits zero counts).
    func statusCount(_ field: String) -> Int64 { self[path: ["status", field]]?.intValue ?? 0 }

    /// The ownerReference with `controller: true`, the one object that manages this one.
    var controllerReference: OwnerReference? {
        for ref in self[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []
        where ref["controller"]?.boolValue == true {
            guard let kind = ref["kind"]?.stringValue, let name = ref["name"]?.stringValue,
                let uid = ref["uid"]?.stringValue
            else { continue }
            return OwnerReference(kind: kind, name: name, uid: uid)
        }
        return nil
    }

    /// Whether this object is controlled by the object with `uid`.
    func isControlled(by uid: String?) -> Bool {
        uid != nil && controllerReference?.uid == uid
    }
}

/// The controlling owner of an object, as much of it as the simulator needs.
struct OwnerReference: Sendable, Hashable {
    var kind: String
    var name: String
    var uid: String

    /// The reference a controller writes into what it creates for `owner`: the
    /// garbage collector follows it, and `blockOwnerDeletion` makes foreground deletion
    /// of the owner wait for the child.
    static func controller(_ resource: SimulatedResource, of owner: JSONValue) -> JSONValue {
        [
            "apiVersion": .string(resource.apiVersion), "kind": .string(resource.kind),
            "name": .string(owner.metadataName ?? ""), "uid": .string(owner.metadataUID ?? ""),
            "controller": true, "blockOwnerDeletion": true,
        ]
    }
}
