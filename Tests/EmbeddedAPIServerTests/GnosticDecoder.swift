import KubeObjects

/// Reads a gnostic `openapi_v2.Document` protobuf back into Swagger JSON, written from
/// google/gnostic-models `openapiv2/OpenAPIv2.proto` independently of the server's encoder, so
/// that a wrong field number or wire type shows up as a difference from the JSON document.
/// `Any` values are read as YAML, as kubectl reads them. Fields the proto file does not
/// declare for a message are errors (a real decoder would silently drop them).
enum GnosticDecoder {
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    static func document(_ bytes: [UInt8]) throws -> JSONValue {
        try decode(bytes[...], .document)
    }

    private enum Message {
        case document, info, paths, definitions, pathItem, operation, parametersItem, parameter, nonBody
        case body, jsonReference, query, path, responses, responseValue, response, schemaItem, schema
    }

    private indirect enum Kind {
        case string, bool, int64, double, strings, any, anys, vendor
        /// A nested message; with an empty name its members merge into the parent.
        case message(Message)
        case messages(Message)
        /// `repeated Named*{name = 1, value = 2}` as members of the parent.
        case named(Message)
        case typeItem, itemsItem, additionalProperties
    }

    private static func fields(_ m: Message) -> [Int: (String, Kind)] {
        switch m {
        case .document:
            return [1: ("swagger", .string), 2: ("info", .message(.info)), 3: ("host", .string), 4: ("basePath", .string),
                    5: ("schemes", .strings), 6: ("consumes", .strings), 7: ("produces", .strings),
                    8: ("paths", .message(.paths)), 9: ("definitions", .message(.definitions)), 16: ("", .vendor)]
        case .info:
            return [1: ("title", .string), 2: ("version", .string), 3: ("description", .string), 7: ("", .vendor)]
        case .paths:
            return [1: ("", .vendor), 2: ("", .named(.pathItem))]
        case .definitions:
            return [1: ("", .named(.schema))]
        case .pathItem:
            return [1: ("$ref", .string), 2: ("get", .message(.operation)), 3: ("put", .message(.operation)),
                    4: ("post", .message(.operation)), 5: ("delete", .message(.operation)), 6: ("options", .message(.operation)),
                    7: ("head", .message(.operation)), 8: ("patch", .message(.operation)),
                    9: ("parameters", .messages(.parametersItem)), 10: ("", .vendor)]
        case .operation:
            return [1: ("tags", .strings), 2: ("summary", .string), 3: ("description", .string), 5: ("operationId", .string),
                    6: ("produces", .strings), 7: ("consumes", .strings), 8: ("parameters", .messages(.parametersItem)),
                    9: ("responses", .message(.responses)), 10: ("schemes", .strings), 11: ("deprecated", .bool), 13: ("", .vendor)]
        case .parametersItem:
            return [1: ("", .message(.parameter)), 2: ("", .message(.jsonReference))]
        case .parameter:
            return [1: ("", .message(.body)), 2: ("", .message(.nonBody))]
        case .nonBody:
            return [1: ("", .message(.path)), 2: ("", .message(.query)), 3: ("", .message(.query)), 4: ("", .message(.path))]
        case .jsonReference:
            return [1: ("$ref", .string), 2: ("description", .string)]
        case .body:
            return [1: ("description", .string), 2: ("name", .string), 3: ("in", .string), 4: ("required", .bool),
                    5: ("schema", .message(.schema)), 6: ("", .vendor)]
        case .query, .path:
            // Query (and form-data) parameters have allowEmptyValue at 5; path (and header)
            // parameters go straight on, one lower.
            let s = m == .query ? 1 : 0
            var f: [Int: (String, Kind)] = [
                1: ("required", .bool), 2: ("in", .string), 3: ("description", .string), 4: ("name", .string),
                5 + s: ("type", .string), 6 + s: ("format", .string), 8 + s: ("collectionFormat", .string),
                9 + s: ("default", .any), 10 + s: ("maximum", .double), 11 + s: ("exclusiveMaximum", .bool),
                12 + s: ("minimum", .double), 13 + s: ("exclusiveMinimum", .bool), 14 + s: ("maxLength", .int64),
                15 + s: ("minLength", .int64), 16 + s: ("pattern", .string), 17 + s: ("maxItems", .int64),
                18 + s: ("minItems", .int64), 19 + s: ("uniqueItems", .bool), 20 + s: ("enum", .anys),
                21 + s: ("multipleOf", .double), 22 + s: ("", .vendor),
            ]
            if s == 1 { f[5] = ("allowEmptyValue", .bool) }
            return f
        case .responses:
            return [1: ("", .named(.responseValue)), 2: ("", .vendor)]
        case .responseValue:
            return [1: ("", .message(.response)), 2: ("", .message(.jsonReference))]
        case .response:
            return [1: ("description", .string), 2: ("schema", .message(.schemaItem)), 5: ("", .vendor)]
        case .schemaItem:
            return [1: ("", .message(.schema))]
        case .schema:
            return [1: ("$ref", .string), 2: ("format", .string), 3: ("title", .string), 4: ("description", .string),
                    5: ("default", .any), 6: ("multipleOf", .double), 7: ("maximum", .double), 8: ("exclusiveMaximum", .bool),
                    9: ("minimum", .double), 10: ("exclusiveMinimum", .bool), 11: ("maxLength", .int64), 12: ("minLength", .int64),
                    13: ("pattern", .string), 14: ("maxItems", .int64), 15: ("minItems", .int64), 16: ("uniqueItems", .bool),
                    17: ("maxProperties", .int64), 18: ("minProperties", .int64), 19: ("required", .strings), 20: ("enum", .anys),
                    21: ("additionalProperties", .additionalProperties), 22: ("type", .typeItem), 23: ("items", .itemsItem),
                    24: ("allOf", .messages(.schema)), 25: ("properties", .message(.definitions)), 26: ("discriminator", .string),
                    27: ("readOnly", .bool), 30: ("example", .any), 31: ("", .vendor)]
        }
    }

    private static func decode(_ bytes: ArraySlice<UInt8>, _ m: Message) throws -> JSONValue {
        var out: [String: JSONValue] = [:]
        var reader = Reader(bytes: bytes)
        let table = fields(m)
        while let (field, value) = try reader.next() {
            guard let (name, kind) = table[field] else { throw Malformed(description: "\(m) has no field \(field)") }
            switch kind {
            case .string: out[name] = .string(try value.text())
            case .bool: out[name] = .bool(try value.varint() != 0)
            case .int64: out[name] = .int(Int64(bitPattern: try value.varint()))
            case .double: out[name] = number(try value.double())
            case .strings: out[name] = .array((out[name]?.arrayValue ?? []) + [.string(try value.text())])
            case .any: out[name] = try any(try value.bytes())
            case .anys: out[name] = .array((out[name]?.arrayValue ?? []) + [try any(try value.bytes())])
            case .vendor:
                let (key, v) = try named(try value.bytes())
                out[key] = try any(v)
            case .message(let sub):
                let decoded = try decode(try value.bytes(), sub)
                if name.isEmpty {
                    out.merge(decoded.objectValue ?? [:]) { _, new in new }
                } else {
                    out[name] = decoded
                }
            case .messages(let sub):
                out[name] = .array((out[name]?.arrayValue ?? []) + [try decode(try value.bytes(), sub)])
            case .named(let sub):
                let (key, v) = try named(try value.bytes())
                out[key] = try decode(v, sub)
            case .typeItem:
                let types = try repeatedField1(try value.bytes()).map { JSONValue.string(String(decoding: $0, as: UTF8.self)) }
                out[name] = types.count == 1 ? types[0] : .array(types)
            case .itemsItem:
                let items = try repeatedField1(try value.bytes()).map { try decode($0, .schema) }
                out[name] = items.count == 1 ? items[0] : .array(items)
            case .additionalProperties:
                var inner = Reader(bytes: try value.bytes())
                guard let (f, v) = try inner.next() else { throw Malformed(description: "empty AdditionalPropertiesItem") }
                out[name] = f == 1 ? try decode(try v.bytes(), .schema) : .bool(try v.varint() != 0)
            }
        }
        return .object(out)
    }

    /// `Named*{name = 1, value = 2}`.
    private static func named(_ bytes: ArraySlice<UInt8>) throws -> (String, ArraySlice<UInt8>) {
        var reader = Reader(bytes: bytes)
        var name = ""
        var value: ArraySlice<UInt8> = []
        while let (field, v) = try reader.next() {
            if field == 1 { name = try v.text() } else if field == 2 { value = try v.bytes() }
        }
        return (name, value)
    }

    /// `Any{value = 1, yaml = 2}`: the YAML text, parsed.
    private static func any(_ bytes: ArraySlice<UInt8>) throws -> JSONValue {
        var reader = Reader(bytes: bytes)
        while let (field, v) = try reader.next() {
            if field == 2 { return try JSONValue.parseYAML(try v.text()) }
        }
        throw Malformed(description: "Any without yaml")
    }

    private static func repeatedField1(_ bytes: ArraySlice<UInt8>) throws -> [ArraySlice<UInt8>] {
        var reader = Reader(bytes: bytes)
        var out: [ArraySlice<UInt8>] = []
        while let (field, v) = try reader.next() {
            guard field == 1 else { throw Malformed(description: "unexpected field \(field)") }
            out.append(try v.bytes())
        }
        return out
    }

    /// JSON's numbers: whole values were integers in the document.
    private static func number(_ d: Double) -> JSONValue {
        d.rounded() == d && abs(d) < 1e15 ? .int(Int64(d)) : .double(d)
    }

    private enum Value {
        case varint(UInt64)
        case fixed64(UInt64)
        case bytes(ArraySlice<UInt8>)

        func varint() throws -> UInt64 {
            guard case .varint(let v) = self else { throw Malformed(description: "expected a varint, got \(self)") }
            return v
        }

        func double() throws -> Double {
            guard case .fixed64(let v) = self else { throw Malformed(description: "expected a fixed64, got \(self)") }
            return Double(bitPattern: v)
        }

        func bytes() throws -> ArraySlice<UInt8> {
            guard case .bytes(let b) = self else { throw Malformed(description: "expected bytes, got \(self)") }
            return b
        }

        func text() throws -> String { String(decoding: try bytes(), as: UTF8.self) }
    }

    private struct Reader {
        var bytes: ArraySlice<UInt8>

        mutating func next() throws -> (Int, Value)? {
            guard !bytes.isEmpty else { return nil }
            let key = try varint()
            switch key & 7 {
            case 0: return (Int(key >> 3), .varint(try varint()))
            case 1:
                guard bytes.count >= 8 else { throw Malformed(description: "short fixed64") }
                var v: UInt64 = 0
                for (i, b) in bytes.prefix(8).enumerated() { v |= UInt64(b) << (8 * UInt64(i)) }
                bytes = bytes.dropFirst(8)
                return (Int(key >> 3), .fixed64(v))
            case 2:
                let n = Int(try varint())
                guard bytes.count >= n else { throw Malformed(description: "length \(n) overruns") }
                let value = bytes.prefix(n)
                bytes = bytes.dropFirst(n)
                return (Int(key >> 3), .bytes(value))
            default:
                throw Malformed(description: "wire type \(key & 7)")
            }
        }

        mutating func varint() throws -> UInt64 {
            var result: UInt64 = 0
            var shift: UInt64 = 0
            while let b = bytes.first {
                bytes = bytes.dropFirst()
                result |= UInt64(b & 0x7F) << shift
                if b & 0x80 == 0 { return result }
                shift += 7
                guard shift < 64 else { break }
            }
            throw Malformed(description: "bad varint")
        }
    }
}
