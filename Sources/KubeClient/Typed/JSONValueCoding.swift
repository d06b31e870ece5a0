import Foundation
import KubeObjects

/// The bridge between the dynamic client, which speaks `JSONValue`, and the typed structs.
/// It goes through JSON bytes (Foundation's encoder and decoder on one side, KubeObjects'
/// parser and serializer on the other): a few microseconds per object, and the typed side
/// then sees exactly what the API server would send.
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
            return try JSONDecoder().decode(T.self, from: Data(serializedBytes()))
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
