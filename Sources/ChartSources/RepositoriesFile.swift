import Values

/// One entry of Helm's `repositories.yaml` (`repo.Entry`): a named repository and
/// how to reach it.
public struct RepositoryEntry: Sendable, Equatable {
    public var name = ""
    public var url = ""
    public var username = ""
    public var password = ""
    public var certFile = ""
    public var keyFile = ""
    public var caFile = ""
    public var insecureSkipTLSVerify = false
    public var passCredentialsAll = false

    public init(name: String = "", url: String = "") {
        self.name = name
        self.url = url
    }

    /// The getter options this entry asks for (credentials scoped to its URL).
    public var getterOptions: HTTPGetterOptions {
        var o = HTTPGetterOptions()
        o.username = username
        o.password = password
        o.passCredentialsAll = passCredentialsAll
        o.credentialsURL = url
        o.caFile = caFile
        o.certFile = certFile
        o.keyFile = keyFile
        o.insecureSkipTLSVerify = insecureSkipTLSVerify
        return o
    }
}

/// Helm's `repositories.yaml` (`repo.File`), read so `@name`/`alias:name`
/// dependencies and configured repositories (with their credentials) resolve as with
/// Helm. Rudder only reads it; `helm repo add` (or a later `rudder repo`) writes it.
public struct RepositoriesFile: Sendable, Equatable {
    public var repositories: [RepositoryEntry] = []

    public init(repositories: [RepositoryEntry] = []) { self.repositories = repositories }

    /// The file's default place: `$HELM_REPOSITORY_CONFIG`, else `repositories.yaml` in
    /// Helm's config home (`$HELM_CONFIG_HOME`, `$XDG_CONFIG_HOME/helm`, `~/.config/helm`).
    public static func defaultPath(environment: (String) -> String?) -> String {
        if let p = environment("HELM_REPOSITORY_CONFIG") { return p }
        if let p = environment("HELM_CONFIG_HOME") { return LocalFiles.join(p, "repositories.yaml") }
        if let p = environment("XDG_CONFIG_HOME") { return LocalFiles.join(p, "helm/repositories.yaml") }
        return LocalFiles.join(environment("HOME") ?? ".", ".config/helm/repositories.yaml")
    }

    /// Reads the file; a missing file is `nil` (Helm treats it as no repositories).
    public static func load(_ path: String) throws(ChartSourceError) -> RepositoriesFile? {
        guard LocalFiles.exists(path) else { return nil }
        let bytes: [UInt8]
        do { bytes = try LocalFiles.read(path) } catch { throw .file(error) }
        return try decode(bytes, path: path)
    }

    public static func decode(_ bytes: [UInt8], path: String) throws(ChartSourceError) -> RepositoriesFile {
        let root: Value
        do { root = try YAML.decode(String(decoding: bytes, as: UTF8.self)) } catch {
            throw .invalidRepositoriesFile(path: path, reason: "\(error)")
        }
        var file = RepositoriesFile()
        guard case .list(let items, _)? = root.mapValue?["repositories"] else { return file }
        for item in items {
            guard let m = item.mapValue else { continue }
            func s(_ k: String) -> String { m[k]?.stringValue ?? "" }
            func b(_ k: String) -> Bool { if case .bool(let v)? = m[k] { return v } else { return false } }
            var e = RepositoryEntry(name: s("name"), url: s("url"))
            e.username = s("username")
            e.password = s("password")
            e.certFile = s("certFile")
            e.keyFile = s("keyFile")
            e.caFile = s("caFile")
            e.insecureSkipTLSVerify = b("insecure_skip_tls_verify")
            e.passCredentialsAll = b("pass_credentials_all")
            file.repositories.append(e)
        }
        return file
    }

    /// The entry named `name`.
    public func entry(named name: String) -> RepositoryEntry? { repositories.first { $0.name == name } }

    /// The entry whose URL equals `url` as Helm's `urlutil.Equal` compares them.
    public func entry(url: String) -> RepositoryEntry? { repositories.first { ChartURL.equal($0.url, url) } }
}
