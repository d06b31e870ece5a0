import XCTest

@testable import KubeClient

/// Taking the configured server URL apart, and what errors may show of it.
final class ServerEndpointTests: XCTestCase {
    func testAPathPrefixIsKeptAndRequestPathsAppendedToIt() throws {
        let endpoint = try XCTUnwrap(ServerEndpoint("https://rancher.example/k8s/clusters/c-1/"))
        XCTAssertEqual(endpoint.port, 443)
        XCTAssertEqual(endpoint.url(path: "/api/v1/pods", query: []), "https://rancher.example:443/k8s/clusters/c-1/api/v1/pods")
    }

    func testIPv6HostsAreBracketed() throws {
        let endpoint = try XCTUnwrap(ServerEndpoint("https://[::1]:6443"))
        XCTAssertEqual(endpoint.host, "::1")
        XCTAssertEqual(endpoint.url(path: "/version", query: []), "https://[::1]:6443/version")
    }

    func testQueryValuesArePercentEncoded() throws {
        let endpoint = try XCTUnwrap(ServerEndpoint("http://127.0.0.1:8080"))
        XCTAssertEqual(
            endpoint.url(path: "/api/v1/pods", query: [("labelSelector", "app in (a,b)"), ("limit", "500")]),
            "http://127.0.0.1:8080/api/v1/pods?labelSelector=app%20in%20%28a%2Cb%29&limit=500")
    }

    func testShownURLsCarryNoUserInfoAndNoQuery() throws {
        let endpoint = try XCTUnwrap(ServerEndpoint("https://admin:hunter2@10.0.0.1:6443"))
        XCTAssertEqual(endpoint.shownURL(path: "/api/v1/secrets?fieldSelector=x"), "https://10.0.0.1:6443/api/v1/secrets")
    }

    func testOnlyHTTPAndHTTPSAreServers() {
        XCTAssertNil(ServerEndpoint("ftp://10.0.0.1"))
        XCTAssertNil(ServerEndpoint("10.0.0.1:6443"))
        XCTAssertNil(ServerEndpoint("https://10.0.0.1:99999"))
        XCTAssertThrowsError(try HTTPTransport(configuration: TransportConfiguration(server: "unix:///var/run/k8s")))
    }

    func testSecretsDoNotShowWhenAConfigurationIsPrinted() {
        var configuration = TransportConfiguration(server: "https://10.0.0.1")
        configuration.credentials = .bearerToken(Sensitive("super-secret-token"))
        configuration.clientCertificate = ClientCertificate(certificatePEM: [1, 2], privateKeyPEM: Array("super-secret-key".utf8))
        var dumped = ""
        dump(configuration, to: &dumped)
        let printed = "\(configuration) \(String(reflecting: configuration)) \(dumped)"
        XCTAssertFalse(printed.contains("super-secret-token"), printed)
        XCTAssertFalse(printed.contains(String(decoding: Array("super-secret-key".utf8), as: UTF8.self)), printed)
        XCTAssertFalse(printed.contains("\(Array("super-secret-key".utf8))"), printed)
    }
}
