/// Why a `--set`-style line could not be parsed; each case prints exactly Helm's text.
///
/// Helm (pkg/strvals) reports these with `fmt.Errorf`; the CLI then prefixes them
/// (`failed parsing --set data: …`, see `StrVals.Flags`). A `--set-file` reader's own
/// error is not wrapped here: it passes through unchanged, as in Helm.
public enum StrValsError: Error, CustomStringConvertible, Equatable, Sendable {
    /// `a` or `a.b` with no `=`: `key "a" has no value`.
    case keyHasNoValue(key: String)
    /// `a,b=1`: `key "a" has no value (cannot end with ,)`.
    case keyEndsWithComma(key: String)
    /// `a.=1` (a map that received nothing): `key map "a" has no value`.
    case keyMapHasNoValue(key: String)
    /// More than `StrVals.maxNestedNameLevel` dots in one name.
    case nestedTooDeep(limit: Int)
    /// The text between `[` and `]` is not an integer.
    case indexNotParsed(IndexFailure)
    /// `a[-1]=x`.
    case negativeIndex(Int)
    /// `a[70000]=x`: above `StrVals.maxIndex`.
    case indexTooLarge(Int, limit: Int)
    /// `a[0]x=1`: text after `]` that is not `[`, `.` or `=`.
    case unexpectedDataAfterIndex([Unicode.Scalar])
    /// A path walks into a value of the wrong kind (`a=1,a.b=2`). Helm hits a failed Go
    /// type assertion there and recovers the panic as
    /// `unable to parse key: interface conversion: interface {} is int64, not map[string]interface {}`.
    case typeMismatch(found: String, expected: String)
    /// `a={x,y` without the closing brace.
    case unterminatedList
    /// A `--set-json` value that Go's `encoding/json` rejects (its message).
    case json(String)

    /// Why an index did not parse.
    public enum IndexFailure: Equatable, Sendable {
        /// `strconv.Atoi` failed on `text`.
        case atoi(text: String, outOfRange: Bool)
    }

    public var description: String {
        switch self {
        case .keyHasNoValue(let k): return "key \(StrValsGoText.quote(k)) has no value"
        case .keyEndsWithComma(let k): return "key \(StrValsGoText.quote(k)) has no value (cannot end with ,)"
        case .keyMapHasNoValue(let k): return "key map \(StrValsGoText.quote(k)) has no value"
        case .nestedTooDeep(let limit):
            return "value name nested level is greater than maximum supported nested level of \(limit)"
        case .indexNotParsed(.atoi(let text, let outOfRange)):
            return "error parsing index: strconv.Atoi: parsing \(StrValsGoText.quote(text)): "
                + (outOfRange ? "value out of range" : "invalid syntax")
        case .negativeIndex(let i): return "negative \(i) index not allowed"
        case .indexTooLarge(let i, let limit):
            return "index of \(i) is greater than maximum supported index of \(limit)"
        case .unexpectedDataAfterIndex(let runes):
            return "unexpected data at end of array index: \(StrValsGoText.quoteRunes(runes))"
        case .typeMismatch(let found, let expected):
            return "unable to parse key: interface conversion: interface {} is \(found), not \(expected)"
        case .unterminatedList: return "list must terminate with '}'"
        case .json(let message): return message
        }
    }
}
