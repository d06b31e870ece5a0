import Foundation

extension ClientConfig {
    /// Resolves the chosen context of `kubeconfig` (`--context`, else `current-context`) with
    /// `overrides` on top, reading the CA, certificate, key and token files it names.
    /// Throws `noConfiguration` when nothing chooses a cluster (see `load` for the in-cluster
    /// fallback kubectl takes then).
    public static func resolve(
        kubeconfig: KubeconfigFile, overrides: ConfigOverrides = ConfigOverrides(),
        environment: ConfigEnvironment = .process
    ) throws(ClientConfigError) -> ClientConfig {
        guard let config = try KubeconfigResolution(kubeconfig: kubeconfig, overrides: overrides, environment: environment).resolve()
        else { throw .noConfiguration(searched: []) }
        return config
    }
}

/// client-go's `DirectClientConfig.ClientConfig()`: context, then cluster and user, each
/// merged with the explicit overrides, then validated as `ConfirmUsable` validates them.
struct KubeconfigResolution {
    let kubeconfig: KubeconfigFile
    let overrides: ConfigOverrides
    let environment: ConfigEnvironment

    /// Nil when the configuration is empty in client-go's sense (no context, no cluster, no
    /// `--server`): the case where kubectl falls back to the in-cluster configuration.
    func resolve() throws(ClientConfigError) -> ClientConfig? {
        let (contextName, context) = try chosenContext()
        guard let (clusterName, cluster) = try chosenCluster(context: context, contextName: contextName) else { return nil }
        guard let serverText = cluster.server else { throw .noServer(cluster: clusterName) }
        if cluster.certificateAuthority != nil && cluster.certificateAuthorityData != nil {
            throw .invalidCluster(
                cluster: clusterName, reason: "certificate-authority-data and certificate-authority are both specified")
        }
        let (userName, user) = try chosenUser(context: context)
        let hasClientCertificate = user.clientCertificate != nil || user.clientCertificateData != nil
        let server = try ServerURL.parse(
            serverText,
            defaultTLS: cluster.certificateAuthority != nil || cluster.certificateAuthorityData != nil
                || cluster.insecureSkipTLSVerify || hasClientCertificate)
        let proxyURL = try cluster.proxyURL.map { (text) throws(ClientConfigError) -> URL in
            try ServerURL.parseProxy(text, cluster: clusterName)
        }
        let authority: Data?
        if let data = cluster.certificateAuthorityData {
            authority = data
        } else if let path = cluster.certificateAuthority {
            authority = try FileReading.contents(path, role: "certificate-authority")
        } else {
            authority = nil
        }
        var config = ClientConfig(
            server: server, certificateAuthorityPEM: authority, insecureSkipTLSVerify: cluster.insecureSkipTLSVerify,
            tlsServerName: cluster.tlsServerName, proxyURL: proxyURL, disableCompression: cluster.disableCompression,
            namespace: overrides.namespace.nonEmpty ?? context.namespace ?? "default",
            origin: .kubeconfig(context: contextName))
        // client-go only reads user credentials for TLS servers: a token or password sent to a
        // plain-HTTP server would travel in clear text.
        if server.scheme == "https" {
            let cluster = ExecCredentialCodec.cluster(
                server: serverText, tlsServerName: cluster.tlsServerName,
                insecureSkipTLSVerify: cluster.insecureSkipTLSVerify, certificateAuthorityPEM: authority,
                proxyURL: cluster.proxyURL, disableCompression: cluster.disableCompression)
            let credentials = UserCredentials(name: userName, user: user, overrideToken: overrides.token.nonEmpty)
            try credentials.validate()
            config.clientCertificate = try credentials.clientCertificate()
            config.credentials = try credentials.source(execCluster: cluster, environment: environment)
            config.impersonate = impersonation(user)
        }
        return config
    }

    /// The user's `as…` fields with `--as`, `--as-uid`, `--as-group` on top; nil unless a user
    /// to act as is named (client-go ignores the other fields then).
    private func impersonation(_ user: KubeconfigUser) -> Impersonation? {
        guard let name = overrides.impersonate.nonEmpty ?? user.impersonate else { return nil }
        return Impersonation(
            user: name, uid: overrides.impersonateUID.nonEmpty ?? user.impersonateUID,
            groups: overrides.impersonateGroups.isEmpty ? user.impersonateGroups : overrides.impersonateGroups,
            extra: user.impersonateUserExtra)
    }

    /// `--context` or `current-context`; either must exist when set.
    private func chosenContext() throws(ClientConfigError) -> (String?, KubeconfigContext) {
        guard let name = overrides.context.nonEmpty ?? kubeconfig.currentContext else { return (nil, KubeconfigContext()) }
        guard let context = kubeconfig.contexts[name] else { throw .contextNotFound(name) }
        return (name, context)
    }

    /// The context's (or `--cluster`'s) cluster with the overrides applied; nil when nothing
    /// names a cluster and no `--server` is given.
    private func chosenCluster(
        context: KubeconfigContext, contextName: String?
    ) throws(ClientConfigError) -> (String, KubeconfigCluster)? {
        let name = overrides.cluster.nonEmpty ?? context.cluster ?? ""
        var cluster: KubeconfigCluster
        if let found = kubeconfig.clusters[name] {
            cluster = found
        } else if let explicit = overrides.cluster.nonEmpty {
            throw .clusterNotFound(cluster: explicit, context: nil)
        } else if let named = context.cluster {
            // client-go would treat this as an empty configuration; a dangling reference is
            // almost always a typo, so say so.
            throw .clusterNotFound(cluster: named, context: contextName)
        } else {
            cluster = KubeconfigCluster()
        }
        if let server = overrides.server.nonEmpty {
            cluster.server = server
        }
        // As client-go's getCluster: an explicit CA or insecure flag replaces both of the
        // file's trust settings, and an explicit --server drops the file's tls-server-name.
        if overrides.insecureSkipTLSVerify == true || overrides.certificateAuthority.nonEmpty != nil {
            cluster.insecureSkipTLSVerify = overrides.insecureSkipTLSVerify ?? false
            cluster.certificateAuthority = overrides.certificateAuthority.nonEmpty
            cluster.certificateAuthorityData = nil
        }
        if overrides.tlsServerName.nonEmpty != nil || overrides.server.nonEmpty != nil {
            cluster.tlsServerName = overrides.tlsServerName.nonEmpty
        }
        if cluster == KubeconfigCluster() { return nil }
        return (name, cluster)
    }

    /// The context's (or `--user`'s) user. A context naming a missing user means anonymous,
    /// as in client-go; an explicit `--user` must exist.
    private func chosenUser(context: KubeconfigContext) throws(ClientConfigError) -> (String, KubeconfigUser) {
        if let explicit = overrides.user.nonEmpty {
            guard let user = kubeconfig.users[explicit] else { throw .userNotFound(explicit) }
            return (explicit, user)
        }
        let name = context.user ?? ""
        return (name, kubeconfig.users[name] ?? KubeconfigUser())
    }
}

/// Server and proxy URLs, checked the way client-go's `DefaultServerURL` and `parseProxyURL` do.
enum ServerURL {
    /// A server without a scheme gets `https` when TLS settings are present, else `http`.
    static func parse(_ text: String, defaultTLS: Bool) throws(ClientConfigError) -> URL {
        let withScheme = text.contains("://") ? text : (defaultTLS ? "https://" : "http://") + text
        guard let url = URL(string: withScheme), let scheme = url.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = url.host, !host.isEmpty
        else { throw .invalidServerURL(text) }
        return url
    }

    static func parseProxy(_ text: String, cluster: String) throws(ClientConfigError) -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
            ["http", "https", "socks5"].contains(scheme), let host = url.host, !host.isEmpty
        else { throw .invalidProxyURL(cluster: cluster, url: text) }
        return url
    }
}
