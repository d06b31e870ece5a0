import KubeObjects

/// One object's change as a cache saw it (client-go's informer `OnAdd`/`OnUpdate`/
/// `OnDelete`, with add and update together since a level-triggered controller treats them
/// alike). A deletion carries the last state seen, so a trigger can still read the owner
/// references of an object that is gone.
public enum ObjectChange: Sendable, Equatable {
    case applied(JSONValue)
    case deleted(JSONValue)

    public var object: JSONValue {
        switch self {
        case .applied(let o), .deleted(let o): return o
        }
    }

    public var ref: ObjectRef? { ObjectRef(object) }
}
