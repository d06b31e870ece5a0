@testable import Charts
import XCTest

/// Helm's `SplitManifests` and `SortManifests`.
final class ManifestSortingTests: XCTestCase {
    func testSplitsOnDashLinesAndDropsEmptyDocuments() {
        XCTAssertEqual(ManifestSorting.split("---\na: 1\n---\nb: 2\n  \n---   \nc: 3\n"), ["a: 1", "b: 2", "c: 3"])
        // The separator swallows the whitespace after it, so a second `---` right after
        // a blank line is not at a line start for the regexp and stays in the document.
        XCTAssertEqual(ManifestSorting.split("a: 1\n---\n\n---\nb: 2"), ["a: 1", "---\nb: 2"])
        XCTAssertEqual(ManifestSorting.split("a: 1\n--- # note\nb: 2"), ["a: 1", "# note\nb: 2"])
        XCTAssertEqual(ManifestSorting.split("a: '---'\nb: x---y"), ["a: '---'\nb: x---y"])
    }

    func testSortsByInstallOrderThenUnknownKindsAlphabetically() throws {
        let files = [
            "c/templates/a.yaml": "kind: Deployment\nmetadata: {name: d}\n---\nkind: Zeta\n---\nkind: Alpha\n",
            "c/templates/b.yaml": "kind: Service\nmetadata: {name: s}\n---\nkind: Namespace\n",
            "c/templates/_helpers.tpl": "kind: Secret",
            "c/templates/NOTES.txt": "kind: Secret",
            "c/templates/empty.yaml": "\n  \n",
        ]
        let (hooks, manifests) = try ManifestSorting.sort(files)
        XCTAssertTrue(hooks.isEmpty)
        XCTAssertEqual(manifests.map(\.kind), ["Namespace", "Service", "Deployment", "Alpha", "Zeta"])
    }

    func testHooksAreSetApartWithWeightsAndPolicies() throws {
        let job = """
            kind: Job
            metadata:
              name: migrate
              annotations:
                helm.sh/hook: pre-install, Pre-Upgrade
                helm.sh/hook-weight: "-5"
                helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
            """
        let unknown = "kind: Job\nmetadata:\n  name: x\n  annotations:\n    helm.sh/hook: sometime\n"
        let (hooks, manifests) = try ManifestSorting.sort(["c/templates/job.yaml": job + "\n---\n" + unknown])
        XCTAssertEqual(manifests, [])
        XCTAssertEqual(hooks.count, 1)
        XCTAssertEqual(hooks[0].events, ["pre-install", "pre-upgrade"])
        XCTAssertEqual(hooks[0].weight, -5)
        XCTAssertEqual(hooks[0].deletePolicies, ["before-hook-creation", "hook-succeeded"])
    }

    func testTemplateStreamHasSourceHeadersAndHooksLast() throws {
        let out = try ManifestStream.helmTemplateOutput([
            "c/templates/a.yaml": "kind: ConfigMap\nmetadata: {name: a}\n",
            "c/templates/h.yaml": "kind: Pod\nmetadata:\n  name: t\n  annotations: {helm.sh/hook: test}\n",
        ])
        XCTAssertEqual(
            out,
            "---\n# Source: c/templates/a.yaml\nkind: ConfigMap\nmetadata: {name: a}\n"
                + "---\n# Source: c/templates/h.yaml\nkind: Pod\nmetadata:\n  name: t\n  annotations: {helm.sh/hook: test}\n")
    }

    func testInvalidYAMLNamesTheTemplate() {
        XCTAssertThrowsError(try ManifestSorting.sort(["c/templates/bad.yaml": "a: [1"])) { error in
            XCTAssertTrue("\(error)".hasPrefix("YAML parse error on c/templates/bad.yaml:"), "\(error)")
        }
    }
}
