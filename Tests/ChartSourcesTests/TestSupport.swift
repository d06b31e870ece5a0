import Foundation
import XCTest

/// The repository root, found from this file as the other test targets find it.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

/// Runs Python with real Helm (`helm_python`, Helm v4.2.3) from `<root>/.venv`: the oracle.
enum HelmPython {
    static var python: String { repositoryRoot.appendingPathComponent(".venv/bin/python").path }

    /// Runs `script` (with `import helm_python as h, json, os, shutil` done) and returns stdout.
    @discardableResult
    static func run(_ script: String, environment: [String: String] = [:]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = ["-c", "import helm_python as h, json, os, shutil\n" + script]
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw NSError(domain: "HelmPython", code: Int(p.terminationStatus), userInfo: [
                NSLocalizedDescriptionKey: String(decoding: errData, as: UTF8.self),
            ])
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// A temporary folder removed at the end of the test.
final class TemporaryDirectory {
    let path: String
    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("rudder-sources-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ relative: String, _ text: String) throws {
        let full = (path as NSString).appendingPathComponent(relative)
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: full, atomically: true, encoding: .utf8)
    }

    func read(_ relative: String) -> Data? {
        FileManager.default.contents(atPath: (path as NSString).appendingPathComponent(relative))
    }

    func list(_ relative: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: (path as NSString).appendingPathComponent(relative))) ?? [])
            .sorted()
    }
}

/// A static HTTP server on loopback serving a folder (`python3 -m http.server`), or,
/// with credentials, a tiny server that demands HTTP basic auth. Killed on `stop()`.
final class LocalHTTPServer {
    let process = Process()
    let port: Int
    var url: String { "http://127.0.0.1:\(port)" }

    init(serving directory: String, username: String? = nil, password: String? = nil) throws {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        if let username, let password {
            let script = """
                import base64, http.server, sys
                want = 'Basic ' + base64.b64encode(b'\(username):\(password)').decode()
                class H(http.server.SimpleHTTPRequestHandler):
                    def do_GET(self):
                        if self.headers.get('Authorization') != want:
                            self.send_response(401); self.send_header('WWW-Authenticate', 'Basic realm="r"'); self.end_headers(); return
                        super().do_GET()
                    def log_message(self, *a): pass
                s = http.server.HTTPServer(('127.0.0.1', 0), H)
                print('Serving HTTP on 127.0.0.1 port', s.server_address[1], flush=True)
                s.serve_forever()
                """
            process.arguments = ["-u", "-c", script]
        } else {
            process.arguments = ["-u", "-m", "http.server", "--bind", "127.0.0.1", "0"]
        }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // First line: "Serving HTTP on 127.0.0.1 port N (http://…) ..."
        var line = Data()
        while true {
            let byte = out.fileHandleForReading.readData(ofLength: 1)
            if byte.isEmpty || byte == Data([0x0A]) { break }
            line.append(byte)
        }
        let words = String(decoding: line, as: UTF8.self).split(separator: " ")
        guard let i = words.firstIndex(of: "port"), i + 1 < words.count, let p = Int(words[i + 1]) else {
            process.terminate()
            throw NSError(domain: "LocalHTTPServer", code: 1, userInfo: [NSLocalizedDescriptionKey: "no port in \(line)"])
        }
        port = p
    }

    func stop() {
        if process.isRunning {
            // SIGKILL: started from an async test, Python inherits a mask with SIGTERM
            // blocked and would never see `terminate()`.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }

    deinit { stop() }
}

/// A chart repository folder made by real Helm: charts packaged with
/// `helm_python.package` and an index from `helm_python.repo_index_generate`.
enum RepositoryFixture {
    /// `charts`: (name, version) pairs; each chart gets a values.yaml and a template.
    static func make(in dir: String, charts: [(String, String)]) throws {
        let list = charts.map { "(\"\($0.0)\", \"\($0.1)\")" }.joined(separator: ", ")
        try HelmPython.run("""
            d = \(pyString(dir))
            src = os.path.join(d, '.src')
            for name, version in [\(list)]:
                c = os.path.join(src, name + '-' + version)
                os.makedirs(os.path.join(c, 'templates'), exist_ok=True)
                open(os.path.join(c, 'Chart.yaml'), 'w').write('apiVersion: v2\\nname: %s\\nversion: %s\\n' % (name, version))
                open(os.path.join(c, 'values.yaml'), 'w').write('v: %s\\n' % version)
                open(os.path.join(c, 'templates', 'cm.yaml'), 'w').write('kind: ConfigMap\\n')
                h.package(c, destination=d)
            shutil.rmtree(src)
            h.repo_index_generate(d)
            """)
    }

    static func pyString(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "\\'") + "'" }
}
