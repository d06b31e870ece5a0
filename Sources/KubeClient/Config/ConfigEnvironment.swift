import Foundation

/// What configuration loading reads from the process's surroundings, injectable so that tests
/// (and `rudder dev`) can describe a pod or a workstation without being one.
public struct ConfigEnvironment: Sendable {
    /// Environment variables: `KUBECONFIG`, `HOME`, `KUBERNETES_SERVICE_HOST`/`_PORT`,
    /// `POD_NAMESPACE`, and the base environment exec plugins run with.
    public var variables: [String: String]
    /// The mounted service-account folder (`token`, `ca.crt`, `namespace`).
    public var serviceAccountDirectory: String
    /// The clock exec credentials' expiry is checked against.
    public var now: @Sendable () -> Date

    public init(
        variables: [String: String] = ProcessInfo.processInfo.environment,
        serviceAccountDirectory: String = "/var/run/secrets/kubernetes.io/serviceaccount",
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.variables = variables
        self.serviceAccountDirectory = serviceAccountDirectory
        self.now = now
    }

    /// The running process's environment and the real service-account mount.
    public static var process: ConfigEnvironment { ConfigEnvironment() }

    /// `$HOME/.kube/config`, nil without a HOME.
    var defaultKubeconfigPath: String? {
        guard let home = variables["HOME"], !home.isEmpty else { return nil }
        return URL(fileURLWithPath: home).appendingPathComponent(".kube/config").path
    }
}
