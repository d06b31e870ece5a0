import Controller
import KubeObjects
import XCTest

/// `spec.postRenderers` and `spec.commonMetadata` on rendered templates: kustomize patches
/// (strategic merge and JSON6902) on the objects their target selects, image overrides,
/// common labels and annotations, and the errors that fail a render.
final class PostRenderingTests: XCTestCase {
    static let deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels: {app: web, tier: front}
          annotations: {team: blue}
        spec:
          replicas: 1
          template:
            spec:
              initContainers:
              - name: migrate
                image: registry.example.com:5000/tools/migrate:1.0
              containers:
              - name: web
                image: nginx:1.27
                env: [{name: A, value: "1"}]
              - name: sidecar
                image: busybox
        """
    static let configMap = "# a comment kept when nothing changes\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n  labels: {app: web}\ndata: {greeting: hello}"
    static let hookJob = """
        apiVersion: batch/v1
        kind: Job
        metadata:
          name: migrate
          annotations: {"helm.sh/hook": pre-install}
        spec:
          template:
            spec:
              containers: [{name: job, image: nginx:1.25}]
        """
    static let files = [
        "demo/templates/deployment.yaml": deployment,
        "demo/templates/configmap.yaml": configMap,
        "demo/templates/hook.yaml": hookJob,
        "demo/templates/_helpers.tpl": "{{- define \"x\" -}}{{- end -}}",
        "demo/templates/NOTES.txt": "Thanks",
    ]

    private func render(_ renderers: [PostRenderer], common: CommonMetadata? = nil, files: [String: String] = files) throws -> [String: String] {
        try PostRendering(renderers: renderers, commonMetadata: common).apply(to: files, namespace: "apps")
    }

    private func patches(_ patches: KustomizePatch...) -> [PostRenderer] {
        [PostRenderer(kustomize: KustomizePostRenderer(patches: patches))]
    }

    private func object(_ files: [String: String], _ path: String) throws -> JSONValue {
        let documents = try JSONValue.parseYAMLStream(try XCTUnwrap(files[path], path))
        XCTAssertEqual(documents.count, 1)
        return try XCTUnwrap(documents.first)
    }

    private func containers(_ deployment: JSONValue, _ list: String = "containers") -> [JSONValue] {
        deployment[path: ["spec", "template", "spec", list]]?.arrayValue ?? []
    }

    private func assertFails(_ kind: PostRenderError.Kind, _ body: () throws -> Void, file: StaticString = #filePath, line: UInt = #line) -> PostRenderError? {
        do {
            try body()
            XCTFail("expected a \(kind) error", file: file, line: line)
        } catch let error as PostRenderError {
            XCTAssertEqual(error.kind, kind, "\(error)", file: file, line: line)
            return error
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
        }
        return nil
    }

    // MARK: strategic merge

    func testAStrategicMergePatchMergesContainersByName() throws {
        let out = try render(patches(KustomizePatch(
            patch: """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: any}
                spec:
                  template:
                    spec:
                      containers:
                      - name: web
                        env: [{name: B, value: "2"}]
                        resources: {limits: {memory: 128Mi}}
                """,
            target: PatchSelector(kind: "Deployment"))))
        let deployment = try object(out, "demo/templates/deployment.yaml")
        let list = containers(deployment)
        XCTAssertEqual(Set(list.compactMap { $0["name"]?.stringValue }), ["web", "sidecar"], "the sidecar stays: containers merge by name")
        let web = try XCTUnwrap(list.first { $0["name"] == "web" })
        XCTAssertEqual(web[path: ["resources", "limits", "memory"]], "128Mi")
        XCTAssertEqual(Set(web["env"]?.arrayValue?.compactMap { $0["name"]?.stringValue } ?? []), ["A", "B"], "env merges by name too")
        XCTAssertEqual(web["image"], "nginx:1.27")
        XCTAssertEqual(deployment.metadataName, "web", "the patch's own name does not rename the target")
    }

    func testAStrategicMergePatchWithoutATargetPatchesTheObjectItNames() throws {
        let out = try render(patches(KustomizePatch(patch: "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\ndata: {extra: added}")))
        let configMap = try object(out, "demo/templates/configmap.yaml")
        XCTAssertEqual(configMap["data"], ["greeting": "hello", "extra": "added"])
        XCTAssertEqual(try object(out, "demo/templates/deployment.yaml"), try object(Self.files, "demo/templates/deployment.yaml"))
    }

    func testAStrategicMergePatchWithoutATargetNamingNoObjectFails() throws {
        let error = assertFails(.noMatch) {
            _ = try render(patches(KustomizePatch(patch: "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: missing}\ndata: {a: b}")))
        }
        XCTAssertEqual(error?.location, "postRenderers[0].kustomize.patches[0]")
        XCTAssertTrue(error?.description.contains("ConfigMap \"missing\"") ?? false, "\(String(describing: error))")
    }

    func testADeletePatchRemovesTheObject() throws {
        let out = try render(patches(KustomizePatch(patch: "$patch: delete\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}")))
        XCTAssertEqual(try JSONValue.parseYAMLStream(out["demo/templates/configmap.yaml"] ?? "x").count, 0)
    }

    // MARK: JSON6902

    func testAJSON6902PatchAddsReplacesAndRemoves() throws {
        let out = try render(patches(KustomizePatch(
            patch: """
                - op: replace
                  path: /spec/replicas
                  value: 3
                - op: add
                  path: /metadata/labels/added
                  value: "yes"
                - op: remove
                  path: /metadata/annotations/team
                """,
            target: PatchSelector(group: "apps", version: "v1", kind: "Deployment", name: "web"))))
        let deployment = try object(out, "demo/templates/deployment.yaml")
        XCTAssertEqual(deployment[path: ["spec", "replicas"]], 3)
        XCTAssertEqual(deployment[path: ["metadata", "labels", "added"]], "yes")
        XCTAssertNil(deployment[path: ["metadata", "annotations", "team"]])
    }

    func testAJSON6902PatchMayBeJSONText() throws {
        let out = try render(patches(KustomizePatch(
            patch: #"[{"op": "add", "path": "/data/json", "value": "yes"}]"#, target: PatchSelector(kind: "ConfigMap"))))
        XCTAssertEqual(try object(out, "demo/templates/configmap.yaml")[path: ["data", "json"]], "yes")
    }

    func testAJSON6902PatchWithoutATargetIsRefused() {
        let error = assertFails(.invalidPatch) {
            _ = try render(patches(KustomizePatch(patch: "- {op: remove, path: /data}")))
        }
        XCTAssertTrue(error?.message.contains("needs a target") ?? false)
    }

    func testAJSON6902PatchThatDoesNotApplyFailsNamingTheObject() {
        let error = assertFails(.patchFailed) {
            _ = try render(patches(KustomizePatch(patch: "- {op: replace, path: /spec/missing/field, value: 1}", target: PatchSelector(kind: "Deployment"))))
        }
        XCTAssertTrue(error?.message.contains("Deployment \"web\"") ?? false, "\(String(describing: error))")
    }

    func testAFailedPatchOfASecretDoesNotQuoteIt() {
        var files = Self.files
        files["demo/templates/secret.yaml"] = "apiVersion: v1\nkind: Secret\nmetadata: {name: creds}\nstringData: {password: hunter2}"
        let error = assertFails(.patchFailed) {
            _ = try render(
                patches(KustomizePatch(patch: "- {op: test, path: /stringData/password, value: wrong}", target: PatchSelector(kind: "Secret"))),
                files: files)
        }
        XCTAssertFalse(error?.description.contains("hunter2") ?? true)
        XCTAssertTrue(error?.description.contains("Secret \"creds\"") ?? false)
    }

    // MARK: parsing and targets

    func testAPatchThatDoesNotParseIsAnError() {
        let error = assertFails(.invalidPatch) {
            _ = try render(patches(KustomizePatch(patch: "spec: [unclosed", target: PatchSelector(kind: "Deployment"))))
        }
        XCTAssertEqual(error?.location, "postRenderers[0].kustomize.patches[0]")
    }

    func testATargetSelectingNothingIsAnError() {
        _ = assertFails(.noMatch) {
            _ = try render(patches(KustomizePatch(patch: "metadata: {labels: {x: z}}", target: PatchSelector(kind: "StatefulSet"))))
        }
    }

    func testTargetNamesAreWholeRegularExpressions() throws {
        _ = assertFails(.noMatch) {
            _ = try render(patches(KustomizePatch(patch: "metadata: {labels: {x: z}}", target: PatchSelector(name: "we"))))
        }
        let out = try render(patches(KustomizePatch(patch: "metadata: {labels: {x: z}}", target: PatchSelector(name: "(web|settings)"))))
        XCTAssertEqual(try object(out, "demo/templates/deployment.yaml")[path: ["metadata", "labels", "x"]], "z")
        XCTAssertEqual(try object(out, "demo/templates/configmap.yaml")[path: ["metadata", "labels", "x"]], "z")
        XCTAssertNil(try object(out, "demo/templates/hook.yaml")[path: ["metadata", "labels", "x"]])
    }

    func testALabelSelectorTargetPicksObjectsByLabel() throws {
        let out = try render(patches(KustomizePatch(patch: "metadata: {annotations: {picked: \"true\"}}", target: PatchSelector(labelSelector: "app=web,tier=front"))))
        XCTAssertEqual(try object(out, "demo/templates/deployment.yaml")[path: ["metadata", "annotations", "picked"]], "true")
        XCTAssertNil(try object(out, "demo/templates/configmap.yaml")[path: ["metadata", "annotations", "picked"]], "no tier label")
    }

    func testAnAnnotationSelectorAndNamespaceTarget() throws {
        let out = try render(patches(KustomizePatch(
            patch: "metadata: {labels: {blue: \"yes\"}}", target: PatchSelector(namespace: "apps", annotationSelector: "team=blue"))))
        XCTAssertEqual(try object(out, "demo/templates/deployment.yaml")[path: ["metadata", "labels", "blue"]], "yes")
        _ = assertFails(.noMatch) {
            _ = try render(patches(KustomizePatch(patch: "metadata: {labels: {x: z}}", target: PatchSelector(namespace: "other"))))
        }
    }

    func testAnInvalidTargetExpressionIsAnError() {
        _ = assertFails(.invalidTarget) {
            _ = try render(patches(KustomizePatch(patch: "metadata: {labels: {x: z}}", target: PatchSelector(name: "web("))))
        }
    }

    // MARK: images

    private func images(_ images: KustomizeImage...) -> [PostRenderer] {
        [PostRenderer(kustomize: KustomizePostRenderer(images: images))]
    }

    func testAnImageGetsANewTag() throws {
        let out = try render(images(KustomizeImage(name: "nginx", newTag: "1.28")))
        let deployment = try object(out, "demo/templates/deployment.yaml")
        XCTAssertEqual(containers(deployment).map { $0["image"] }, ["nginx:1.28", "busybox"])
        XCTAssertEqual(containers(try object(out, "demo/templates/hook.yaml")).first?["image"], "nginx:1.28", "hooks too")
    }

    func testADigestWinsOverTheTag() throws {
        let digest = "sha256:" + String(repeating: "b", count: 64)
        let out = try render(images(KustomizeImage(name: "nginx", newTag: "1.28", digest: digest)))
        XCTAssertEqual(containers(try object(out, "demo/templates/deployment.yaml")).first?["image"], .string("nginx@\(digest)"))
    }

    func testAnImageGetsANewNameKeepingItsTagAndInitContainersMatch() throws {
        let out = try render(images(
            KustomizeImage(name: "registry.example.com:5000/tools/migrate", newName: "mirror.local/migrate"),
            KustomizeImage(name: "busybox", newName: "mirror.local/busybox", newTag: "1.36")))
        let deployment = try object(out, "demo/templates/deployment.yaml")
        XCTAssertEqual(containers(deployment, "initContainers").first?["image"], "mirror.local/migrate:1.0")
        XCTAssertEqual(containers(deployment).last?["image"], "mirror.local/busybox:1.36")
    }

    func testImagesInACronJobsJobTemplateAreOverridden() throws {
        let cron = """
            apiVersion: batch/v1
            kind: CronJob
            metadata: {name: nightly}
            spec:
              schedule: "@daily"
              jobTemplate:
                spec:
                  template:
                    spec:
                      containers: [{name: run, image: "nginx@sha256:aaaa"}]
            """
        let out = try render(images(KustomizeImage(name: "nginx", newTag: "1.28")), files: ["demo/templates/cron.yaml": cron])
        let cronJob = try object(out, "demo/templates/cron.yaml")
        XCTAssertEqual(cronJob[path: ["spec", "jobTemplate", "spec", "template", "spec", "containers"]]?.arrayValue?.first?["image"], "nginx:1.28")
    }

    func testAnImageNamePrefixDoesNotMatch() throws {
        let out = try render(images(KustomizeImage(name: "ngin", newTag: "x")))
        XCTAssertEqual(out, Self.files, "nothing matched, nothing rewritten")
    }

    // MARK: commonMetadata

    func testCommonMetadataLandsOnEveryObjectButNotOnHelmsOwnership() throws {
        let common = CommonMetadata(
            labels: ["env": "prod", "app": "overridden", "app.kubernetes.io/managed-by": "someone"],
            annotations: ["owner": "platform", "meta.helm.sh/release-name": "other"])
        let out = try render([], common: common)
        for path in ["demo/templates/deployment.yaml", "demo/templates/configmap.yaml", "demo/templates/hook.yaml"] {
            let object = try object(out, path)
            XCTAssertEqual(object[path: ["metadata", "labels", "env"]], "prod", path)
            XCTAssertEqual(object[path: ["metadata", "annotations", "owner"]], "platform", path)
            XCTAssertNil(object[path: ["metadata", "labels", "app.kubernetes.io/managed-by"]], path)
            XCTAssertNil(object[path: ["metadata", "annotations", "meta.helm.sh/release-name"]], path)
        }
        let deployment = try object(out, "demo/templates/deployment.yaml")
        XCTAssertEqual(deployment[path: ["metadata", "labels", "app"]], "overridden", "a common key replaces the chart's, as in Flux")
        XCTAssertNil(deployment[path: ["spec", "template", "metadata"]], "pod templates are not labelled")
        XCTAssertEqual(try object(out, "demo/templates/hook.yaml")[path: ["metadata", "annotations", "helm.sh/hook"]], "pre-install")
    }

    // MARK: pass-through

    func testTemplatesNoTransformChangesKeepTheirText() throws {
        let out = try render(patches(KustomizePatch(patch: "- {op: add, path: /spec/replicas, value: 2}", target: PatchSelector(kind: "Deployment"))))
        XCTAssertEqual(out["demo/templates/configmap.yaml"], Self.configMap)
        XCTAssertEqual(out["demo/templates/_helpers.tpl"], Self.files["demo/templates/_helpers.tpl"])
        XCTAssertEqual(out["demo/templates/NOTES.txt"], "Thanks")
        XCTAssertNotEqual(out["demo/templates/deployment.yaml"], Self.deployment)
    }

    func testPostRenderersRunInOrder() throws {
        let renderers = [
            PostRenderer(kustomize: KustomizePostRenderer(patches: [
                KustomizePatch(patch: "- {op: add, path: /data/step, value: one}", target: PatchSelector(kind: "ConfigMap"))
            ])),
            PostRenderer(kustomize: KustomizePostRenderer(patches: [
                KustomizePatch(patch: "- {op: test, path: /data/step, value: one}\n- {op: replace, path: /data/step, value: two}", target: PatchSelector(kind: "ConfigMap"))
            ])),
        ]
        XCTAssertEqual(try object(try render(renderers), "demo/templates/configmap.yaml")[path: ["data", "step"]], "two")
    }
}

/// The digest a reconcile can compare to see a post-renderer change.
final class PostRenderingDigestTests: XCTestCase {
    func testTheDigestFollowsTheSpecAndIsNilWithNothingToDo() {
        XCTAssertNil(PostRendering().digest)
        XCTAssertNil(PostRendering(renderers: [PostRenderer(kustomize: KustomizePostRenderer())], commonMetadata: CommonMetadata()).digest)
        let a = PostRendering(renderers: [PostRenderer(kustomize: KustomizePostRenderer(images: [KustomizeImage(name: "nginx", newTag: "1")]))])
        let b = PostRendering(renderers: [PostRenderer(kustomize: KustomizePostRenderer(images: [KustomizeImage(name: "nginx", newTag: "2")]))])
        XCTAssertEqual(a.digest, a.digest)
        XCTAssertTrue(a.digest?.hasPrefix("sha256:") ?? false)
        XCTAssertNotEqual(a.digest, b.digest)
        XCTAssertNotEqual(PostRendering(commonMetadata: CommonMetadata(labels: ["a": "b"])).digest, PostRendering(commonMetadata: CommonMetadata(labels: ["a": "c"])).digest)
    }
}
