import Foundation
import KubeObjects

/// One kubeconfig user turned into what requests carry, with client-go's validation
/// (`validateAuthInfo`) and precedence: an explicit `--token`, then a token file (re-read),
/// then a token, then an exec plugin, then basic auth; a client certificate goes alongside.
struct UserCredentials {
    let name: String
    let user: KubeconfigUser
    let overrideToken: String?

    func validate() throws(ClientConfigError) {
        func invalid(_ reason: String) -> ClientConfigError { .invalidUser(user: name, reason: reason) }
        if let provider = user.authProvider { throw .authProviderUnsupported(user: name, provider: provider) }
        if user.clientCertificate != nil || user.clientCertificateData != nil {
            if user.clientCertificate != nil && user.clientCertificateData != nil {
                throw invalid("client-certificate-data and client-certificate are both specified")
            }
            if user.clientKey != nil && user.clientKeyData != nil {
                throw invalid("client-key-data and client-key are both specified")
            }
            if user.clientKey == nil && user.clientKeyData == nil {
                throw invalid("client-key-data or client-key must be specified to use the client certificate")
            }
        }
        if overrideToken == nil && user.token != nil && (user.username != nil || user.password != nil) {
            throw invalid("more than one authentication method found (token and basic auth); only one is allowed")
        }
        if let exec = user.exec {
            if exec.command.isEmpty { throw invalid("exec.command must be specified to use an exec plugin") }
            switch exec.apiVersion {
            case "":
                throw invalid("exec.apiVersion must be specified to use an exec plugin")
            case ExecPluginConfiguration.v1:
                // v1 made interactiveMode required; v1beta1 defaults it to IfAvailable.
                if exec.interactiveMode == nil { throw invalid("exec.interactiveMode must be specified for \(exec.apiVersion)") }
            case ExecPluginConfiguration.v1beta1:
                break
            default:
                throw invalid(
                    "exec.apiVersion \"\(exec.apiVersion)\" is not supported (use \(ExecPluginConfiguration.v1) or \(ExecPluginConfiguration.v1beta1))")
            }
            if exec.env.contains(where: { $0.name.isEmpty }) { throw invalid("exec.env entries must have a name") }
        }
    }

    func clientCertificate() throws(ClientConfigError) -> ClientCertificate? {
        let certificate: Data
        if let data = user.clientCertificateData {
            certificate = data
        } else if let path = user.clientCertificate {
            certificate = try FileReading.contents(path, role: "client-certificate")
        } else {
            return nil
        }
        let key: Data
        if let data = user.clientKeyData {
            key = data.value
        } else if let path = user.clientKey {
            key = try FileReading.contents(path, role: "client-key")
        } else {
            return nil
        }
        return ClientCertificate(certificatePEM: certificate, privateKeyPEM: key)
    }

    func source(execCluster: JSONValue, environment: ConfigEnvironment) throws(ClientConfigError) -> CredentialSource {
        if let overrideToken { return .bearerToken(Sensitive(overrideToken)) }
        if let path = user.tokenFile {
            // Read once now so a missing file fails at start-up, as client-go's does.
            do {
                _ = try BearerTokenFile.read(path)
            } catch {
                throw .tokenFile(error)
            }
            return .tokenFile(BearerTokenFile(path: path))
        }
        if let token = user.token { return .bearerToken(token) }
        if let exec = user.exec {
            return .exec(ExecCredentialPlugin(
                configuration: exec, cluster: execCluster, environment: environment.variables, now: environment.now))
        }
        if user.username != nil || user.password != nil {
            return .basicAuth(username: user.username ?? "", password: user.password ?? Sensitive(""))
        }
        return .none
    }
}
