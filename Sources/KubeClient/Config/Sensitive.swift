/// A secret (a bearer token, a password, a private key) that never shows itself in a
/// description, a debug description or `dump`. Configuration values are printed in logs and
/// test failures; wrapping the secret parts means printing a whole `ClientConfig` is safe.
/// Read the secret through `value`, only where it is sent.
public struct Sensitive<Value: Sendable & Hashable>: Sendable, Hashable, CustomStringConvertible,
    CustomDebugStringConvertible, CustomReflectable
{
    public let value: Value

    public init(_ value: Value) {
        self.value = value
    }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
    public var customMirror: Mirror { Mirror(self, children: [:]) }
}
