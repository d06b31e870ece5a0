import KubeObjects
import XCTest

/// Columns and cells follow kube-apiserver's printers (`pkg/printers/internalversion`), the
/// CRD table convertor (apiextensions `tableconvertor`), and `duration.HumanDuration`.
final class TableTests: XCTestCase {
    private let now = KubeTime(rfc3339: "2024-01-10T12:00:00Z")!
    private func ago(_ seconds: Int64) -> JSONValue {
        .string(KubeTime(secondsSinceEpoch: now.secondsSinceEpoch - seconds).rfc3339)
    }

    func testHumanDurationBands() {
        let cases: [(Int64, String)] = [
            (-2, "<invalid>"), (-1, "0s"), (21, "21s"), (119, "119s"), (120, "2m"), (303, "5m3s"), (600, "10m"),
            (10_799, "179m"), (10_800, "3h"), (25_500, "7h5m"), (28_800, "8h"), (47 * 3600, "47h"), (53 * 3600, "2d5h"),
            (8 * 86400, "8d"), (2 * 365 * 86400, "2y"), ((3 * 365 + 4) * 86400, "3y4d"), (9 * 365 * 86400, "9y"),
        ]
        for (seconds, text) in cases { XCTAssertEqual(HumanDuration.format(seconds: seconds), text, "\(seconds)s") }
    }

    func testTableShapeWithPartialObjectMetadataRows() {
        let cm: JSONValue = ["metadata": ["name": "cm1", "namespace": "x", "creationTimestamp": ago(21)], "data": ["a": "1", "b": "2"], "binaryData": ["c": "AA=="]]
        let table = TableConvertor.builtin(group: "", kind: "ConfigMap").table(
            objects: [cm], now: now, listMetadata: ["resourceVersion": "109"])
        XCTAssertEqual(table["kind"], "Table")
        XCTAssertEqual(table["apiVersion"], "meta.k8s.io/v1")
        XCTAssertEqual(table["metadata"], ["resourceVersion": "109"])
        XCTAssertEqual(table["columnDefinitions"]?.arrayValue?.map { $0["name"]?.stringValue ?? "" }, ["Name", "Data", "Age"])
        XCTAssertEqual(table["columnDefinitions"]?.arrayValue?.first?["format"], "name")
        let row = table["rows"]?.arrayValue?.first
        XCTAssertEqual(row?["cells"], ["cm1", 3, "21s"])
        XCTAssertEqual(row?["object"], ["kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1", "metadata": cm["metadata"]!])
    }

    func testWatchEventTablesMayOmitColumns() {
        let table = TableConvertor.nameAndAge.table(objects: [["metadata": ["name": "a"]]], now: now, includeColumns: false, includeObject: .none)
        XCTAssertEqual(table["columnDefinitions"], .null)
        XCTAssertEqual(table["rows"], [["cells": ["a", "<unknown>"], "object": nil]])
    }

    func testSecretRow() {
        let s: JSONValue = ["metadata": ["name": "s", "creationTimestamp": ago(303)], "type": "Opaque", "data": ["a": "", "b": ""]]
        XCTAssertEqual(TableConvertor.builtin(group: "", kind: "Secret").cells(for: s, now: now), ["s", "Opaque", 2, "5m3s"])
    }

    func testNamespaceRow() {
        let ns: JSONValue = ["metadata": ["name": "demo", "creationTimestamp": ago(3 * 3600)], "status": ["phase": "Active"]]
        XCTAssertEqual(TableConvertor.builtin(group: "", kind: "Namespace").cells(for: ns, now: now), ["demo", "Active", "3h"])
    }

    func testDeploymentRowWithWideCells() {
        let d: JSONValue = [
            "metadata": ["name": "web", "creationTimestamp": ago(53 * 3600)],
            "spec": ["replicas": 3, "selector": ["matchLabels": ["app": "web"]],
                     "template": ["spec": ["containers": [["name": "nginx", "image": "nginx:1.27"], ["name": "side", "image": "busybox"]]]]],
            "status": ["readyReplicas": 2, "updatedReplicas": 3, "availableReplicas": 2],
        ]
        let convertor = TableConvertor.builtin(group: "apps", kind: "Deployment")
        XCTAssertEqual(convertor.columns.map(\.name), ["Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector"])
        XCTAssertEqual(convertor.columns.map(\.priority), [0, 0, 0, 0, 0, 1, 1, 1])
        XCTAssertEqual(convertor.cells(for: d, now: now), ["web", "2/3", 3, 2, "2d5h", "nginx,side", "nginx:1.27,busybox", "app=web"])
    }

    func testServiceRowsForClusterIPAndPendingLoadBalancer() {
        let svc = TableConvertor.builtin(group: "", kind: "Service")
        let clusterIP: JSONValue = [
            "metadata": ["name": "web", "creationTimestamp": ago(60)],
            "spec": ["type": "ClusterIP", "clusterIPs": ["10.0.0.7"], "ports": [["port": 80, "protocol": "TCP"], ["port": 443, "nodePort": 30443, "protocol": "TCP"]],
                     "selector": ["tier": "a", "app": "web"]],
        ]
        XCTAssertEqual(svc.cells(for: clusterIP, now: now), ["web", "ClusterIP", "10.0.0.7", "<none>", "80/TCP,443:30443/TCP", "60s", "app=web,tier=a"])
        let lb: JSONValue = ["metadata": ["name": "lb"], "spec": ["type": "LoadBalancer", "clusterIP": "10.0.0.8"]]
        XCTAssertEqual(svc.cells(for: lb, now: now), ["lb", "LoadBalancer", "10.0.0.8", "<pending>", "<none>", "<unknown>", "<none>"])
    }

    func testRunningPodRow() {
        let pod: JSONValue = [
            "metadata": ["name": "p", "creationTimestamp": ago(21)],
            "spec": ["containers": [["name": "c"]], "nodeName": "n1"],
            "status": ["phase": "Running", "podIPs": [["ip": "10.1.0.4"]],
                       "containerStatuses": [["name": "c", "ready": true, "restartCount": 0, "state": ["running": ["startedAt": ago(20)]]]]],
        ]
        XCTAssertEqual(
            TableConvertor.builtin(group: "", kind: "Pod").cells(for: pod, now: now),
            ["p", "1/1", "Running", "0", "21s", "10.1.0.4", "n1", "<none>", "<none>"])
    }

    func testCrashLoopingPodShowsReasonAndLastRestart() {
        let pod: JSONValue = [
            "metadata": ["name": "p", "creationTimestamp": ago(3600)],
            "spec": ["containers": [["name": "c"]]],
            "status": ["phase": "Running", "containerStatuses": [[
                "name": "c", "ready": false, "restartCount": 3, "state": ["waiting": ["reason": "CrashLoopBackOff"]],
                "lastState": ["terminated": ["exitCode": 1, "finishedAt": ago(300)]],
            ]]],
        ]
        let cells = TableConvertor.builtin(group: "", kind: "Pod").cells(for: pod, now: now)
        XCTAssertEqual(Array(cells[1...3]), ["0/1", "CrashLoopBackOff", "3 (5m ago)"])
    }

    func testInitializingPodShowsInitProgress() {
        let pod: JSONValue = [
            "metadata": ["name": "p"],
            "spec": ["initContainers": [["name": "i1"], ["name": "i2"]], "containers": [["name": "c"]]],
            "status": ["phase": "Pending", "initContainerStatuses": [
                ["name": "i1", "state": ["terminated": ["exitCode": 0]]],
                ["name": "i2", "state": ["running": .emptyObject]],
            ]],
        ]
        XCTAssertEqual(TableConvertor.builtin(group: "", kind: "Pod").cells(for: pod, now: now)[2], "Init:1/2")
    }

    func testDeletedPodIsTerminating() {
        let pod: JSONValue = ["metadata": ["name": "p", "deletionTimestamp": ago(1)], "status": ["phase": "Running"]]
        XCTAssertEqual(TableConvertor.builtin(group: "", kind: "Pod").cells(for: pod, now: now)[2], "Terminating")
    }

    func testCustomResourcePrinterColumns() throws {
        let convertor = try TableConvertor.customResource(printerColumns: [
            PrinterColumn(name: "Ready", type: "string", jsonPath: #".status.conditions[?(@.type=="Ready")].status"#),
            PrinterColumn(name: "Revision", type: "integer", jsonPath: ".status.revision"),
            PrinterColumn(name: "Chart", type: "string", priority: 1, jsonPath: ".spec.chart.name"),
            PrinterColumn(name: "Age", type: "date", jsonPath: ".metadata.creationTimestamp"),
        ])
        XCTAssertEqual(convertor.columns.map(\.name), ["Name", "Ready", "Revision", "Chart", "Age"])
        XCTAssertEqual(convertor.columns[1].description, #"Custom resource definition column (in JSONPath format): .status.conditions[?(@.type=="Ready")].status"#)
        let hr: JSONValue = [
            "metadata": ["name": "x", "creationTimestamp": ago(21)],
            "status": ["revision": 2.0, "conditions": [["type": "Released", "status": "False"], ["type": "Ready", "status": "True"]]],
        ]
        XCTAssertEqual(convertor.cells(for: hr, now: now), ["x", "True", 2, nil, "21s"])
    }

    func testCustomResourceColumnOfWrongTypeIsEmpty() throws {
        let convertor = try TableConvertor.customResource(printerColumns: [PrinterColumn(name: "N", type: "integer", jsonPath: ".spec.n")])
        XCTAssertEqual(convertor.cells(for: ["metadata": ["name": "x"], "spec": ["n": "three"]], now: now), ["x", nil])
    }

    func testCustomResourceWithoutColumnsShowsAgeFromCreationTimestamp() throws {
        let convertor = try TableConvertor.customResource(printerColumns: [])
        XCTAssertEqual(convertor.columns.map(\.name), ["Name", "Age"])
        XCTAssertEqual(convertor.columns[1].type, "date")
        XCTAssertEqual(convertor.cells(for: ["metadata": ["name": "x", "creationTimestamp": ago(303)]], now: now), ["x", "5m3s"])
    }

    func testPrinterColumnReadsCRDJSON() {
        let col = PrinterColumn(json: ["name": "Ready", "type": "string", "jsonPath": ".status.ready", "priority": 1])
        XCTAssertEqual(col, PrinterColumn(name: "Ready", type: "string", priority: 1, jsonPath: ".status.ready"))
    }
}

final class JSONPathTests: XCTestCase {
    private let doc: JSONValue = [
        "items": [["name": "a", "n": 1], ["name": "b", "n": 5], ["name": "c", "n": 3]],
        "metadata": ["labels": ["app.kubernetes.io/name": "web"]],
    ]

    private func eval(_ path: String) throws -> [JSONValue] { try JSONPath(path).evaluate(doc) }

    func testFieldsIndicesAndWildcards() throws {
        XCTAssertEqual(try eval(".items[0].name"), ["a"])
        XCTAssertEqual(try eval("{.items[-1].name}"), ["c"])
        XCTAssertEqual(try eval("$.items[*].name"), ["a", "b", "c"])
        XCTAssertEqual(try eval(".items[0:2].n"), [1, 5])
    }

    func testNamesWithDotsByEscapeOrBracket() throws {
        XCTAssertEqual(try eval(#".metadata.labels.app\.kubernetes\.io/name"#), ["web"])
        XCTAssertEqual(try eval(".metadata.labels['app.kubernetes.io/name']"), ["web"])
    }

    func testFiltersCompareStringsAndNumbers() throws {
        XCTAssertEqual(try eval(#".items[?(@.name=="b")].n"#), [5])
        XCTAssertEqual(try eval(".items[?(@.n > 2)].name"), ["b", "c"])
        XCTAssertEqual(try eval(".items[?(@.missing)].name"), [])
    }

    func testMissingKeysGiveNoResults() throws {
        XCTAssertEqual(try eval(".status.phase"), [])
        XCTAssertEqual(try eval(".items[7].name"), [])
    }

    func testRecursiveDescentIsRejected() {
        XCTAssertThrowsError(try JSONPath("..name"))
    }

    func testTextOfValuesFollowsPrintResults() {
        XCTAssertEqual(JSONPath.text(of: 1e6), "1e+06")
        XCTAssertEqual(JSONPath.text(of: 2.5), "2.5")
        XCTAssertEqual(JSONPath.text(of: ["b": 1, "a": [true]]), #"{"a":[true],"b":1}"#)
    }
}
