#if canImport(Glibc)
import Glibc
#endif

/// Why a benchmark run stopped: the figures of a run that lost requests or events would
/// measure something other than what they claim, so any such loss ends it.
enum BenchError: Error, CustomStringConvertible {
    case socket(String, errno: Int32, port: Int)
    /// The server closed the connection where an answer was expected.
    case closed
    case timedOut(port: Int)
    case protocolViolation(String)
    case unexpectedStatus(request: String, status: Int, body: String)
    /// What was measured does not add up (objects missing from a list, events not delivered).
    case incomplete(String)
    case serverStopped(String)

    var description: String {
        switch self {
        case .socket(let call, let code, let port):
            "\(call) on 127.0.0.1:\(port) failed: \(String(cString: strerror(code)))"
        case .closed:
            "the server closed the connection mid-answer"
        case .timedOut(let port):
            "no answer from 127.0.0.1:\(port) in time"
        case .protocolViolation(let what):
            "malformed HTTP answer: \(what)"
        case .unexpectedStatus(let request, let status, let body):
            "\(request) answered \(status): \(body.prefix(300))"
        case .incomplete(let what):
            "incomplete run: \(what)"
        case .serverStopped(let why):
            "the API server stopped: \(why)"
        }
    }
}
