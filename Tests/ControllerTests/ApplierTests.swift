import Charts
import Controller
import KubeClient
import KubeObjects
import XCTest

/// Server-side apply of a release against the embedded API server: Helm's order and
/// ownership metadata, silent re-applies, ownership refusals, and the `crds/` policies.
final class ApplierTests: ApplyTestCase {
    static let service = """
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec:
          selector: {app: web}
          ports: [{port: 80}]
        """

    /// Written in anything but install order, so the applier has to sort it.
    static let shop = ManifestText.of([
        ("shop/templates/web.yaml", ManifestText.deployment("web")),
        ("shop/templates/widget.yaml", ManifestText.widget("small")),
        ("shop/templates/svc.yaml", service),
        ("shop/templates/crd.yaml", ManifestText.widgetCRD),
        ("shop/templates/cm.yaml", ManifestText.configMap("settings")),
        ("shop/templates/ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: apps}"),
    ])

    func testAMultiKindReleaseIsAppliedInHelmsInstallOrder() async throws {
        let cluster = try await startCluster()
        let applied = try await cluster.applier().apply(try await cluster.objects(Self.shop))
        XCTAssertEqual(
            applied.map(\.kind.kind), ["Namespace", "ConfigMap", "CustomResourceDefinition", "Service", "Deployment", "Widget"])
        let versions = applied.compactMap { Int($0.resourceVersion) }
        XCTAssertEqual(versions.count, applied.count)
        XCTAssertEqual(versions, versions.sorted(), "the server saw the writes in install order")
        XCTAssertFalse(applied.contains { $0.uid.isEmpty })
    }

    func testAppliedObjectsCarryHelmsOwnershipMetadataOnTheServer() async throws {
        let cluster = try await startCluster()
        _ = try await cluster.applier().apply(try await cluster.objects(Self.shop))
        let widget = try await cluster.resource("example.com", "v1", "widgets", namespace: "apps").get("small")
        let deployment = try await cluster.deployments.get("web")
        for object in [widget, deployment] {
            XCTAssertEqual(object[path: ["metadata", "labels", "app.kubernetes.io/managed-by"]], "Helm")
            XCTAssertEqual(object[path: ["metadata", "annotations", "meta.helm.sh/release-name"]], "shop")
            XCTAssertEqual(object[path: ["metadata", "annotations", "meta.helm.sh/release-namespace"]], "apps")
        }
        let managers = (deployment[path: ["metadata", "managedFields"]]?.arrayValue ?? []).compactMap { $0["manager"]?.stringValue }
        XCTAssertTrue(managers.contains("rudder"), "\(managers)")
    }

    func testReapplyingAnUnchangedReleaseChangesNothing() async throws {
        let cluster = try await startCluster()
        let objects = try await cluster.objects(Self.shop)
        let first = try await cluster.applier().apply(objects)
        let generation = try await cluster.deployments.get("web")[path: ["metadata", "generation"]]
        let second = try await cluster.applier().apply(objects, options: ApplyOptions(previouslyOwned: Set(objects.map(\.identity))))
        // The simulator writes the Deployment's status in between; every other object is untouched.
        let untouched = { (list: [AppliedObject]) in list.filter { $0.kind.kind != "Deployment" }.map(\.resourceVersion) }
        XCTAssertEqual(untouched(second), untouched(first))
        let generationAfter = try await cluster.deployments.get("web")[path: ["metadata", "generation"]]
        XCTAssertEqual(generationAfter, generation)
    }

    func testAnObjectWithoutOwnershipMetadataIsRefusedWithHelmsMessage() async throws {
        let cluster = try await startCluster()
        try await cluster.createNamespace("apps")
        _ = try await cluster.configMaps.create(["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "settings"], "data": ["v": "mine"]])
        let objects = try await cluster.objects(ManifestText.of([("shop/templates/cm.yaml", ManifestText.configMap("settings"))]))
        do {
            _ = try await cluster.applier().apply(objects)
            XCTFail("a foreign object was taken over")
        } catch let error as ApplyError {
            XCTAssertTrue(
                error.description.contains(
                    "ConfigMap \"settings\" in namespace \"apps\" exists and cannot be imported into the current release: "
                        + "invalid ownership metadata; label validation error: missing key \"app.kubernetes.io/managed-by\": "
                        + "must be set to \"Helm\"; annotation validation error: missing key \"meta.helm.sh/release-name\": "
                        + "must be set to \"shop\"; annotation validation error: missing key \"meta.helm.sh/release-namespace\": "
                        + "must be set to \"apps\""), error.description)
        }
        let value = try await cluster.configMaps.get("settings")[path: ["data", "v"]]
        XCTAssertEqual(value, "mine", "the foreign object is untouched")
    }

    func testAnObjectOfAnotherReleaseIsRefused() async throws {
        let cluster = try await startCluster()
        let other = HelmOwnership(releaseName: "other", releaseNamespace: "apps")
        let manifest = ManifestText.of([("shop/templates/cm.yaml", ManifestText.configMap("settings"))])
        _ = try await cluster.applier(other).apply(try await cluster.objects(manifest, ownership: other), options: ApplyOptions(createNamespace: true))
        do {
            _ = try await cluster.applier().apply(try await cluster.objects(manifest))
            XCTFail("another release's object was taken over")
        } catch let error as ApplyError {
            XCTAssertTrue(
                error.description.contains("key \"meta.helm.sh/release-name\" must equal \"shop\": current value is \"other\""),
                error.description)
        }
    }

    func testAdoptionTakesOverAForeignObject() async throws {
        let cluster = try await startCluster()
        try await cluster.createNamespace("apps")
        _ = try await cluster.configMaps.create(["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "settings"], "data": ["v": "mine"]])
        let objects = try await cluster.objects(ManifestText.of([("shop/templates/cm.yaml", ManifestText.configMap("settings"))]))
        _ = try await cluster.applier().apply(objects, options: ApplyOptions(forceConflicts: true, adopt: true))
        let adopted = try await cluster.configMaps.get("settings")
        XCTAssertEqual(adopted[path: ["data", "v"]], "1")
        XCTAssertEqual(adopted[path: ["metadata", "annotations", "meta.helm.sh/release-name"]], "shop")
    }

    func testAFieldAnotherManagerOwnsConflictsUnlessForced() async throws {
        let cluster = try await startCluster()
        let objects = try await cluster.objects(ManifestText.of([("shop/templates/cm.yaml", ManifestText.configMap("settings"))]))
        _ = try await cluster.applier().apply(objects, options: ApplyOptions(createNamespace: true))
        // Someone changes the value with their own apply, as `kubectl apply --server-side` would.
        _ = try await cluster.configMaps.apply(
            ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "settings"], "data": ["v": "2"]], fieldManager: "kubectl", force: true)
        do {
            _ = try await cluster.applier().apply(objects)
            XCTFail("the conflict went unnoticed")
        } catch let error as ApplyError {
            guard case .server(_, let source, let message) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(source, "shop/templates/cm.yaml")
            XCTAssertTrue(message.contains("kubectl"), message)
        }
        _ = try await cluster.applier().apply(objects, options: ApplyOptions(forceConflicts: true))
        let forced = try await cluster.configMaps.get("settings")[path: ["data", "v"]]
        XCTAssertEqual(forced, "1")
    }

    func testCreateNamespaceMakesTheReleaseNamespaceFirst() async throws {
        let cluster = try await startCluster()
        let objects = try await cluster.objects(ManifestText.of([("shop/templates/cm.yaml", ManifestText.configMap("settings"))]))
        _ = try await cluster.applier().apply(objects, options: ApplyOptions(createNamespace: true))
        let label = try await cluster.namespaces.get("apps")[path: ["metadata", "labels", "name"]]
        XCTAssertEqual(label, "apps")
        let configMap = try await cluster.configMaps.getIfExists("settings")
        XCTAssertNotNil(configMap)
    }

    func testAnUnservedKindFailsNamingTheKindAndTemplate() async throws {
        let cluster = try await startCluster()
        let crd = try JSONValue.parseYAML(ManifestText.widgetCRD)
        let objects = try await cluster.builder().objects(
            fromReleaseManifest: ManifestText.of([("shop/templates/w.yaml", ManifestText.widget("w1"))]), definitions: [crd])
        do {
            _ = try await cluster.applier().apply(
                objects, chartCRDs: [ChartFile(name: "crds/widgets.yaml", text: ManifestText.widgetCRD)],
                options: ApplyOptions(createNamespace: true, crds: .skip))
            XCTFail("a custom resource without its definition was applied")
        } catch let error as ApplyError {
            XCTAssertTrue(error.description.contains("shop/templates/w.yaml"), error.description)
            XCTAssertTrue(error.description.contains("no matches for kind \"Widget\" in version \"example.com/v1\""), error.description)
        }
    }
}

/// The chart's `crds/` folder under each policy.
final class ApplierCRDPolicyTests: ApplyTestCase {
    static let definitions = [ChartFile(name: "crds/widgets.yaml", text: ManifestText.widgetCRD)]
    static let crds = GroupVersionResource(group: "apiextensions.k8s.io", version: "v1", resource: "customresourcedefinitions")

    private func widgetObjects(_ cluster: ApplyCluster) async throws -> [ReleaseObject] {
        try await cluster.builder().objects(
            fromReleaseManifest: ManifestText.of([("shop/templates/w.yaml", ManifestText.widget("w1"))]),
            definitions: [try JSONValue.parseYAML(ManifestText.widgetCRD)])
    }

    func testCreateInstallsTheDefinitionsBeforeTheirCustomResources() async throws {
        let cluster = try await startCluster()
        let applied = try await cluster.applier().apply(
            try await widgetObjects(cluster), chartCRDs: Self.definitions, options: ApplyOptions(createNamespace: true, crds: .create))
        XCTAssertEqual(applied.map(\.kind.kind), ["Widget"], "crds/ are not part of the release manifest")
        let definition = try await ResourceClient(client: cluster.client, resource: Self.crds).get("widgets.example.com")
        XCTAssertNil(definition[path: ["metadata", "labels", "app.kubernetes.io/managed-by"]], "Helm leaves crds/ unlabelled")
        let widget = try await cluster.resource("example.com", "v1", "widgets", namespace: "apps").getIfExists("w1")
        XCTAssertNotNil(widget)
    }

    /// An existing definition whose schema lacks `spec.colour`.
    private func installOldDefinition(_ cluster: ApplyCluster) async throws {
        _ = try await ResourceClient(client: cluster.client, resource: Self.crds).create(try JSONValue.parseYAML(ManifestText.widgetCRD))
    }

    /// The same definition with `spec.colour` added to its schema.
    private var newDefinition: [ChartFile] {
        let text = ManifestText.widgetCRD
        let sizeLine = text.split(separator: "\n").first { $0.contains("size: {type: integer}") } ?? ""
        let indent = String(sizeLine.prefix { $0 == " " })
        return [ChartFile(name: "crds/widgets.yaml", text: text.replacingOccurrences(
            of: "size: {type: integer}", with: "size: {type: integer}\n\(indent)colour: {type: string}"))]
    }

    private func hasColour(_ cluster: ApplyCluster) async throws -> Bool {
        let definition = try await ResourceClient(client: cluster.client, resource: Self.crds).get("widgets.example.com")
        let properties = definition[path: ["spec", "versions"]]?.arrayValue?.first?[
            path: ["schema", "openAPIV3Schema", "properties", "spec", "properties"]]
        return properties?["colour"] != nil
    }

    func testCreateLeavesAnExistingDefinitionAlone() async throws {
        let cluster = try await startCluster()
        try await installOldDefinition(cluster)
        _ = try await cluster.applier().apply([], chartCRDs: newDefinition, options: ApplyOptions(crds: .create))
        let replaced = try await hasColour(cluster)
        XCTAssertFalse(replaced)
    }

    func testCreateReplaceReplacesAnExistingDefinition() async throws {
        let cluster = try await startCluster()
        try await installOldDefinition(cluster)
        _ = try await cluster.applier().apply([], chartCRDs: newDefinition, options: ApplyOptions(crds: .createReplace))
        let replaced = try await hasColour(cluster)
        XCTAssertTrue(replaced)
    }

    func testSkipInstallsNothing() async throws {
        let cluster = try await startCluster()
        _ = try await cluster.applier().apply([], chartCRDs: Self.definitions, options: ApplyOptions(crds: .skip))
        let definition = try await ResourceClient(client: cluster.client, resource: Self.crds).getIfExists("widgets.example.com")
        XCTAssertNil(definition)
    }

    func testAFileThatIsNotADefinitionIsRefused() async throws {
        let cluster = try await startCluster()
        do {
            _ = try await cluster.applier().apply([], chartCRDs: [ChartFile(name: "crds/cm.yaml", text: ManifestText.configMap("x"))])
            XCTFail("a ConfigMap was installed as a CRD")
        } catch let error as ApplyError {
            XCTAssertTrue(error.description.contains("crds/cm.yaml"), error.description)
        }
    }
}
