/// Where `--metrics-addr` / `--health-addr` listen, written as controller-runtime takes it:
/// `:8080` (every IPv4 interface), `127.0.0.1:8080`, `[::]:8080`, or `0` to serve nothing.
/// Port 0 picks a free port.
struct ListenAddress: Equatable, Sendable, CustomStringConvertible {
    var host: String
    var port: Int

    /// The address `text` names, or nil for `0` (disabled).
    static func parse(_ text: String, flag: String) throws(ListenAddressError) -> ListenAddress? {
        if text == "0" { return nil }
        guard let colon = text.lastIndex(of: ":") else {
            throw ListenAddressError(flag: flag, value: text, reason: "expected HOST:PORT, :PORT or 0")
        }
        var host = String(text[..<colon])
        let portText = text[text.index(after: colon)...]
        guard !portText.isEmpty, portText.allSatisfy(\.isASCIIDigit), let port = Int(portText), port <= 65535 else {
            throw ListenAddressError(flag: flag, value: text, reason: "the port must be a number from 0 to 65535")
        }
        if host.hasPrefix("[") {
            guard host.hasSuffix("]"), host.count > 2 else {
                throw ListenAddressError(flag: flag, value: text, reason: "an IPv6 host is written [ADDRESS]")
            }
            host = String(host.dropFirst().dropLast())
        } else if host.contains(":") {
            throw ListenAddressError(flag: flag, value: text, reason: "an IPv6 host is written [ADDRESS]")
        }
        // Go's net.Listen reads an empty host as every interface; pods are reached on IPv4.
        return ListenAddress(host: host.isEmpty ? "0.0.0.0" : host, port: port)
    }

    var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}

struct ListenAddressError: Error, CustomStringConvertible {
    var flag: String
    var value: String
    var reason: String

    var description: String { "\(flag) \"\(value)\": \(reason)" }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
