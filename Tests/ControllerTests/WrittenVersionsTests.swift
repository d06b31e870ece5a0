import Controller
import KubeClient
import KubeObjects
import XCTest

/// Read-your-writes over a watch-fed cache: a cached HelmRelease older than the
/// controller's own last write to it is not trusted; once the cache catches up it is.
final class WrittenVersionsTests: XCTestCase {
    func object(_ name: String, rv: String) -> JSONValue {
        ["metadata": ["name": .string(name), "namespace": "apps", "resourceVersion": .string(rv)]]
    }

    func testAnObjectNeverWrittenIsTrusted() async {
        let versions = WrittenVersions()
        let trusted = await versions.covers(object("a", rv: "5"))
        XCTAssertTrue(trusted)
    }

    func testACachedVersionOlderThanOurWriteIsNotTrustedUntilTheCacheCatchesUp() async {
        let versions = WrittenVersions()
        await versions.note(object("a", rv: "120"))
        let stale = await versions.covers(object("a", rv: "119"))
        XCTAssertFalse(stale, "the cache lags behind our write")
        let other = await versions.covers(object("b", rv: "1"))
        XCTAssertTrue(other, "only the written object is affected")
        let caughtUp = await versions.covers(object("a", rv: "121"))
        XCTAssertTrue(caughtUp, "a newer version (someone's later edit) is trusted")
        let afterwards = await versions.covers(object("a", rv: "3"))
        XCTAssertTrue(afterwards, "the write is forgotten once the cache had it")
    }

    func testVersionsThatAreNotIntegersMustMatchExactly() async {
        let versions = WrittenVersions()
        await versions.note(object("a", rv: "x-2"))
        let differs = await versions.covers(object("a", rv: "x-1"))
        XCTAssertFalse(differs)
        let same = await versions.covers(object("a", rv: "x-2"))
        XCTAssertTrue(same)
    }

    func testForgettingADeletedObjectTrustsWhatComesNext() async {
        let versions = WrittenVersions()
        await versions.note(object("a", rv: "50"))
        await versions.forget(ObjectRef(namespace: "apps", name: "a"))
        let recreated = await versions.covers(object("a", rv: "7"))
        XCTAssertTrue(recreated)
    }
}
