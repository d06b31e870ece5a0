/// A request as the API layer sees it: transport details (NIO, TLS) stay in `HTTPServer`.
public struct HTTPRequest: Sendable {
    public var method: String
    /// The path, percent-decoded.
    public var path: String
    /// Query parameters in order; a name may repeat (`dryRun=All&dryRun=All`).
    public var query: [(name: String, value: String)]
    /// Header names lower-cased.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]
    /// Who the transport says sent it (plain HTTP, or TLS with the client certificate's CN);
    /// `AuthenticatingHandler` turns this and the `Authorization` header into a caller.
    public var peer: PeerIdentity
    /// Who sent it, once `AuthenticatingHandler` has decided (nil before, and in handlers
    /// served without authentication).
    public var caller: Authenticator.Caller?
    /// Whom it acts as: the caller's user once `AuthenticatingHandler` has decided, replaced by
    /// `ImpersonatingHandler` when it impersonates someone. Nil reads as `RequestUser(caller)`.
    public var user: RequestUser?

    /// The user flow control and authorization decide on.
    public var effectiveUser: RequestUser { user ?? RequestUser(caller) }

    public init(
        method: String, target: String, headers: [(name: String, value: String)], body: [UInt8],
        peer: PeerIdentity = .plainHTTP
    ) {
        self.method = method
        self.peer = peer
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        self.path = Self.percentDecode(String(parts[0]), plusIsSpace: false)
        self.query = parts.count > 1 ? Self.parseQuery(String(parts[1])) : []
        self.headers = headers.map { ($0.name.lowercased(), $0.value) }
        self.body = body
    }

    public func header(_ name: String) -> String? {
        let n = name.lowercased()
        return headers.first { $0.name == n }?.value
    }

    public func query(_ name: String) -> String? {
        query.first { $0.name == name }?.value
    }

    public func queryAll(_ name: String) -> [String] {
        query.filter { $0.name == name }.map(\.value)
    }

    /// Query booleans arrive as `true`/`false`; Go's `strconv.ParseBool` also takes `1`, `t`, `T`, `TRUE`, `True`.
    public func queryFlag(_ name: String) -> Bool {
        switch query(name) {
        case "1", "t", "T", "true", "TRUE", "True": return true
        default: return false
        }
    }

    static func parseQuery(_ text: String) -> [(name: String, value: String)] {
        text.split(separator: "&").map { pair in
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return (percentDecode(String(kv[0]), plusIsSpace: true),
                    kv.count > 1 ? percentDecode(String(kv[1]), plusIsSpace: true) : "")
        }
    }

    static func percentDecode(_ s: String, plusIsSpace: Bool) -> String {
        guard s.utf8.contains(where: { $0 == UInt8(ascii: "%") || (plusIsSpace && $0 == UInt8(ascii: "+")) }) else {
            return s
        }
        var out: [UInt8] = []
        var bytes = Array(s.utf8)[...]
        while let c = bytes.popFirst() {
            if c == UInt8(ascii: "+"), plusIsSpace {
                out.append(0x20)
            } else if c == UInt8(ascii: "%"), bytes.count >= 2, let h = hex(bytes[bytes.startIndex]),
                let l = hex(bytes[bytes.startIndex + 1])
            {
                out.append(h << 4 | l)
                bytes = bytes.dropFirst(2)
            } else {
                out.append(c)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}

/// What the API layer answers: a whole body, or a stream of chunks (a watch) that ends
/// when the producer finishes it; the server stops the stream when the client leaves.
public struct HTTPResponse: Sendable {
    public enum Body: Sendable {
        case bytes([UInt8])
        case stream(AsyncStream<[UInt8]>)
    }

    public var status: Int
    public var headers: [(name: String, value: String)]
    public var body: Body

    public init(status: Int, headers: [(name: String, value: String)] = [], body: Body = .bytes([])) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// The API layer: one answer per request.
public protocol HTTPRequestHandler: Sendable {
    func handle(_ request: HTTPRequest) async -> HTTPResponse
}
