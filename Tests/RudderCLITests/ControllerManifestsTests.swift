import Foundation
import KubeObjects
import XCTest

@testable import rudder

/// `manifests/` as a user installs it: real kubectl 1.37 against the embedded API server,
/// `kubectl apply -f crds/ -f manifests/` as the README says.
final class ControllerManifestsTests: XCTestCase {
    static let manifests = ControllerTestCluster.packageRoot.appendingPathComponent("manifests")

    /// What `manifests/` and `crds/` hold, as kubectl names them in its output.
    static let objects = [
        "customresourcedefinition.apiextensions.k8s.io/helmreleases.helm.rudder.dev",
        "namespace/rudder-system",
        "serviceaccount/rudder-controller",
        "clusterrolebinding.rbac.authorization.k8s.io/rudder-controller",
        "service/rudder-controller-metrics",
        "deployment.apps/rudder-controller",
    ]

    func testServerSideDryRunAcceptsTheCRDAndEveryManifest() async throws {
        let cluster = try await ControllerTestCluster()
        defer { cluster.stop() }
        // A dry run persists nothing, so (on a real cluster too) the objects that live in
        // rudder-system can only be checked once that namespace exists.
        let namespace = try await cluster.kubectl(["create", "namespace", "rudder-system"])
        XCTAssertEqual(namespace.status, 0, namespace.transcript)

        let dryRun = try await cluster.kubectl(["apply", "--dry-run=server", "-f", "crds/", "-f", "manifests/"])

        XCTAssertEqual(dryRun.status, 0, dryRun.transcript)
        for object in Self.objects {
            XCTAssertTrue(dryRun.stdout.split(separator: "\n").contains { $0.hasPrefix(object + " ") && $0.hasSuffix("(server dry run)") }, "\(object)\n\(dryRun.transcript)")
        }
        let deployment = try await cluster.resource("apps", "v1", "deployments", namespace: "rudder-system").getIfExists("rudder-controller")
        XCTAssertNil(deployment, "a dry run must not create the Deployment")
    }

    func testApplyCreatesEveryObjectOnAFreshClusterInOnePass() async throws {
        let cluster = try await ControllerTestCluster()
        defer { cluster.stop() }

        let apply = try await cluster.kubectl(["apply", "-f", "crds/", "-f", "manifests/"])

        XCTAssertEqual(apply.status, 0, apply.transcript)
        let clusterScoped = try await cluster.kubectl(["get", Self.objects[0], Self.objects[1], Self.objects[3], "-o", "name"])
        XCTAssertEqual(clusterScoped.status, 0, clusterScoped.transcript)
        let namespaced = try await cluster.kubectl(["get", "-n", "rudder-system", Self.objects[2], Self.objects[4], Self.objects[5], "-o", "name"])
        XCTAssertEqual(namespaced.status, 0, namespaced.transcript)
        XCTAssertEqual(clusterScoped.stdout.split(separator: "\n").count + namespaced.stdout.split(separator: "\n").count, Self.objects.count)
    }

    func testKustomizationBuildsEveryManifest() async throws {
        let cluster = try await ControllerTestCluster()
        defer { cluster.stop() }
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.manifests.path).filter { $0.hasSuffix(".yaml") }

        let build = try await cluster.kubectl(["kustomize", "manifests/"])

        XCTAssertEqual(build.status, 0, build.transcript)
        let built = try JSONValue.parseYAMLStream(build.stdout).compactMap { object -> String? in
            guard let kind = object["kind"]?.stringValue, let name = object.metadataName else { return nil }
            return "\(kind)/\(name)"
        }
        let written = try files.flatMap { file in
            try JSONValue.parseYAMLStream(String(contentsOf: Self.manifests.appendingPathComponent(file), encoding: .utf8)).compactMap { object -> String? in
                guard let kind = object["kind"]?.stringValue, let name = object.metadataName else { return nil }
                return "\(kind)/\(name)"
            }
        }
        XCTAssertEqual(Set(built), Set(written))
        XCTAssertEqual(built.count, written.count)
    }

    func testDeploymentArgumentsAreOnesRudderControllerAccepts() throws {
        let text = try String(contentsOf: Self.manifests.appendingPathComponent("04-deployment.yaml"), encoding: .utf8)
        let deployment = try JSONValue.parseYAML(text)
        let arguments = deployment[path: ["spec", "template", "spec", "containers"]]?.arrayValue?.first?["args"]?.arrayValue?.compactMap(\.stringValue) ?? []

        let command = try Rudder.parseAsRoot(arguments)

        let controller = try XCTUnwrap(command as? ControllerCommand, "\(arguments)")
        XCTAssertTrue(controller.leaderElect)
        XCTAssertEqual(controller.metricsAddress, ":8080")
        XCTAssertEqual(controller.healthAddress, ":8081")
        XCTAssertEqual(controller.cacheDirectory, "/cache")
    }
}
