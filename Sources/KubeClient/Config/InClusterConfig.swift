import Foundation

/// The configuration a pod gets from its service account, as client-go's
/// `rest.InClusterConfig` builds it: `https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT`,
/// the mounted `ca.crt`, and the mounted `token`, re-read as the kubelet rotates it.
extension ClientConfig {
    public static func inCluster(
        overrides: ConfigOverrides = ConfigOverrides(), environment: ConfigEnvironment = .process
    ) throws(ClientConfigError) -> ClientConfig {
        guard let host = environment.variables["KUBERNETES_SERVICE_HOST"].nonEmpty,
            let port = environment.variables["KUBERNETES_SERVICE_PORT"].nonEmpty
        else { throw .notInCluster }
        let folder = URL(fileURLWithPath: environment.serviceAccountDirectory)
        let authority = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        // As client-go's inClusterClientConfig: only --server, --token and
        // --certificate-authority apply in a pod.
        let server = try ServerURL.parse(overrides.server.nonEmpty ?? "https://" + authority, defaultTLS: true)
        let credentials: CredentialSource
        if let token = overrides.token.nonEmpty {
            credentials = .bearerToken(Sensitive(token))
        } else {
            let tokenPath = folder.appendingPathComponent("token").path
            do {
                _ = try BearerTokenFile.read(tokenPath)
            } catch {
                throw .tokenFile(error)
            }
            credentials = .tokenFile(BearerTokenFile(path: tokenPath))
        }
        let certificateAuthority: Data?
        if let path = overrides.certificateAuthority.nonEmpty {
            certificateAuthority = try FileReading.contents(path, role: "certificate-authority")
        } else {
            // client-go logs an unreadable ca.crt and goes on with the system roots.
            certificateAuthority = try? Data(contentsOf: folder.appendingPathComponent("ca.crt"))
        }
        return ClientConfig(
            server: server, certificateAuthorityPEM: certificateAuthority, credentials: credentials,
            namespace: overrides.namespace.nonEmpty ?? inClusterNamespace(environment), origin: .inCluster)
    }

    /// kubectl's test for running in a pod: the service variables are set and the token is mounted.
    public static func inClusterPossible(_ environment: ConfigEnvironment) -> Bool {
        guard environment.variables["KUBERNETES_SERVICE_HOST"].nonEmpty != nil,
            environment.variables["KUBERNETES_SERVICE_PORT"].nonEmpty != nil
        else { return false }
        var isDirectory: ObjCBool = false
        let token = URL(fileURLWithPath: environment.serviceAccountDirectory).appendingPathComponent("token").path
        return FileManager.default.fileExists(atPath: token, isDirectory: &isDirectory) && !isDirectory.boolValue
    }

    /// `POD_NAMESPACE` (the downward API), else the mounted `namespace` file, else `default`.
    static func inClusterNamespace(_ environment: ConfigEnvironment) -> String {
        if let namespace = environment.variables["POD_NAMESPACE"].nonEmpty { return namespace }
        let path = URL(fileURLWithPath: environment.serviceAccountDirectory).appendingPathComponent("namespace")
        if let data = try? Data(contentsOf: path) {
            let namespace = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            if !namespace.isEmpty { return namespace }
        }
        return "default"
    }
}
