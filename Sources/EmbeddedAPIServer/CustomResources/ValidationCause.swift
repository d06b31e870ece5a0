import Values
import KubeObjects

/// One reason a custom object is invalid, as the API server reports it in a 422 Status:
/// `details.causes[].{reason, field, message}`, and `field: message` in the Status message.
/// The messages are Go's `field.Error.ErrorBody()`: the error type's words, then the bad
/// value as Go prints it, then the detail (`Invalid value: 11: spec.x in body should be
/// less than or equal to 10`).
public struct ValidationCause: Sendable, Equatable, CustomStringConvertible {
    /// `metav1.CauseType` values for field errors.
    public enum CauseType: String, Sendable {
        case required = "FieldValueRequired"
        case invalid = "FieldValueInvalid"
        case notSupported = "FieldValueNotSupported"
        case typeInvalid = "FieldValueTypeInvalid"
        case duplicate = "FieldValueDuplicate"
        case tooLong = "FieldValueTooLong"
        case tooMany = "FieldValueTooMany"
        case forbidden = "FieldValueForbidden"
    }

    public var field: String
    public var type: CauseType
    public var message: String

    public init(field: String, type: CauseType, message: String) {
        self.field = field
        self.type = type
        self.message = message
    }

    /// `spec.replicas: Required value`, the form joined into the Status message.
    public var description: String { "\(field): \(message)" }

    /// The tuple `APIError.invalid` takes.
    public var apiCause: (field: String, type: String, message: String) { (field, type.rawValue, message) }

    static func required(_ field: String, _ detail: String = "") -> ValidationCause {
        ValidationCause(field: field, type: .required, message: withDetail("Required value", detail))
    }

    static func invalid(_ field: String, _ value: JSONValue, _ detail: String) -> ValidationCause {
        ValidationCause(field: field, type: .invalid, message: withDetail("Invalid value: " + GoValueText.errorValue(value), detail))
    }

    static func typeInvalid(_ field: String, _ value: JSONValue, _ detail: String) -> ValidationCause {
        ValidationCause(field: field, type: .typeInvalid, message: withDetail("Invalid value: " + GoValueText.errorValue(value), detail))
    }

    static func notSupported(_ field: String, _ value: JSONValue, _ supported: [String]) -> ValidationCause {
        let detail = supported.isEmpty ? "" : "supported values: " + supported.map(GoQuote.quote).joined(separator: ", ")
        return ValidationCause(field: field, type: .notSupported, message: withDetail("Unsupported value: " + GoValueText.errorValue(value), detail))
    }

    static func duplicate(_ field: String, _ value: JSONValue) -> ValidationCause {
        ValidationCause(field: field, type: .duplicate, message: "Duplicate value: " + GoValueText.errorValue(value))
    }

    /// The value itself is never printed for "Too long" (it may be huge).
    static func tooLong(_ field: String, max: Int64) -> ValidationCause {
        let detail = max >= 0 ? "may not be more than \(max) \(max == 1 ? "byte" : "bytes")" : "value is too long"
        return ValidationCause(field: field, type: .tooLong, message: withDetail("Too long", detail))
    }

    static func tooMany(_ field: String, actual: Int64, max: Int64) -> ValidationCause {
        let detail = max >= 0 ? "must have at most \(max) \(max == 1 ? "item" : "items")" : "has too many items"
        let head = actual >= 0 ? "Too many: \(actual)" : "Too many"
        return ValidationCause(field: field, type: .tooMany, message: withDetail(head, detail))
    }

    static func forbidden(_ field: String, _ detail: String) -> ValidationCause {
        ValidationCause(field: field, type: .forbidden, message: withDetail("Forbidden", detail))
    }

    private static func withDetail(_ head: String, _ detail: String) -> String {
        detail.isEmpty ? head : "\(head): \(detail)"
    }
}
