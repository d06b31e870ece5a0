/// TOML as BurntSushi/toml v1.6.0 reads and writes it for Helm's `toToml` and
/// `fromToml`.
public enum TOML {
    /// `toml.NewEncoder(buf).Encode(v)`. Errors the encoder returns are
    /// `TOMLEncodeError.encoding` (Helm's `toToml` prints their text); a Go panic (an
    /// untyped nil) is `.panic` (Helm fails the render).
    public static func encode(_ v: Value) throws -> String {
        try TOMLWriter.encode(v)
    }

    /// `toml.Unmarshal` into a `map[string]interface {}`: integers are int64, floats
    /// float64, datetimes `time.Time`, arrays `[]interface {}`, tables
    /// `map[string]interface {}`. Throws `TOMLDecodeError`.
    public static func decode(_ text: String) throws -> Value {
        .map(try TOMLReader.parse(text))
    }
}
