import KubeClient
import KubeObjects
import XCTest

final class KubeAPIErrorTests: XCTestCase {
    func testAStatusBodyGivesReasonMessageAndCauses() {
        let body = Array(#"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Apply failed with 1 conflict: conflict with \"kubectl-patch\" using v1: .data.a","reason":"Conflict","details":{"name":"cm","kind":"configmaps","causes":[{"reason":"FieldManagerConflict","message":"conflict with \"kubectl-patch\" using v1","field":".data.a"}]},"code":409}"#.utf8)
        let e = KubeAPIError(status: 409, body: body, retryAfterHeader: nil, request: "PATCH /api/v1/namespaces/x/configmaps/cm")
        XCTAssertTrue(e.isConflict)
        XCTAssertEqual(e.causes, [.init(reason: "FieldManagerConflict", message: #"conflict with "kubectl-patch" using v1"#, field: ".data.a")])
        XCTAssertEqual(e.description, #"PATCH /api/v1/namespaces/x/configmaps/cm: Apply failed with 1 conflict: conflict with "kubectl-patch" using v1: .data.a"#)
    }

    func testABodyThatIsNotAStatusStillClassifiesByCode() {
        let e = KubeAPIError(status: 410, body: [], retryAfterHeader: nil, request: "GET /api/v1/pods")
        XCTAssertTrue(e.isGone)
        XCTAssertEqual(e.reason, "Gone")
        XCTAssertEqual(e.message, "the server responded with status 410")
    }

    func testRetryAfterComesFromTheHeaderOrTheDetails() {
        let body = Array(#"{"kind":"Status","reason":"TooManyRequests","message":"slow down","details":{"retryAfterSeconds":7},"code":429}"#.utf8)
        XCTAssertEqual(KubeAPIError(status: 429, body: body, retryAfterHeader: " 3", request: "").retryAfter, 3)
        XCTAssertEqual(KubeAPIError(status: 429, body: body, retryAfterHeader: nil, request: "").retryAfter, 7)
        XCTAssertTrue(KubeAPIError(status: 429, body: body, retryAfterHeader: nil, request: "").isRetryable)
    }

    func testResourcePathsAreBuiltAsTheRESTClientBuildsThem() {
        let cm = GroupVersionResource(group: "", version: "v1", resource: "configmaps")
        let hr = GroupVersionResource(group: "helm.rudder.dev", version: "v1", resource: "helmreleases")
        XCTAssertEqual(ResourcePath(cm, namespace: "ns", name: "a").string, "/api/v1/namespaces/ns/configmaps/a")
        XCTAssertEqual(ResourcePath(hr).string, "/apis/helm.rudder.dev/v1/helmreleases")
        XCTAssertEqual(
            ResourcePath(hr, namespace: "x", name: "r", subresource: "status").adding("fieldManager", "rudder").adding("force", nil).string,
            "/apis/helm.rudder.dev/v1/namespaces/x/helmreleases/r/status?fieldManager=rudder")
        XCTAssertEqual(
            ResourcePath(cm, namespace: "ns").adding("labelSelector", "app in (a,b),tier!=db").string,
            "/api/v1/namespaces/ns/configmaps?labelSelector=app%20in%20%28a%2Cb%29%2Ctier%21%3Ddb")
        XCTAssertEqual(
            ResourcePath(GroupVersionResource(group: "rbac.authorization.k8s.io", version: "v1", resource: "clusterroles"), name: "system:admin").string,
            "/apis/rbac.authorization.k8s.io/v1/clusterroles/system:admin")
    }
}
