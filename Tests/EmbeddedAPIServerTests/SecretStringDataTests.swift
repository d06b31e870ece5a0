import EmbeddedAPIServer
import KubeObjects
import XCTest

/// Secret `stringData` as kube-apiserver treats it: merged into `data` (base64, taking
/// precedence) by every write, never stored, returned or watched.
final class SecretStringDataTests: XCTestCase {
    static func b64(_ s: String) -> JSONValue { .string(Base64.encode(Array(s.utf8))) }

    func secret(data: JSONValue? = nil, stringData: JSONValue? = nil, name: String = "s") -> JSONValue {
        var o: JSONValue = ["apiVersion": "v1", "kind": "Secret", "metadata": ["name": .string(name)]]
        if let data { o["data"] = data }
        if let stringData { o["stringData"] = stringData }
        return o
    }

    /// The object as a read and the raw store hold it.
    func stored(_ t: TestCluster, _ name: String = "s") async throws -> (read: JSONValue, raw: JSONValue?) {
        let read = try await t.get(t.secrets, name)
        let raw = await t.store.get(GroupResource(group: "", resource: "secrets"), ObjectKey(namespace: "ns", name: name))
        return (read, raw)
    }

    func testCreateMergesStringDataIntoDataOverridingTheSameKey() async throws {
        let t = try await TestCluster()
        let created = try await t.create(
            t.secrets, secret(data: ["a": Self.b64("old"), "b": Self.b64("kept")], stringData: ["a": "new", "c": "ünï ✓"]))
        let expected: JSONValue = ["a": Self.b64("new"), "b": Self.b64("kept"), "c": Self.b64("ünï ✓")]
        XCTAssertEqual(created["data"], expected)
        XCTAssertNil(created["stringData"])
        let (read, raw) = try await stored(t)
        XCTAssertEqual(read["data"], expected)
        XCTAssertNil(read["stringData"])
        XCTAssertNil(raw?["stringData"])
    }

    func testCreateRecordsTheDataKeysForTheWriter() async throws {
        let t = try await TestCluster()
        var options = WriteOptions()
        options.fieldManager = "writer"
        let created = try await t.create(t.secrets, secret(stringData: ["k": "v"]), options: options)
        let fields = created[path: ["metadata", "managedFields"]]?.arrayValue?.first?["fieldsV1"]
        XCTAssertNotNil(fields?[path: ["f:data", "f:k"]])
        XCTAssertNil(fields?["f:stringData"])
    }

    func testUpdateMergesStringData() async throws {
        let t = try await TestCluster()
        try await t.create(t.secrets, secret(data: ["a": Self.b64("1")]))
        let r = try await t.cluster.update(
            t.secrets, namespace: "ns", name: "s", subresource: nil,
            object: secret(data: ["a": Self.b64("1"), "b": Self.b64("2")], stringData: ["b": "two"]), options: WriteOptions())
        XCTAssertEqual(r.object["data"], ["a": Self.b64("1"), "b": Self.b64("two")])
        XCTAssertNil(r.object["stringData"])
        let (read, raw) = try await stored(t)
        XCTAssertEqual(read["data"], ["a": Self.b64("1"), "b": Self.b64("two")])
        XCTAssertNil(raw?["stringData"])
    }

    func testMergePatchOfStringDataChangesData() async throws {
        let t = try await TestCluster()
        try await t.create(t.secrets, secret(data: ["a": Self.b64("1"), "b": Self.b64("2")]))
        let r = try await t.patch(t.secrets, "s", .merge, ["stringData": ["a": "one"]])
        XCTAssertEqual(r.object["data"], ["a": Self.b64("one"), "b": Self.b64("2")])
        let raw = try await stored(t).raw
        XCTAssertNil(raw?["stringData"])
    }

    func testStrategicMergePatchOfStringDataChangesData() async throws {
        let t = try await TestCluster()
        try await t.create(t.secrets, secret(data: ["a": Self.b64("1")]))
        let r = try await t.patch(t.secrets, "s", .strategic, ["stringData": ["z": "last"]])
        XCTAssertEqual(r.object["data"], ["a": Self.b64("1"), "z": Self.b64("last")])
        let raw = try await stored(t).raw
        XCTAssertNil(raw?["stringData"])
    }

    func testJSONPatchAddingStringDataChangesData() async throws {
        let t = try await TestCluster()
        try await t.create(t.secrets, secret(data: ["a": Self.b64("1")]))
        let r = try await t.patch(t.secrets, "s", .json, [["op": "add", "path": "/stringData", "value": ["a": "uno"]]])
        XCTAssertEqual(r.object["data"], ["a": Self.b64("uno")])
        let raw = try await stored(t).raw
        XCTAssertNil(raw?["stringData"])
    }

    /// A patch reads the object without `stringData` (it was never stored), so a repeated
    /// merge patch of the same `stringData` is a no-op and writes nothing.
    func testRepeatingTheSameStringDataPatchWritesNothing() async throws {
        let t = try await TestCluster()
        try await t.create(t.secrets, secret(stringData: ["a": "1"]))
        let first = try await t.patch(t.secrets, "s", .merge, ["stringData": ["a": "2"]])
        let again = try await t.patch(t.secrets, "s", .merge, ["stringData": ["a": "2"]])
        XCTAssertEqual(again.object[path: ["metadata", "resourceVersion"]], first.object[path: ["metadata", "resourceVersion"]])
    }

    /// As a real server records it: the applier owns the `stringData` keys it applied (the
    /// field manager sees the v1 object before conversion), not the `data` keys.
    func testServerSideApplyCreatesDataAndTheApplierOwnsStringDataKeys() async throws {
        let t = try await TestCluster()
        let r = try await t.apply(t.secrets, "s", secret(stringData: ["user": "admin", "pass": "pw"]), manager: "helm")
        XCTAssertEqual(r.status, 201)
        XCTAssertEqual(r.object["data"], ["user": Self.b64("admin"), "pass": Self.b64("pw")])
        XCTAssertNil(r.object["stringData"])
        XCTAssertEqual(r.object["type"], "Opaque")
        let entries = r.object[path: ["metadata", "managedFields"]]?.arrayValue ?? []
        XCTAssertEqual(entries.count, 1)
        let fields = entries.first?["fieldsV1"]
        XCTAssertEqual(fields?[path: ["f:stringData", "f:user"]], .emptyObject)
        XCTAssertEqual(fields?[path: ["f:stringData", "f:pass"]], .emptyObject)
        XCTAssertNil(fields?["f:data"])
        let raw = try await stored(t).raw
        XCTAssertNil(raw?["stringData"])
    }

    func testServerSideApplyOfChangedStringDataUpdatesData() async throws {
        let t = try await TestCluster()
        _ = try await t.apply(t.secrets, "s", secret(data: ["d": Self.b64("x")], stringData: ["k": "1"]), manager: "helm")
        let r = try await t.apply(t.secrets, "s", secret(data: ["d": Self.b64("x")], stringData: ["k": "2"]), manager: "helm")
        XCTAssertEqual(r.status, 200)
        XCTAssertEqual(r.object["data"], ["d": Self.b64("x"), "k": Self.b64("2")])
        XCTAssertNil(r.object["stringData"])
        let (read, raw) = try await stored(t)
        XCTAssertEqual(read["data"], ["d": Self.b64("x"), "k": Self.b64("2")])
        XCTAssertNil(raw?["stringData"])
    }

    /// kubernetes/kubernetes#108008: nobody owns the `data` key a `stringData` key became,
    /// so applying without that `stringData` key leaves the data behind.
    func testServerSideApplyDroppingAStringDataKeyKeepsItsDataAsARealServerDoes() async throws {
        let t = try await TestCluster()
        _ = try await t.apply(t.secrets, "s", secret(stringData: ["old": "1", "kept": "2"]), manager: "helm")
        let r = try await t.apply(t.secrets, "s", secret(stringData: ["kept": "2", "new": "3"]), manager: "helm")
        XCTAssertEqual(r.object["data"], ["old": Self.b64("1"), "kept": Self.b64("2"), "new": Self.b64("3")])
        let fields = r.object[path: ["metadata", "managedFields"]]?.arrayValue?.first?["fieldsV1"]
        XCTAssertNil(fields?[path: ["f:stringData", "f:old"]])
        XCTAssertNotNil(fields?[path: ["f:stringData", "f:new"]])
    }

    func testDryRunApplyReturnsNoStringData() async throws {
        let t = try await TestCluster()
        var options = WriteOptions()
        options.fieldManager = "helm"
        options.dryRun = true
        let r = try await t.cluster.patch(
            t.secrets, namespace: "ns", name: "s", subresource: nil, type: .apply,
            body: secret(stringData: ["k": "v"]).serializedBytes(), options: options)
        XCTAssertEqual(r.object["data"], ["k": Self.b64("v")])
        XCTAssertNil(r.object["stringData"])
    }

    func testWatchEventsCarryNoStringData() async throws {
        let t = try await TestCluster()
        var o = ListOptions()
        o.watch = true
        o.resourceVersion = String(await t.store.resourceVersion)
        let events = await StreamRecorder.start(try await t.cluster.watch(t.secrets, namespace: "ns", options: o))
        try await t.create(t.secrets, secret(stringData: ["a": "1"]))
        _ = try await t.patch(t.secrets, "s", .merge, ["stringData": ["a": "2"]])
        _ = try await t.apply(t.secrets, "s", secret(stringData: ["b": "3"]), manager: "helm")
        let frames = await events.wait(count: 3)
        XCTAssertEqual(frames.types, ["ADDED", "MODIFIED", "MODIFIED"])
        XCTAssertTrue(frames.allSatisfy { $0.object["stringData"] == nil })
        XCTAssertEqual(frames.last?.object["data"], ["a": Self.b64("2"), "b": Self.b64("3")])
        await events.stop()
    }

    func testAStringDataValueThatIsNotAStringIsBadRequestWithoutTheValue() async throws {
        let t = try await TestCluster()
        let e = await expectAPIError { try await t.create(t.secrets, self.secret(stringData: ["k": 12345])) }
        XCTAssertEqual(e?.code, 400)
        XCTAssertEqual(
            e?.message,
            "Secret in version \"v1\" cannot be handled as a Secret: json: cannot unmarshal number into Go struct field Secret.stringData of type string")
        XCTAssertFalse(e?.message.contains("12345") ?? true)
    }
}
