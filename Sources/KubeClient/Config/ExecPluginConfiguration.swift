/// A user's `exec` stanza: the credential plugin client-go runs for a token or a client
/// certificate (`client.authentication.k8s.io`).
public struct ExecPluginConfiguration: Sendable, Equatable {
    /// Whether the plugin may talk to the user through stdin. Rudder never hands it a
    /// terminal, so `always` fails and the other two behave alike.
    public enum InteractiveMode: String, Sendable, Equatable {
        case never = "Never"
        case ifAvailable = "IfAvailable"
        case always = "Always"
    }

    public struct EnvironmentVariable: Sendable, Equatable {
        public var name: String
        public var value: String

        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// `client.authentication.k8s.io/v1` or `client.authentication.k8s.io/v1beta1`.
    public var apiVersion: String
    /// A name looked up in PATH, or a path (relative ones resolved against the kubeconfig's
    /// folder, as client-go does for commands containing a `/`).
    public var command: String
    public var args: [String]
    /// Added to the plugin's environment, after the caller's own.
    public var env: [EnvironmentVariable]
    /// Nil when the file left it out: v1 requires it, v1beta1 defaults it to `IfAvailable`.
    public var interactiveMode: InteractiveMode?
    /// Pass the cluster (server, CA, TLS settings) in `KUBERNETES_EXEC_INFO`.
    public var provideClusterInfo: Bool
    /// Shown when the command is not found.
    public var installHint: String?

    public init(
        apiVersion: String, command: String, args: [String] = [], env: [EnvironmentVariable] = [],
        interactiveMode: InteractiveMode? = nil, provideClusterInfo: Bool = false, installHint: String? = nil
    ) {
        self.apiVersion = apiVersion
        self.command = command
        self.args = args
        self.env = env
        self.interactiveMode = interactiveMode
        self.provideClusterInfo = provideClusterInfo
        self.installHint = installHint
    }

    public static let v1 = "client.authentication.k8s.io/v1"
    public static let v1beta1 = "client.authentication.k8s.io/v1beta1"
}
