import EmbeddedAPIServer
import KubeObjects
import XCTest

final class DiscoveryDocumentsTests: XCTestCase {
    let kubectlAccept = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json"
    let helmAccept = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json"

    func documents(_ registry: ResourceRegistry = ResourceRegistry()) -> DiscoveryDocuments {
        DiscoveryDocuments(registry: registry, serverAddress: "127.0.0.1:6443")
    }

    /// The resource entry named `name` in an aggregated list.
    func aggregatedResource(_ list: JSONValue, group: String, version: String, _ name: String) -> JSONValue? {
        let item = list["items"]?.arrayValue?.first { ($0[path: ["metadata", "name"]]?.stringValue ?? "") == group }
        let v = item?["versions"]?.arrayValue?.first { $0["version"] == .string(version) }
        return v?["resources"]?.arrayValue?.first { $0["resource"] == .string(name) }
    }

    func legacyEntry(_ list: JSONValue?, _ name: String) -> JSONValue? {
        list?["resources"]?.arrayValue?.first { $0["name"] == .string(name) }
    }

    // MARK: /version

    func testVersionIsV1_37WithEveryFieldGoClientsRead() {
        let v = VersionInfo.current.json
        XCTAssertEqual(v["gitVersion"], "v1.37.0")
        XCTAssertEqual(v["major"], "1")
        XCTAssertEqual(v["minor"], "37")
        XCTAssertEqual(v["platform"], "linux/amd64")
        XCTAssertEqual(v["compiler"], "gc")
        XCTAssertEqual(v["gitTreeState"], "clean")
        for key in ["gitCommit", "buildDate", "goVersion"] {
            XCTAssertNotNil(v[key]?.stringValue, key)
        }
    }

    // MARK: negotiation

    func testKubectlAcceptHeaderNegotiatesAggregatedV2WithTheExactContentType() {
        let t = DiscoveryMediaType.negotiate(accept: kubectlAccept)
        XCTAssertEqual(t, .aggregated(.v2))
        XCTAssertEqual(t.contentType, "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList")
        XCTAssertEqual(DiscoveryMediaType.aggregatedV2ContentType, t.contentType)
    }

    func testHelmListingV2BeforeV2beta1GetsV2() {
        XCTAssertEqual(DiscoveryMediaType.negotiate(accept: helmAccept), .aggregated(.v2))
    }

    func testAClientAskingOnlyForV2beta1GetsV2beta1AndItsContentType() {
        let t = DiscoveryMediaType.negotiate(
            accept: "application/json; g=apidiscovery.k8s.io; v=v2beta1; as=APIGroupDiscoveryList, application/json")
        XCTAssertEqual(t, .aggregated(.v2beta1))
        XCTAssertEqual(t.contentType, "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList")
    }

    func testPlainJSONWildcardsAndNoHeaderGetLegacyDiscovery() {
        for accept in [nil, "application/json, */*", "*/*", "application/json",
                       "application/json;g=apidiscovery.k8s.io;v=v3;as=APIGroupDiscoveryList"] {
            XCTAssertEqual(DiscoveryMediaType.negotiate(accept: accept), .legacy, accept ?? "nil")
        }
    }

    func testResponseForApisLabelsTheAggregatedBodyWithTheNegotiatedVersion() throws {
        let r = try XCTUnwrap(documents().response(path: "/apis", accept: helmAccept))
        XCTAssertEqual(r.contentType, AggregatedDiscoveryVersion.v2.contentType)
        XCTAssertEqual(r.body["apiVersion"], "apidiscovery.k8s.io/v2")
        let beta = try XCTUnwrap(documents().response(
            path: "/api", accept: "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList"))
        XCTAssertEqual(beta.body["apiVersion"], "apidiscovery.k8s.io/v2beta1")
        XCTAssertEqual(beta.body["kind"], "APIGroupDiscoveryList")
        let legacy = try XCTUnwrap(documents().response(path: "/api", accept: "application/json, */*"))
        XCTAssertEqual(legacy.contentType, "application/json")
        XCTAssertEqual(legacy.body["kind"], "APIVersions")
    }

    func testUnknownGroupsVersionsAndPathsAnswerNil() {
        let d = documents()
        XCTAssertNil(d.response(path: "/apis/nope.example.com", accept: nil))
        XCTAssertNil(d.response(path: "/apis/apps/v9", accept: nil))
        XCTAssertNil(d.response(path: "/api/v2", accept: nil))
        XCTAssertNil(d.response(path: "/apis/apps/v1/deployments", accept: nil))
        XCTAssertNil(d.apiGroup(named: ""))
    }

    // MARK: aggregated

    func testAggregatedPodEntryHasEveryFieldTheClientsNeed() throws {
        let list = documents().aggregatedCore()
        XCTAssertEqual(list["kind"], "APIGroupDiscoveryList")
        XCTAssertEqual(list["metadata"], [:])
        let pods = try XCTUnwrap(aggregatedResource(list, group: "", version: "v1", "pods"))
        XCTAssertEqual(pods["responseKind"], ["group": "", "version": "v1", "kind": "Pod"])
        XCTAssertEqual(pods["scope"], "Namespaced")
        XCTAssertEqual(pods["singularResource"], "pod")
        XCTAssertEqual(pods["verbs"], ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"])
        XCTAssertEqual(pods["shortNames"], ["po"])
        XCTAssertEqual(pods["categories"], ["all"])
        XCTAssertEqual(pods["subresources"], [[
            "subresource": "status", "responseKind": ["group": "", "version": "v1", "kind": "Pod"],
            "verbs": ["get", "patch", "update"],
        ]])
    }

    func testAggregatedVersionsAreCurrentAndClusterScopedKindsSaySo() throws {
        let list = documents().aggregatedCore()
        let version = try XCTUnwrap(list["items"]?.arrayValue?.first?["versions"]?.arrayValue?.first)
        XCTAssertEqual(version["freshness"], "Current")
        let ns = try XCTUnwrap(aggregatedResource(list, group: "", version: "v1", "namespaces"))
        XCTAssertEqual(ns["scope"], "Cluster")
        XCTAssertEqual(ns["shortNames"], ["ns"])
    }

    func testAggregatedScaleSubresourceAnswersWithAutoscalingScale() throws {
        let deploy = try XCTUnwrap(aggregatedResource(documents().aggregatedGroups(), group: "apps", version: "v1", "deployments"))
        let scale = deploy["subresources"]?.arrayValue?.first { $0["subresource"] == "scale" }
        XCTAssertEqual(scale?["responseKind"], ["group": "autoscaling", "version": "v1", "kind": "Scale"])
        XCTAssertEqual(deploy["shortNames"], ["deploy"])
        XCTAssertEqual(deploy["categories"], ["all"])
    }

    func testAggregatedGroupsListPreferredVersionFirstAndExcludeCore() throws {
        let list = documents().aggregatedGroups()
        let names = list["items"]?.arrayValue?.compactMap { $0[path: ["metadata", "name"]]?.stringValue } ?? []
        XCTAssertFalse(names.contains(""))
        XCTAssertEqual(names.count, Set(names).count)
        let autoscaling = list["items"]?.arrayValue?.first { $0[path: ["metadata", "name"]] == "autoscaling" }
        XCTAssertEqual(autoscaling?["versions"]?.arrayValue?.compactMap { $0["version"]?.stringValue }, ["v2", "v1"])
    }

    func testACRDGroupAppearsInAggregatedDiscoveryAndDisappearsWithIt() throws {
        var registry = try DiscoveryFixtures.registryWithCRD()
        let hr = try XCTUnwrap(aggregatedResource(documents(registry).aggregatedGroups(), group: "helm.rudder.dev", version: "v1", "helmreleases"))
        XCTAssertEqual(hr["responseKind"], ["group": "helm.rudder.dev", "version": "v1", "kind": "HelmRelease"])
        XCTAssertEqual(hr["shortNames"], ["hr"])
        XCTAssertEqual(hr["subresources"]?.arrayValue?.count, 1)
        registry.remove(crdNamed: "helmreleases.helm.rudder.dev")
        XCTAssertNil(aggregatedResource(documents(registry).aggregatedGroups(), group: "helm.rudder.dev", version: "v1", "helmreleases"))
        XCTAssertNil(documents(registry).apiGroup(named: "helm.rudder.dev"))
    }

    // MARK: legacy

    func testLegacyAPIVersionsPublishTheServerAddress() {
        let v = documents().apiVersions()
        XCTAssertEqual(v["kind"], "APIVersions")
        XCTAssertEqual(v["versions"], ["v1"])
        XCTAssertEqual(v["serverAddressByClientCIDRs"], [["clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1:6443"]])
    }

    func testLegacyGroupListAndGroupCarryThePreferredVersion() throws {
        let list = documents().apiGroupList()
        XCTAssertEqual(list["kind"], "APIGroupList")
        let apps = list["groups"]?.arrayValue?.first { $0["name"] == "apps" }
        XCTAssertEqual(apps?["preferredVersion"], ["groupVersion": "apps/v1", "version": "v1"])
        let group = try XCTUnwrap(documents().apiGroup(named: "autoscaling"))
        XCTAssertEqual(group["kind"], "APIGroup")
        XCTAssertEqual(group["preferredVersion"], ["groupVersion": "autoscaling/v2", "version": "v2"])
        XCTAssertEqual(group["versions"]?.arrayValue?.count, 2)
    }

    func testLegacyResourceListNamesSubresourcesWithTheirVerbs() throws {
        let list = try XCTUnwrap(documents().apiResourceList(GroupVersion(group: "apps", version: "v1")))
        XCTAssertEqual(list["kind"], "APIResourceList")
        XCTAssertEqual(list["groupVersion"], "apps/v1")
        let deploy = try XCTUnwrap(legacyEntry(list, "deployments"))
        XCTAssertEqual(deploy["singularName"], "deployment")
        XCTAssertEqual(deploy["namespaced"], true)
        XCTAssertEqual(deploy["kind"], "Deployment")
        XCTAssertEqual(deploy["shortNames"], ["deploy"])
        XCTAssertEqual(deploy["categories"], ["all"])
        let status = try XCTUnwrap(legacyEntry(list, "deployments/status"))
        XCTAssertEqual(status["verbs"], ["get", "patch", "update"])
        XCTAssertEqual(status["kind"], "Deployment")
        let scale = try XCTUnwrap(legacyEntry(list, "deployments/scale"))
        XCTAssertEqual(scale["group"], "autoscaling")
        XCTAssertEqual(scale["kind"], "Scale")
    }

    func testLegacyCoreListHasPodStatusAndNoEmptyShortNames() throws {
        let list = try XCTUnwrap(documents().response(path: "/api/v1", accept: kubectlAccept)).body
        XCTAssertNotNil(legacyEntry(list, "pods/status"))
        XCTAssertNil(legacyEntry(list, "secrets")?["shortNames"], "Go's omitempty drops empty lists")
    }

    func testLegacyResourceListOfACRDFollowsTheCRD() throws {
        var registry = try DiscoveryFixtures.registryWithCRD()
        let gv = GroupVersion(group: "helm.rudder.dev", version: "v1")
        XCTAssertEqual(legacyEntry(documents(registry).apiResourceList(gv), "helmreleases")?["kind"], "HelmRelease")
        XCTAssertNotNil(legacyEntry(documents(registry).apiResourceList(gv), "helmreleases/status"))
        registry.remove(crdNamed: "helmreleases.helm.rudder.dev")
        XCTAssertNil(documents(registry).apiResourceList(gv))
    }

    // MARK: built-ins

    func testEveryKindTheIssueListsIsServedWithItsRealShortNames() {
        let registry = ResourceRegistry()
        let expected: [(String, String, String, [String])] = [
            ("", "v1", "namespaces", ["ns"]), ("", "v1", "configmaps", ["cm"]), ("", "v1", "secrets", []),
            ("", "v1", "services", ["svc"]), ("", "v1", "serviceaccounts", ["sa"]), ("", "v1", "pods", ["po"]),
            ("", "v1", "persistentvolumeclaims", ["pvc"]), ("", "v1", "endpoints", ["ep"]), ("", "v1", "events", ["ev"]),
            ("apps", "v1", "deployments", ["deploy"]), ("apps", "v1", "statefulsets", ["sts"]),
            ("batch", "v1", "jobs", []), ("batch", "v1", "cronjobs", ["cj"]),
            ("rbac.authorization.k8s.io", "v1", "clusterroles", []),
            ("networking.k8s.io", "v1", "ingresses", ["ing"]), ("policy", "v1", "poddisruptionbudgets", ["pdb"]),
            ("autoscaling", "v2", "horizontalpodautoscalers", ["hpa"]), ("coordination.k8s.io", "v1", "leases", []),
            ("apiextensions.k8s.io", "v1", "customresourcedefinitions", ["crd", "crds"]),
            ("admissionregistration.k8s.io", "v1", "validatingwebhookconfigurations", []),
            ("scheduling.k8s.io", "v1", "priorityclasses", ["pc"]), ("storage.k8s.io", "v1", "storageclasses", ["sc"]),
            ("events.k8s.io", "v1", "events", ["ev"]),
        ]
        for (group, version, plural, short) in expected {
            let r = registry.resource(group: group, version: version, plural: plural)
            XCTAssertEqual(r?.shortNames, short, "\(group)/\(version) \(plural)")
        }
    }

    func testWorkloadsAreInCategoryAllAndAPIExtensionsInTheirOwn() {
        let registry = ResourceRegistry()
        for (g, p) in [("", "pods"), ("", "services"), ("apps", "deployments"), ("apps", "daemonsets"), ("batch", "jobs")] {
            XCTAssertEqual(registry.resource(group: g, version: "v1", plural: p)?.categories, ["all"], p)
        }
        XCTAssertEqual(registry.resource(group: "", version: "v1", plural: "configmaps")?.categories, [])
        XCTAssertEqual(
            registry.resource(group: "apiextensions.k8s.io", version: "v1", plural: "customresourcedefinitions")?.categories,
            ["api-extensions"])
    }
}
