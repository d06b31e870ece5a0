import Foundation
import XCTest

/// A real OCI registry on loopback: Debian's `docker-registry` (the CNCF distribution
/// registry, installed by hack/setup) with its storage in a temporary folder, plain HTTP
/// on a free port. Optionally with htpasswd basic auth, or with the token flow: then a
/// small token service (Python, signing RS256 JWTs with `openssl`) runs beside it, as
/// Docker Hub's auth service does. Killed on `stop()`.
final class LocalRegistry {
    enum Auth {
        case anonymous
        case basic(username: String, password: String)
        case token(username: String, password: String)
    }

    let dir: TemporaryDirectory
    let port: Int
    let registry = Process()
    var tokenServer: Process?
    let auth: Auth
    var host: String { "127.0.0.1:\(port)" }
    /// `oci://127.0.0.1:PORT/charts`, where `push` puts charts.
    var chartsURL: String { "oci://\(host)/charts" }

    init(auth: Auth = .anonymous) throws {
        if !FileManager.default.isExecutableFile(atPath: "/usr/bin/docker-registry") {
            try Self.shell("'\(repositoryRoot.path)/hack/setup' >&2")
        }
        self.auth = auth
        dir = try TemporaryDirectory()
        port = try Self.freePort()
        var authYAML = ""
        switch auth {
        case .anonymous: break
        case .basic(let user, let password):
            try Self.writeHtpasswd(user: user, password: password, to: dir.path + "/htpasswd")
            authYAML = "auth: {htpasswd: {realm: rudder, path: \(dir.path)/htpasswd}}"
        case .token(let user, let password):
            let tokenPort = try Self.freePort()
            try Self.shell(
                "openssl req -x509 -newkey rsa:2048 -nodes -keyout \(dir.path)/token.key -out \(dir.path)/token.crt -days 2 -subj /CN=rudder-token 2>/dev/null")
            tokenServer = try Self.startTokenServer(port: tokenPort, key: dir.path + "/token.key", cert: dir.path + "/token.crt", user: user, password: password)
            authYAML = """
                auth:
                  token: {realm: "http://127.0.0.1:\(tokenPort)/token", service: rudder-registry, issuer: rudder-test, rootcertbundle: \(dir.path)/token.crt}
                """
        }
        try dir.file("config.yml", """
            version: 0.1
            log: {level: error, accesslog: {disabled: true}}
            storage: {filesystem: {rootdirectory: \(dir.path)/data}, delete: {enabled: true}}
            http: {addr: "127.0.0.1:\(port)", secret: rudder-test}
            \(authYAML)
            """)
        registry.executableURL = URL(fileURLWithPath: "/usr/bin/docker-registry")
        registry.arguments = ["serve", dir.path + "/config.yml"]
        registry.standardOutput = FileHandle.nullDevice
        registry.standardError = FileHandle.nullDevice
        try registry.run()
        try Self.waitForPort(port, process: registry)
    }

    func stop() {
        // SIGKILL: a process started from an async test inherits that thread's signal
        // mask, with SIGTERM blocked, and Python then never sees `terminate()`.
        for p in [registry, tokenServer].compactMap({ $0 }) where p.isRunning {
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
        }
    }

    deinit { stop() }

    /// Packages a chart `name`/`version` with real Helm and pushes it with real Helm
    /// (`helm push` to `chartsURL`, logged in when the registry wants credentials).
    /// Returns the archive's bytes.
    @discardableResult
    func push(_ name: String, _ version: String, values: String = "x: 1") throws -> Data {
        let work = try TemporaryDirectory()
        try work.file("\(name)/Chart.yaml", "apiVersion: v2\nname: \(name)\nversion: \(version)\n")
        try work.file("\(name)/values.yaml", values + "\n")
        try work.file("\(name)/templates/cm.yaml", "kind: ConfigMap\nmetadata: {name: {{ .Release.Name }}}\n")
        try HelmPython.run("""
            h.package(os.path.join(\(pyString(work.path)), \(pyString(name))), destination=\(pyString(work.path)))
            \(helmClient)
                c.push(os.path.join(\(pyString(work.path)), \(pyString("\(name)-\(version).tgz"))), \(pyString(chartsURL)), plain_http=True)
            """)
        return work.read("\(name)-\(version).tgz") ?? Data()
    }

    /// `with h.RegistryClient(…) as c:` logged in as needed (indent the body by 4).
    var helmClient: String {
        let creds = pyString(dir.path + "/helm-credentials.json")
        switch auth {
        case .anonymous:
            return "with h.RegistryClient(plain_http=True, credentials_file=\(creds)) as c:"
        case .basic(let user, let password), .token(let user, let password):
            return """
                with h.RegistryClient(plain_http=True, credentials_file=\(creds)) as c:
                    c.login(\(pyString(host)), \(pyString(user)), \(pyString(password)), plain_http=True)
                """
        }
    }

    /// Helm's manifest digest for `name:tag` (`RegistryClient.resolve`).
    func manifestDigest(_ name: String, tag: String) throws -> String {
        let out = try HelmPython.run("""
            \(helmClient)
                print(c.resolve(\(pyString("\(chartsURL)/\(name):\(tag)")))['digest'])
            """)
        return out.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    // MARK: - Plumbing

    static func freePort() throws -> Int {
        let out = try shell("python3 -c \"import socket; s=socket.socket(); s.bind(('127.0.0.1',0)); print(s.getsockname()[1])\"")
        guard let p = Int(out.trimmingCharacters(in: .whitespacesAndNewlines)) else { throw failure("no free port: \(out)") }
        return p
    }

    /// Waits until something accepts connections on the port (the registry has started),
    /// or the process died, or 20 s passed.
    static func waitForPort(_ port: Int, process: Process) throws {
        for _ in 0..<400 {
            if !process.isRunning { throw failure("\(process.executableURL?.path ?? "") exited with \(process.terminationStatus)") }
            if (try? shell("python3 -c \"import socket; socket.create_connection(('127.0.0.1', \(port)), 0.2).close()\" 2>/dev/null && echo up")) == "up\n" {
                return
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        throw failure("nothing listens on 127.0.0.1:\(port)")
    }

    /// A bcrypt htpasswd line (the registry accepts only bcrypt), from Python's `crypt`.
    static func writeHtpasswd(user: String, password: String, to path: String) throws {
        let line = try shell(
            "python3 -W ignore -c \"import crypt,sys; print(sys.argv[1] + ':' + crypt.crypt(sys.argv[2], crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=16)))\" \(user) \(password)")
        try line.write(toFile: path, atomically: true, encoding: .utf8)
    }

    static func startTokenServer(port: Int, key: String, cert: String, user: String, password: String) throws -> Process {
        let script = """
            import base64, http.server, json, subprocess, sys, time, urllib.parse
            key, cert, user, password, port = sys.argv[1:6]
            want = 'Basic ' + base64.b64encode((user + ':' + password).encode()).decode()
            der = subprocess.run(['openssl', 'x509', '-in', cert, '-outform', 'DER'], capture_output=True, check=True).stdout
            def b64(b): return base64.urlsafe_b64encode(b).rstrip(b'=').decode()
            def sign(claims):
                head = b64(json.dumps({'typ': 'JWT', 'alg': 'RS256', 'x5c': [base64.b64encode(der).decode()]}).encode())
                body = b64(json.dumps(claims).encode())
                sig = subprocess.run(['openssl', 'dgst', '-sha256', '-sign', key], input=(head + '.' + body).encode(), capture_output=True, check=True).stdout
                return head + '.' + body + '.' + b64(sig)
            class H(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    if self.headers.get('Authorization') != want:
                        self.send_response(401); self.end_headers(); return
                    q = urllib.parse.parse_qs(urllib.parse.urlparse(self.path).query)
                    access = []
                    for scope in q.get('scope', []):
                        for s in scope.split(' '):
                            kind, name, actions = s.split(':')
                            access.append({'type': kind, 'name': name, 'actions': actions.split(',')})
                    now = int(time.time())
                    token = sign({'iss': 'rudder-test', 'sub': user, 'aud': q.get('service', [''])[0], 'exp': now + 600,
                                  'nbf': now - 60, 'iat': now - 60, 'jti': str(now), 'access': access})
                    out = json.dumps({'token': token}).encode()
                    self.send_response(200); self.send_header('Content-Type', 'application/json')
                    self.send_header('Content-Length', str(len(out))); self.end_headers(); self.wfile.write(out)
                def log_message(self, *a): pass
            http.server.HTTPServer(('127.0.0.1', int(port)), H).serve_forever()
            """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = ["-c", script, key, cert, user, password, String(port)]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        try waitForPort(port, process: p)
        return p
    }

    @discardableResult
    static func shell(_ command: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw failure("\(command) failed with \(p.terminationStatus)") }
        return String(decoding: data, as: UTF8.self)
    }

    static func failure(_ message: String) -> NSError {
        NSError(domain: "LocalRegistry", code: 1, userInfo: [NSLocalizedDescriptionKey: message])
    }
}

func pyString(_ s: String) -> String { RepositoryFixture.pyString(s) }
