import Charts
import Controller
import KubeObjects
import XCTest

/// A manifest read into objects to apply: namespaces resolved through discovery, Helm's
/// ownership metadata on each, clear errors naming the template.
final class ReleaseObjectBuilderTests: ApplyTestCase {
    func testNamespacedKindsGetTheReleaseNamespaceAndHelmsOwnershipMetadata() async throws {
        let cluster = try await startCluster()
        let objects = try await cluster.objects(ManifestText.of([("shop/templates/cm.yaml", ManifestText.configMap("settings"))]))
        let object = try XCTUnwrap(objects.first)
        XCTAssertEqual(object.namespace, "apps")
        XCTAssertEqual(object.source, "shop/templates/cm.yaml")
        XCTAssertEqual(object.object.metadataNamespace, "apps")
        XCTAssertEqual(object.object[path: ["metadata", "labels", "app.kubernetes.io/managed-by"]], "Helm")
        XCTAssertEqual(object.object[path: ["metadata", "annotations", "meta.helm.sh/release-name"]], "shop")
        XCTAssertEqual(object.object[path: ["metadata", "annotations", "meta.helm.sh/release-namespace"]], "apps")
    }

    func testAnExplicitNamespaceIsKept() async throws {
        let cluster = try await startCluster()
        let yaml = ManifestText.configMap("settings").replacingOccurrences(of: "  name: settings", with: "  name: settings\n  namespace: other")
        let objects = try await cluster.objects(ManifestText.of([("shop/templates/cm.yaml", yaml)]))
        XCTAssertEqual(objects.first?.namespace, "other")
    }

    func testClusterScopedKindsLoseAnyNamespace() async throws {
        let cluster = try await startCluster()
        let yaml = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: reader, namespace: apps}
            rules: []
            """
        let objects = try await cluster.objects(ManifestText.of([("shop/templates/role.yaml", yaml)]))
        XCTAssertNil(objects.first?.namespace)
        XCTAssertNil(objects.first?.object.metadataNamespace)
    }

    func testTheChartsOwnLabelsStay() async throws {
        let cluster = try await startCluster()
        let objects = try await cluster.objects(
            ManifestText.of([("shop/templates/web.yaml", ManifestText.deployment("web", labels: "tier: front"))]))
        XCTAssertEqual(objects.first?.object[path: ["metadata", "labels", "tier"]], "front")
        XCTAssertEqual(objects.first?.object[path: ["metadata", "labels", "app.kubernetes.io/managed-by"]], "Helm")
    }

    func testADocumentWithoutNameIsAnErrorNamingTheTemplate() async throws {
        let cluster = try await startCluster()
        let text = ManifestText.of([("shop/templates/bad.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {}\n")])
        do {
            _ = try await cluster.objects(text)
            XCTFail("a nameless object was accepted")
        } catch let error as ReleaseObjectError {
            XCTAssertEqual(error, .missingField(source: "shop/templates/bad.yaml", field: "metadata.name", object: "a ConfigMap"))
            XCTAssertTrue(error.description.contains("shop/templates/bad.yaml"), error.description)
        }
    }

    func testADocumentWithoutKindIsAnError() async throws {
        let cluster = try await startCluster()
        let text = ManifestText.of([("shop/templates/bad.yaml", "apiVersion: v1\nmetadata: {name: x}\n")])
        do {
            _ = try await cluster.objects(text)
            XCTFail("a kindless object was accepted")
        } catch let error as ReleaseObjectError {
            XCTAssertEqual(error, .missingField(source: "shop/templates/bad.yaml", field: "kind", object: "an object named \"x\""))
        }
    }

    func testAnUnknownKindIsAnErrorNamingTheKind() async throws {
        let cluster = try await startCluster()
        do {
            _ = try await cluster.objects(ManifestText.of([("shop/templates/w.yaml", ManifestText.widget("w1"))]))
            XCTFail("an unserved kind was accepted")
        } catch let error as ReleaseObjectError {
            XCTAssertTrue(error.description.contains("no matches for kind \"Widget\" in version \"example.com/v1\""), error.description)
            XCTAssertTrue(error.description.contains("shop/templates/w.yaml"), error.description)
        }
    }

    func testACustomResourceWhoseDefinitionComesWithTheReleaseTakesItsScopeFromIt() async throws {
        let cluster = try await startCluster()
        let objects = try await cluster.objects(
            ManifestText.of([("shop/templates/w.yaml", ManifestText.widget("w1"))]),
            definitions: [try JSONValue.parseYAML(ManifestText.widgetCRD)])
        XCTAssertEqual(objects.first?.namespace, "apps")
    }

    func testCommentOnlyDocumentsAreSkipped() async throws {
        let cluster = try await startCluster()
        let text = ManifestText.of([("shop/templates/off.yaml", "# disabled"), ("shop/templates/cm.yaml", ManifestText.configMap("a"))])
        let objects = try await cluster.objects(text)
        XCTAssertEqual(objects.map(\.name), ["a"])
    }

    func testSortedManifestsFromTheChartsSorterBecomeObjects() async throws {
        let cluster = try await startCluster()
        let (_, manifests) = try ManifestSorting.sort([
            "shop/templates/web.yaml": ManifestText.deployment("web"), "shop/templates/cm.yaml": ManifestText.configMap("a"),
        ])
        let objects = try await cluster.builder().objects(from: manifests)
        XCTAssertEqual(objects.map(\.kind.kind), ["ConfigMap", "Deployment"])
        XCTAssertEqual(objects.map(\.source), ["shop/templates/cm.yaml", "shop/templates/web.yaml"])
    }
}
