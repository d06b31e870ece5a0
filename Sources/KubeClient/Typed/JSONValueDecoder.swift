import KubeObjects

/// A `Decoder` reading a `JSONValue` in place. Foundation's JSONDecoder, fed the same value
/// as bytes, reports a number that does not fit its field (`replicas: 4294967296`, `1.5`
/// for an Int32) as "The given data was not valid JSON" with no coding path at all; this
/// one says which field and why, and skips a serialise-and-parse per object.
///
/// Numbers read as JSONValue's own accessors do: an integer field takes an int, or a
/// float that is a whole number (YAML-decoded input); a float field takes either.
/// Errors never carry the value that failed, only its JSON type.
struct JSONValueDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else {
            throw mismatch([String: JSONValue].self, "an object", value, codingPath)
        }
        return KeyedDecodingContainer(Keyed<Key>(members: members, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = value else { throw mismatch([JSONValue].self, "a list", value, codingPath) }
        return Unkeyed(items: items, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        Single(value: value, codingPath: codingPath)
    }

    /// `value` as `T`, through the primitive readers for the scalar types so every path
    /// (keyed, unkeyed, single) treats numbers alike.
    static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue, at path: [any CodingKey]) throws -> T {
        if T.self == JSONValue.self { return value as! T }
        if value.isNull, !(T.self is any ExpressibleByNilLiteral.Type) {
            throw DecodingError.valueNotFound(T.self, .init(codingPath: path, debugDescription: "expected \(T.self), found null"))
        }
        switch T.self {
        case is Bool.Type:
            guard case .bool(let b) = value else { throw mismatch(T.self, "a boolean", value, path) }
            return b as! T
        case is String.Type:
            guard case .string(let s) = value else { throw mismatch(T.self, "a string", value, path) }
            return s as! T
        case is Double.Type: return try number(value, path) as! T
        case is Float.Type: return Float(try number(value, path)) as! T
        case let integer as any FixedWidthInteger.Type: return try Self.integer(integer, value, path) as! T
        default: return try T(from: JSONValueDecoder(value: value, codingPath: path))
        }
    }

    private static func number(_ value: JSONValue, _ path: [any CodingKey]) throws -> Double {
        switch value {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: throw mismatch(Double.self, "a number", value, path)
        }
    }

    private static func integer<I: FixedWidthInteger>(_ type: I.Type, _ value: JSONValue, _ path: [any CodingKey]) throws -> I {
        let result: I?
        switch value {
        case .int(let i): result = I(exactly: i)
        case .double(let d):
            guard d.rounded() == d else {
                throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "expected \(I.self), found a fraction"))
            }
            result = I(exactly: d)
        default: throw mismatch(I.self, "an integer", value, path)
        }
        guard let result else {
            throw DecodingError.dataCorrupted(.init(codingPath: path, debugDescription: "number out of range for \(I.self)"))
        }
        return result
    }

    private struct Keyed<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let members: [String: JSONValue]
        let codingPath: [any CodingKey]

        var allKeys: [Key] { members.keys.compactMap { Key(stringValue: $0) } }

        func contains(_ key: Key) -> Bool { members[key.stringValue] != nil }

        private func member(_ key: Key) throws -> JSONValue {
            guard let v = members[key.stringValue] else {
                throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "required field is missing"))
            }
            return v
        }

        func decodeNil(forKey key: Key) throws -> Bool { members[key.stringValue]?.isNull ?? true }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try JSONValueDecoder.decode(T.self, from: member(key), at: codingPath + [key])
        }

        // The primitive requirements all read through the one generic reader.
        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try read(key) }
        func decode(_ type: String.Type, forKey key: Key) throws -> String { try read(key) }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try read(key) }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try read(key) }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try read(key) }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try read(key) }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try read(key) }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try read(key) }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try read(key) }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try read(key) }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try read(key) }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try read(key) }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try read(key) }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try read(key) }

        private func read<T: Decodable>(_ key: Key) throws -> T {
            try JSONValueDecoder.decode(T.self, from: member(key), at: codingPath + [key])
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
            -> KeyedDecodingContainer<NestedKey>
        {
            try JSONValueDecoder(value: member(key), codingPath: codingPath + [key]).container(keyedBy: type)
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            try JSONValueDecoder(value: member(key), codingPath: codingPath + [key]).unkeyedContainer()
        }

        func superDecoder() throws -> any Decoder {
            JSONValueDecoder(value: members["super"] ?? .null, codingPath: codingPath + [IndexKey(stringValue: "super")])
        }

        func superDecoder(forKey key: Key) throws -> any Decoder {
            JSONValueDecoder(value: members[key.stringValue] ?? .null, codingPath: codingPath + [key])
        }
    }

    private struct Unkeyed: UnkeyedDecodingContainer {
        let items: [JSONValue]
        let codingPath: [any CodingKey]
        var currentIndex = 0

        init(items: [JSONValue], codingPath: [any CodingKey]) {
            self.items = items
            self.codingPath = codingPath
        }

        var count: Int? { items.count }
        var isAtEnd: Bool { currentIndex >= items.count }

        private mutating func next<T>(_ type: T.Type) throws -> (JSONValue, [any CodingKey]) {
            let path = codingPath + [IndexKey(intValue: currentIndex)]
            guard !isAtEnd else {
                throw DecodingError.valueNotFound(T.self, .init(codingPath: path, debugDescription: "the list has no more items"))
            }
            defer { currentIndex += 1 }
            return (items[currentIndex], path)
        }

        mutating func decodeNil() throws -> Bool {
            guard !isAtEnd, items[currentIndex].isNull else { return false }
            currentIndex += 1
            return true
        }

        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            let (value, path) = try next(T.self)
            return try JSONValueDecoder.decode(T.self, from: value, at: path)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
            -> KeyedDecodingContainer<NestedKey>
        {
            let (value, path) = try next([String: JSONValue].self)
            return try JSONValueDecoder(value: value, codingPath: path).container(keyedBy: type)
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            let (value, path) = try next([JSONValue].self)
            return try JSONValueDecoder(value: value, codingPath: path).unkeyedContainer()
        }

        mutating func superDecoder() throws -> any Decoder {
            let (value, path) = try next(JSONValue.self)
            return JSONValueDecoder(value: value, codingPath: path)
        }
    }

    private struct Single: SingleValueDecodingContainer {
        let value: JSONValue
        let codingPath: [any CodingKey]

        func decodeNil() -> Bool { value.isNull }

        func decode<T: Decodable>(_ type: T.Type) throws -> T { try read() }
        func decode(_ type: Bool.Type) throws -> Bool { try read() }
        func decode(_ type: String.Type) throws -> String { try read() }
        func decode(_ type: Double.Type) throws -> Double { try read() }
        func decode(_ type: Float.Type) throws -> Float { try read() }
        func decode(_ type: Int.Type) throws -> Int { try read() }
        func decode(_ type: Int8.Type) throws -> Int8 { try read() }
        func decode(_ type: Int16.Type) throws -> Int16 { try read() }
        func decode(_ type: Int32.Type) throws -> Int32 { try read() }
        func decode(_ type: Int64.Type) throws -> Int64 { try read() }
        func decode(_ type: UInt.Type) throws -> UInt { try read() }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try read() }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try read() }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try read() }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try read() }

        private func read<T: Decodable>() throws -> T {
            try JSONValueDecoder.decode(T.self, from: value, at: codingPath)
        }
    }
}

/// A list index (or `super`) in a coding path; `codingPathText` prints it as `[i]`.
struct IndexKey: CodingKey {
    let stringValue: String
    let intValue: Int?
    init(intValue: Int) {
        self.stringValue = "Index \(intValue)"
        self.intValue = intValue
    }
    init(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }
}

private func mismatch(_ type: Any.Type, _ expected: String, _ found: JSONValue, _ path: [any CodingKey]) -> DecodingError {
    .typeMismatch(type, .init(codingPath: path, debugDescription: "expected \(expected), found \(found.typeName)"))
}
