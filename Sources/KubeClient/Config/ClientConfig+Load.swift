extension ClientConfig {
    /// The configuration kubectl would use, with its precedence:
    /// 1. explicit overrides (`--context`, `--namespace`, `--server`, `--token`, …);
    /// 2. the kubeconfig: `kubeconfigPath` (`--kubeconfig`) alone, else the `KUBECONFIG`
    ///    files merged, else `$HOME/.kube/config`;
    /// 3. the pod's service account, when the kubeconfig chooses no cluster (typically: no
    ///    file at all) and `KUBERNETES_SERVICE_HOST`/`_PORT` are set with a token mounted.
    public static func load(
        kubeconfigPath: String? = nil, overrides: ConfigOverrides = ConfigOverrides(),
        environment: ConfigEnvironment = .process
    ) throws(ClientConfigError) -> ClientConfig {
        let rules = KubeconfigLoadingRules(explicitPath: kubeconfigPath, environment: environment)
        let kubeconfig: KubeconfigFile
        do {
            kubeconfig = try rules.load()
        } catch {
            throw .kubeconfig(error)
        }
        let inClusterPossible = inClusterPossible(environment)
        let resolution = KubeconfigResolution(kubeconfig: kubeconfig, overrides: overrides, environment: environment)
        guard var config = try resolution.resolve() else {
            guard inClusterPossible else { throw .noConfiguration(searched: rules.paths) }
            return try inCluster(overrides: overrides, environment: environment)
        }
        // client-go's DeferredLoadingClientConfig.Namespace: in a pod, a kubeconfig context
        // without a namespace yields the pod's namespace rather than "default".
        if inClusterPossible, overrides.namespace.nonEmpty == nil, case .kubeconfig(let name) = config.origin,
            name.flatMap({ kubeconfig.contexts[$0]?.namespace }) == nil
        {
            config.namespace = inClusterNamespace(environment)
        }
        return config
    }
}
