/// What strategic merge patch and server-side apply need to know about the value at a path
/// of a Kubernetes object: whether a list merges by key, as a set, or is replaced whole
/// (`x-kubernetes-list-type`, `patchStrategy`), whether a map is granular or atomic
/// (`x-kubernetes-map-type`), and which object keys are declared fields of a struct (they
/// matter to structured-merge-diff's field sets: a declared field is not itself "owned"
/// unless it is empty, while a key of a `map[string]T` is).
///
/// Parts a schema does not describe are `deduced`, as structured-merge-diff deduces an
/// unknown type from the value: lists atomic, objects granular.
public indirect enum ObjectSchema: Sendable, Equatable {
    case scalar
    case object(StructSchema)
    case list(ListSchema)
    case deduced(DeducedStyle)

    /// How an undescribed object is read. Built-in kinds are Go structs all the way down
    /// (every key is a declared field); an object under `x-kubernetes-preserve-unknown-fields`
    /// is a free-form map (every key is an element).
    public enum DeducedStyle: Sendable, Equatable {
        case structFields
        case mapElements
    }

    /// The schema for an object value at this node (deduced nodes become empty structs or maps).
    var objectSchema: StructSchema? {
        switch self {
        case .object(let s): return s
        case .deduced(.structFields): return StructSchema(fields: [:])
        case .deduced(.mapElements): return StructSchema(fields: [:], elements: .deduced(.mapElements))
        case .scalar, .list: return nil
        }
    }

    /// The schema for a list value at this node; undescribed lists are atomic.
    var listSchema: ListSchema? {
        switch self {
        case .list(let l): return l
        case .deduced(let style): return ListSchema(.atomic, element: .deduced(style))
        case .scalar, .object: return nil
        }
    }
}

/// An object: a Go struct with declared fields, a `map[string]T`, or both (a CRD's
/// `properties` with `additionalProperties`).
public struct StructSchema: Sendable, Equatable {
    /// Declared fields.
    public var fields: [String: ObjectSchema]
    /// The schema of undeclared keys, which are map elements; `nil` when undeclared keys
    /// are read as further (undescribed) struct fields.
    public var elements: ObjectSchema?
    /// `x-kubernetes-map-type: atomic` / `+structType=atomic`: owned and replaced whole.
    public var isAtomic: Bool
    /// `patchStrategy: retainKeys` (SMP): `$retainKeys` may clear keys it does not list.
    public var retainKeys: Bool

    public init(fields: [String: ObjectSchema], elements: ObjectSchema? = nil, isAtomic: Bool = false, retainKeys: Bool = false) {
        self.fields = fields
        self.elements = elements
        self.isAtomic = isAtomic
        self.retainKeys = retainKeys
    }

    /// The schema of member `key`, and whether it is a declared (named) field.
    func member(_ key: String) -> (schema: ObjectSchema, isNamedField: Bool) {
        if let f = fields[key] { return (f, true) }
        if let e = elements { return (e, false) }
        return (.deduced(.structFields), true)
    }
}

/// A list and how it merges.
public struct ListSchema: Sendable, Equatable {
    /// `x-kubernetes-list-type` (server-side apply).
    public enum ListType: Sendable, Equatable {
        case atomic
        case set
        /// Items are identified by these key fields (`x-kubernetes-list-map-keys`).
        case map(keys: [String])
    }

    /// `patchStrategy` / `patchMergeKey` (strategic merge patch).
    public enum PatchStrategy: Sendable, Equatable {
        case replace
        /// Merge items; objects by `mergeKey`, primitives as a set when `mergeKey` is nil.
        case merge(mergeKey: String?)
    }

    public var listType: ListType
    public var element: ObjectSchema
    public var patchStrategy: PatchStrategy
    /// The Go field has no `omitempty` (PodSpec `containers`): a typed zero object already
    /// holds it as `null`, so creating the object does not "add" the list itself.
    public var inZeroObject: Bool

    public init(_ listType: ListType, element: ObjectSchema, patchStrategy: PatchStrategy = .replace, inZeroObject: Bool = false) {
        self.listType = listType
        self.element = element
        self.patchStrategy = patchStrategy
        self.inZeroObject = inZeroObject
    }
}

extension ObjectSchema {
    // Small constructors so the built-in tables read like the Go type definitions.

    /// A struct with these declared fields.
    public static func fields(_ fields: [String: ObjectSchema], atomic: Bool = false, retainKeys: Bool = false) -> ObjectSchema {
        .object(StructSchema(fields: fields, isAtomic: atomic, retainKeys: retainKeys))
    }

    /// A `map[string]T`.
    public static func map(_ element: ObjectSchema = .scalar, atomic: Bool = false) -> ObjectSchema {
        .object(StructSchema(fields: [:], elements: element, isAtomic: atomic))
    }

    /// A `+structType=atomic` struct (references, selectors): owned and replaced whole.
    public static let atomicStruct = ObjectSchema.fields([:], atomic: true)

    /// `+listType=atomic` (and every list without a list type).
    public static func atomicList(_ element: ObjectSchema = .scalar) -> ObjectSchema {
        .list(ListSchema(.atomic, element: element))
    }

    /// `+listType=set`; `patchStrategy=merge` when `mergePatch`.
    public static func setList(mergePatch: Bool) -> ObjectSchema {
        .list(ListSchema(.set, element: .scalar, patchStrategy: mergePatch ? .merge(mergeKey: nil) : .replace))
    }

    /// `+listType=map` with `keys`; SMP merges by `mergeKey` (the first key unless given),
    /// or replaces when `mergeKey` is explicitly nil via `smp: false`.
    public static func mapList(
        _ keys: [String], _ element: ObjectSchema, mergeKey: String? = nil, smp: Bool = true, inZeroObject: Bool = false
    ) -> ObjectSchema {
        .list(ListSchema(
            .map(keys: keys), element: element, patchStrategy: smp ? .merge(mergeKey: mergeKey ?? keys[0]) : .replace,
            inZeroObject: inZeroObject))
    }
}
