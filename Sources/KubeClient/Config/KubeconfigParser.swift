import Foundation
import KubeObjects

extension KubeconfigFile {
    /// Reads the file at `path`, resolving its relative paths against its folder.
    public static func load(path: String) throws(KubeconfigError) -> KubeconfigFile {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            if !FileManager.default.fileExists(atPath: path) { throw .fileNotFound(path: path) }
            throw .unreadable(path: path, reason: String(describing: error))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw .unreadable(path: path, reason: "not UTF-8 text")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().standardizedFileURL.path
        return try parse(text, location: path, relativeTo: folder)
    }

    /// Parses kubeconfig text. `location` names the file in errors; `relativeTo` is the folder
    /// relative `certificate-authority`, `client-certificate`, `client-key`, `tokenFile` and
    /// `exec.command` (when it holds a `/`) are resolved against (nil: left as written).
    /// An empty document is an empty kubeconfig, as client-go's `Load` has it.
    public static func parse(
        _ text: String, location: String? = nil, relativeTo folder: String? = nil
    ) throws(KubeconfigError) -> KubeconfigFile {
        let document: JSONValue
        do {
            document = try JSONValue.parseYAML(text)
        } catch {
            throw .malformedYAML(path: location, message: error.message)
        }
        let reader = KubeconfigReader(location: location, folder: folder)
        return try reader.file(document)
    }
}

/// Turns the decoded YAML into the model, checking each field's type as Go's JSON decoding
/// of client-go's `v1.Config` would, and ignoring fields it does not know.
struct KubeconfigReader {
    let location: String?
    let folder: String?

    func file(_ document: JSONValue) throws(KubeconfigError) -> KubeconfigFile {
        if document.isNull { return KubeconfigFile() }
        let root = try object(document, "the document")
        var file = KubeconfigFile()
        file.currentContext = try string(root["current-context"], "current-context").flatMap { $0.isEmpty ? nil : $0 }
        file.clusters = try named(root["clusters"], "clusters", kind: "cluster", entry: "cluster", cluster)
        file.users = try named(root["users"], "users", kind: "user", entry: "user", user)
        file.contexts = try named(root["contexts"], "contexts", kind: "context", entry: "context", context)
        return file
    }

    /// A list of `{name, <entry>: {...}}` as a dictionary; duplicate names are an error, as
    /// in client-go's conversion of the v1 lists.
    private func named<T>(
        _ value: JSONValue?, _ field: String, kind: String, entry: String,
        _ read: (JSONValue?, String) throws(KubeconfigError) -> T
    ) throws(KubeconfigError) -> [String: T] {
        guard let value, !value.isNull else { return [:] }
        guard let items = value.arrayValue else { throw invalid(field, "a list") }
        var result: [String: T] = [:]
        for (index, item) in items.enumerated() {
            let path = "\(field)[\(index)]"
            let fields = try object(item, path)
            let name = try string(fields["name"], path + ".name") ?? ""
            if result[name] != nil { throw .duplicateName(path: location, kind: kind, name: name) }
            result[name] = try read(fields[entry], path + "." + entry)
        }
        return result
    }

    private func cluster(_ value: JSONValue?, _ path: String) throws(KubeconfigError) -> KubeconfigCluster {
        let fields = try optionalObject(value, path)
        return KubeconfigCluster(
            server: try nonEmpty(fields["server"], path + ".server"),
            certificateAuthority: try filePath(fields["certificate-authority"], path + ".certificate-authority"),
            certificateAuthorityData: try bytes(fields["certificate-authority-data"], path + ".certificate-authority-data"),
            insecureSkipTLSVerify: try bool(fields["insecure-skip-tls-verify"], path + ".insecure-skip-tls-verify"),
            tlsServerName: try nonEmpty(fields["tls-server-name"], path + ".tls-server-name"),
            proxyURL: try nonEmpty(fields["proxy-url"], path + ".proxy-url"),
            disableCompression: try bool(fields["disable-compression"], path + ".disable-compression"))
    }

    private func user(_ value: JSONValue?, _ path: String) throws(KubeconfigError) -> KubeconfigUser {
        let fields = try optionalObject(value, path)
        var authProvider: String?
        if let provider = fields["auth-provider"], !provider.isNull {
            authProvider = try string(try object(provider, path + ".auth-provider")["name"], path + ".auth-provider.name") ?? ""
        }
        return KubeconfigUser(
            clientCertificate: try filePath(fields["client-certificate"], path + ".client-certificate"),
            clientKey: try filePath(fields["client-key"], path + ".client-key"),
            clientCertificateData: try bytes(fields["client-certificate-data"], path + ".client-certificate-data"),
            clientKeyData: try bytes(fields["client-key-data"], path + ".client-key-data").map(Sensitive.init),
            token: try nonEmpty(fields["token"], path + ".token").map(Sensitive.init),
            tokenFile: try filePath(fields["tokenFile"], path + ".tokenFile"),
            username: try nonEmpty(fields["username"], path + ".username"),
            password: try nonEmpty(fields["password"], path + ".password").map(Sensitive.init),
            exec: try exec(fields["exec"], path + ".exec"),
            authProvider: authProvider,
            impersonate: try nonEmpty(fields["as"], path + ".as"),
            impersonateUID: try nonEmpty(fields["as-uid"], path + ".as-uid"),
            impersonateGroups: try strings(fields["as-groups"], path + ".as-groups"),
            impersonateUserExtra: try stringLists(fields["as-user-extra"], path + ".as-user-extra"))
    }

    private func context(_ value: JSONValue?, _ path: String) throws(KubeconfigError) -> KubeconfigContext {
        let fields = try optionalObject(value, path)
        return KubeconfigContext(
            cluster: try nonEmpty(fields["cluster"], path + ".cluster"),
            user: try nonEmpty(fields["user"], path + ".user"),
            namespace: try nonEmpty(fields["namespace"], path + ".namespace"))
    }

    private func exec(_ value: JSONValue?, _ path: String) throws(KubeconfigError) -> ExecPluginConfiguration? {
        guard let value, !value.isNull else { return nil }
        let fields = try object(value, path)
        var command = try string(fields["command"], path + ".command") ?? ""
        if command.contains("/") { command = resolved(command) }
        var args: [String] = []
        if let list = fields["args"], !list.isNull {
            guard let items = list.arrayValue else { throw invalid(path + ".args", "a list of strings") }
            for (index, item) in items.enumerated() {
                args.append(try string(item, "\(path).args[\(index)]") ?? "")
            }
        }
        var env: [ExecPluginConfiguration.EnvironmentVariable] = []
        if let list = fields["env"], !list.isNull {
            guard let items = list.arrayValue else { throw invalid(path + ".env", "a list of {name, value}") }
            for (index, item) in items.enumerated() {
                let entry = try object(item, "\(path).env[\(index)]")
                env.append(.init(
                    name: try string(entry["name"], "\(path).env[\(index)].name") ?? "",
                    value: try string(entry["value"], "\(path).env[\(index)].value") ?? ""))
            }
        }
        var mode: ExecPluginConfiguration.InteractiveMode?
        if let text = try nonEmpty(fields["interactiveMode"], path + ".interactiveMode") {
            guard let parsed = ExecPluginConfiguration.InteractiveMode(rawValue: text) else {
                throw invalid(path + ".interactiveMode", "one of Never, IfAvailable, Always")
            }
            mode = parsed
        }
        return ExecPluginConfiguration(
            apiVersion: try string(fields["apiVersion"], path + ".apiVersion") ?? "",
            command: command, args: args, env: env, interactiveMode: mode,
            provideClusterInfo: try bool(fields["provideClusterInfo"], path + ".provideClusterInfo"),
            installHint: try nonEmpty(fields["installHint"], path + ".installHint"))
    }

    // MARK: Field types

    private func invalid(_ field: String, _ expected: String) -> KubeconfigError {
        .invalidField(path: location, field: field, expected: expected)
    }

    private func object(_ value: JSONValue, _ field: String) throws(KubeconfigError) -> [String: JSONValue] {
        guard let fields = value.objectValue else { throw invalid(field, "a mapping") }
        return fields
    }

    /// An entry body that may be missing or null (`user: {}` and `user:` both mean "no fields").
    private func optionalObject(_ value: JSONValue?, _ field: String) throws(KubeconfigError) -> [String: JSONValue] {
        guard let value, !value.isNull else { return [:] }
        return try object(value, field)
    }

    private func string(_ value: JSONValue?, _ field: String) throws(KubeconfigError) -> String? {
        guard let value, !value.isNull else { return nil }
        guard let text = value.stringValue else { throw invalid(field, "a string") }
        return text
    }

    /// Go's zero value and absence mean the same thing in client-go: an empty string is unset.
    private func nonEmpty(_ value: JSONValue?, _ field: String) throws(KubeconfigError) -> String? {
        guard let text = try string(value, field), !text.isEmpty else { return nil }
        return text
    }

    private func strings(_ value: JSONValue?, _ field: String) throws(KubeconfigError) -> [String] {
        guard let value, !value.isNull else { return [] }
        guard let items = value.arrayValue else { throw invalid(field, "a list of strings") }
        var result: [String] = []
        for (index, item) in items.enumerated() { result.append(try string(item, "\(field)[\(index)]") ?? "") }
        return result
    }

    /// `map[string][]string` (`as-user-extra`).
    private func stringLists(_ value: JSONValue?, _ field: String) throws(KubeconfigError) -> [String: [String]] {
        guard let value, !value.isNull else { return [:] }
        guard let entries = value.objectValue else { throw invalid(field, "a mapping of lists of strings") }
        var result: [String: [String]] = [:]
        for (key, list) in entries { result[key] = try strings(list, "\(field).\(key)") }
        return result
    }

    private func bool(_ value: JSONValue?, _ field: String) throws(KubeconfigError) -> Bool {
        guard let value, !value.isNull else { return false }
        guard let flag = value.boolValue else { throw invalid(field, "true or false") }
        return flag
    }

    /// `[]byte` fields: standard padded base64, line breaks allowed (Go's decoder skips them).
    private func bytes(_ value: JSONValue?, _ field: String) throws(KubeconfigError) -> Data? {
        guard let text = try nonEmpty(value, field) else { return nil }
        let compact = text.filter { $0 != "\n" && $0 != "\r" }
        guard let data = Data(base64Encoded: compact) else { throw invalid(field, "base64-encoded data") }
        return data
    }

    private func filePath(_ value: JSONValue?, _ field: String) throws(KubeconfigError) -> String? {
        try nonEmpty(value, field).map(resolved)
    }

    private func resolved(_ path: String) -> String {
        guard let folder, !path.hasPrefix("/") else { return path }
        return URL(fileURLWithPath: folder).appendingPathComponent(path).standardizedFileURL.path
    }
}
