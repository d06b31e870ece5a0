import Controller
import Foundation
import KubeClient
import KubeObjects
import XCTest

/// The CRD is generated from the Swift types; these tests keep the two in step and the
/// checked-in file current.
final class HelmReleaseSchemaTests: XCTestCase {
    /// A HelmRelease with every field set, so its JSON shows every key the types can write.
    static var fullyPopulated: HelmRelease {
        var chart = ChartReference(repository: "https://charts.example.com", name: "podinfo", version: ">=6.0.0 <7.0.0")
        chart.digest = "sha256:" + String(repeating: "a", count: 64)
        chart.secretRef = LocalObjectReference(name: "creds")
        chart.packagedRef = PackagedChartReference(kind: .secret, name: "charts", key: "podinfo-6.5.0.tgz")
        chart.plainHTTP = false
        var spec = HelmReleaseSpec(chart: chart)
        spec.releaseName = "podinfo"
        spec.targetNamespace = "apps"
        spec.storageNamespace = "apps"
        spec.values = ["replicaCount": 2]
        spec.valuesFrom = [ValuesReference(kind: .secret, name: "db", valuesKey: "password", targetPath: "db.password", optional: true)]
        spec.rollback = RollbackSpec(toRevision: 3)
        var install = InstallSpec()
        install.createNamespace = true
        install.crds = .createReplace
        install.disableHooks = false
        install.remediation = InstallRemediation(retries: 3)
        spec.install = install
        var upgrade = UpgradeSpec()
        upgrade.crds = .skip
        upgrade.force = false
        upgrade.cleanupOnFail = true
        upgrade.disableHooks = false
        upgrade.remediation = UpgradeRemediation(retries: 3, strategy: .uninstall)
        spec.upgrade = upgrade
        var uninstall = UninstallSpec()
        uninstall.keepHistory = true
        uninstall.deletionPropagation = .foreground
        uninstall.disableHooks = false
        spec.uninstall = uninstall
        spec.test = TestSpec(enable: true, ignoreFailures: false)
        spec.interval = "10m"
        spec.timeout = "5m"
        spec.wait = true
        spec.suspend = false
        spec.maxHistory = 10
        spec.dependsOn = [DependencyReference(name: "cert-manager", namespace: "infra")]
        var drift = DriftDetectionSpec(mode: .warn)
        var target = DriftTarget()
        target.group = "apps"
        target.kind = "Deployment"
        target.name = "web"
        target.namespace = "apps"
        drift.ignore = [DriftIgnoreRule(paths: ["/spec/replicas"], target: target)]
        spec.driftDetection = drift
        spec.serviceAccountName = "deployer"
        spec.storage = .configMap
        let selector = PatchSelector(
            group: "apps", version: "v1", kind: "Deployment", name: "web", namespace: "apps", labelSelector: "app=web",
            annotationSelector: "team=blue")
        spec.postRenderers = [
            PostRenderer(kustomize: KustomizePostRenderer(
                patches: [KustomizePatch(patch: "- {op: add, path: /spec/replicas, value: 2}", target: selector)],
                images: [KustomizeImage(name: "nginx", newName: "mirror/nginx", newTag: "1.28", digest: "sha256:" + String(repeating: "c", count: 64))]))
        ]
        spec.commonMetadata = CommonMetadata(labels: ["env": "prod"], annotations: ["owner": "platform"])

        var status = HelmReleaseStatus()
        status.observedGeneration = 4
        status.conditions = [
            Condition(
                type: "Ready", status: .true, observedGeneration: 4, lastTransitionTime: KubeTime(secondsSinceEpoch: 1_700_000_000),
                reason: "InstallSucceeded", message: "Helm install succeeded")
        ]
        status.lastAttemptedChartVersion = "6.5.0"
        status.lastAttemptedConfigDigest = "sha256:abc"
        status.lastAttemptedRevision = 4
        status.lastHandledRequestedAt = "now"
        status.observedPostRenderersDigest = "sha256:0"
        var snapshot = ReleaseSnapshot(revision: 4, chartName: "podinfo", chartVersion: "6.5.0", status: "deployed")
        snapshot.appVersion = "6.5.0"
        snapshot.firstDeployed = "2024-01-01T00:00:00Z"
        snapshot.lastDeployed = "2024-01-02T00:00:00Z"
        snapshot.deleted = "2024-01-03T00:00:00Z"
        snapshot.digest = "sha256:def"
        snapshot.configDigest = "sha256:abc"
        snapshot.description = "Upgrade complete"
        snapshot.testHooks = ["podinfo-test": "Succeeded"]
        status.history = [snapshot]
        status.failures = 0
        status.installFailures = 0
        status.upgradeFailures = 0
        status.storageNamespace = "apps"
        status.releaseName = "podinfo"
        var metadata = ObjectMeta()
        metadata.name = "podinfo"
        metadata.namespace = "apps"
        return HelmRelease(metadata: metadata, spec: spec, status: status)
    }

    /// Paths (`spec.chart.name`, `spec.valuesFrom[].kind`) of every leaf or object key in `json`,
    /// not descending into free-form values.
    private func paths(_ json: JSONValue, schema: JSONValue, prefix: String, out: inout Set<String>, missing: inout [String]) {
        if schema["x-kubernetes-preserve-unknown-fields"]?.boolValue == true { return }
        switch json {
        case .object(let o):
            if let additional = schema["additionalProperties"] {
                for (_, v) in o { paths(v, schema: additional, prefix: prefix + "{}", out: &out, missing: &missing) }
                return
            }
            let properties = schema["properties"]?.objectValue ?? [:]
            for (k, v) in o {
                let path = prefix.isEmpty ? k : "\(prefix).\(k)"
                out.insert(path)
                guard let sub = properties[k] else {
                    missing.append(path)
                    continue
                }
                paths(v, schema: sub, prefix: path, out: &out, missing: &missing)
            }
        case .array(let items):
            for item in items { paths(item, schema: schema["items"] ?? [:], prefix: prefix + "[]", out: &out, missing: &missing) }
        default:
            return
        }
    }

    private func schemaPaths(_ schema: JSONValue, prefix: String, out: inout Set<String>) {
        if schema["x-kubernetes-preserve-unknown-fields"]?.boolValue == true { return }
        if let items = schema["items"] { schemaPaths(items, prefix: prefix + "[]", out: &out) }
        if let additional = schema["additionalProperties"] { schemaPaths(additional, prefix: prefix + "{}", out: &out) }
        for (k, v) in schema["properties"]?.objectValue ?? [:] {
            let path = prefix.isEmpty ? k : "\(prefix).\(k)"
            out.insert(path)
            schemaPaths(v, prefix: path, out: &out)
        }
    }

    func testEveryFieldTheTypesWriteIsInTheSchemaAndViceVersa() throws {
        let json = try JSONValue(encoding: Self.fullyPopulated)
        let schema = HelmReleaseSchema.root.json
        var written = Set<String>()
        var undeclared: [String] = []
        paths(json, schema: schema, prefix: "", out: &written, missing: &undeclared)
        // metadata is the API server's own schema, not the CRD's.
        XCTAssertEqual(undeclared.filter { !$0.hasPrefix("metadata.") }.sorted(), [], "keys the types write that the CRD schema would prune")
        var declared = Set<String>()
        schemaPaths(schema, prefix: "", out: &declared)
        // metadata is the API server's; everything else must be reachable from the types.
        let unreachable = declared.subtracting(written).filter { !$0.hasPrefix("metadata") }
        XCTAssertEqual(unreachable.sorted(), [], "schema properties no Swift field writes")
    }

    func testAFullyPopulatedReleaseRoundTrips() throws {
        let json = try JSONValue(encoding: Self.fullyPopulated)
        XCTAssertEqual(json["apiVersion"], "helm.rudder.dev/v1")
        XCTAssertEqual(json["kind"], "HelmRelease")
        let back = try json.decode(HelmRelease.self)
        XCTAssertEqual(back, Self.fullyPopulated)
    }

    func testTheCheckedInCRDIsTheGeneratedOne() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let onDisk = try String(contentsOf: root.appendingPathComponent(HelmReleaseCRD.path), encoding: .utf8)
        XCTAssertEqual(onDisk, HelmReleaseCRD.yaml, "crds/ is stale: run hack/gen-crds")
    }

    func testTheCRDDeclaresTheAPIUsersType() {
        let crd = HelmReleaseCRD.definition
        XCTAssertEqual(crd[path: ["spec", "names", "shortNames"]], ["hr"])
        let version = crd[path: ["spec", "versions"]]?.arrayValue?.first
        XCTAssertEqual(version?[path: ["subresources", "status"]], [:])
        XCTAssertEqual(version?["additionalPrinterColumns"]?.arrayValue?.compactMap { $0["name"]?.stringValue }, ["Ready", "Status", "Revision", "Chart", "Age"])
        let rules = version?[path: ["schema", "openAPIV3Schema", "properties", "spec", "properties", "chart", "x-kubernetes-validations"]]
        XCTAssertEqual(rules?.arrayValue?.count, 2)
    }
}
