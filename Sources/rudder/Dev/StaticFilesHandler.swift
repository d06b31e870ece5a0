import EmbeddedAPIServer
import Foundation

/// Serves the files of one directory over HTTP GET: `rudder dev`'s chart repository
/// (index.yaml and the packaged example charts), as `helm serve` once did.
struct StaticFilesHandler: HTTPRequestHandler {
    let root: URL

    func handle(_ request: HTTPRequest) async -> HTTPResponse {
        guard request.method == "GET" || request.method == "HEAD" else { return HTTPResponse(status: 405) }
        let name = request.path.split(separator: "/").joined(separator: "/")
        // Only plain names below the root: no `..`, no hidden files.
        guard !name.isEmpty, !name.split(separator: "/").contains(where: { $0.hasPrefix(".") }),
            let data = FileManager.default.contents(atPath: root.appendingPathComponent(name).path)
        else {
            return HTTPResponse(status: 404, headers: [("Content-Type", "text/plain")], body: .bytes(Array("not found\n".utf8)))
        }
        let type = name.hasSuffix(".yaml") ? "application/x-yaml" : "application/gzip"
        return HTTPResponse(status: 200, headers: [("Content-Type", type)], body: .bytes(request.method == "HEAD" ? [] : [UInt8](data)))
    }
}
