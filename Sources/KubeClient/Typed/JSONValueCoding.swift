import Foundation
import KubeObjects

/// The bridge between the dynamic client, which speaks `JSONValue`, and the typed structs.
/// Encoding goes through JSON bytes (Foundation's JSONEncoder, then KubeObjects' parser), so
/// the typed side writes exactly what the API server would read. Decoding reads the
/// `JSONValue` in place (`JSONValueDecoder`): Foundation's decoder loses the coding path on
/// numbers that do not fit their field, and a decoding error must say which field.
extension JSONValue {
    /// The JSON form of `value` (a typed resource writes its `apiVersion` and `kind`).
    public init(encoding value: some Encodable) throws(TypedEncodingError) {
        let typeName = typeNameForErrors(type(of: value))
        let data: Data
        do {
            data = try JSONEncoder().encode(value)
        } catch let error as EncodingError {
            throw TypedEncodingError(error, typeName: typeName)
        } catch {
            throw TypedEncodingError(typeName: typeName, path: "", message: "\(error)")
        }
        do {
            self = try JSONValue.parse([UInt8](data))
        } catch {
            // Foundation wrote JSON this parser refuses: a bug on one side, reported as such.
            throw TypedEncodingError(typeName: typeName, path: "", message: "encoder output is not JSON: \(error.message)")
        }
    }

    /// This value read as `type`. A failure names the type and the path of the field at
    /// fault (`spec.leaseDurationSeconds`), never the field's value.
    public func decode<T: Decodable>(_ type: T.Type = T.self) throws(TypedDecodingError) -> T {
        do {
            return try JSONValueDecoder.decode(T.self, from: self, at: [])
        } catch let error as DecodingError {
            throw TypedDecodingError(error, typeName: typeNameForErrors(T.self))
        } catch {
            throw TypedDecodingError(typeName: typeNameForErrors(T.self), path: "", message: "\(error)")
        }
    }
}

/// A resource's kind (`Lease`), else the Swift type's name.
private func typeNameForErrors(_ type: Any.Type) -> String {
    (type as? any KubeResource.Type)?.kind ?? String(describing: type)
}
