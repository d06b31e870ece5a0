import KubeClient
import XCTest

final class WorkQueueTests: XCTestCase {
    func testAKeyAddedTwiceWhileWaitingIsHandedOutOnce() async {
        let q = WorkQueue<String>()
        await q.add("a")
        await q.add("a")
        await q.add("b")
        let count = await q.count
        XCTAssertEqual(count, 2)
        let first = await q.next()
        let second = await q.next()
        XCTAssertEqual([first, second], ["a", "b"])
    }

    func testAKeyAddedWhileBeingProcessedComesBackOnlyAfterDone() async {
        let q = WorkQueue<String>()
        await q.add("a")
        let taken = await q.next()
        XCTAssertEqual(taken, "a")
        await q.add("a")
        let waiting = await q.count
        XCTAssertEqual(waiting, 0, "never handed out twice at once")
        await q.done("a")
        let again = await q.next()
        XCTAssertEqual(again, "a")
    }

    func testAWaitingWorkerGetsTheNextKey() async {
        let q = WorkQueue<String>()
        let worker = Task { await q.next() }
        try? await Task.sleep(for: .milliseconds(20))
        await q.add("x")
        let got = await worker.value
        XCTAssertEqual(got, "x")
    }

    func testShutDownWakesWaitingWorkersWithNil() async {
        let q = WorkQueue<String>()
        let worker = Task { await q.next() }
        try? await Task.sleep(for: .milliseconds(20))
        await q.shutDown()
        let got = await worker.value
        XCTAssertNil(got)
        await q.add("late")
        let after = await q.next()
        XCTAssertNil(after)
    }

    func testKeysStillWaitingAtShutDownAreNotHandedOut() async {
        let q = WorkQueue<String>()
        await q.add("queued")
        await q.shutDown()
        let got = await q.next()
        XCTAssertNil(got, "a stopping controller starts no new work")
    }

    func testDelayedKeysArriveInDeadlineOrder() async {
        let q = WorkQueue<String>()
        await q.add("later", after: .milliseconds(80))
        await q.add("sooner", after: .milliseconds(10))
        let first = await q.next()
        let second = await q.next()
        XCTAssertEqual([first, second], ["sooner", "later"])
    }

    func testRetryDelaysDoublePerKeyAndResetOnForget() {
        var limiter = RetryRateLimiter<String>()
        let t = ContinuousClock.now
        XCTAssertEqual(limiter.when("k", now: t), .milliseconds(5))
        XCTAssertEqual(limiter.when("k", now: t), .milliseconds(10))
        XCTAssertEqual(limiter.when("k", now: t), .milliseconds(20))
        XCTAssertEqual(limiter.when("other", now: t), .milliseconds(5))
        limiter.forget("k")
        XCTAssertEqual(limiter.when("k", now: t), .milliseconds(5))
        XCTAssertEqual(limiter.retries("k"), 1)
    }

    func testRetryDelaysAreCappedAtTheMaximum() {
        var limiter = RetryRateLimiter<String>(maxDelay: .seconds(1))
        var last = Duration.zero
        for _ in 0..<80 { last = limiter.when("k", now: ContinuousClock.now) }
        XCTAssertEqual(last, .seconds(1))
    }

    func testTheTokenBucketDelaysAFloodOfDistinctKeys() {
        var limiter = RetryRateLimiter<Int>(bucketRate: 10, bucketBurst: 5)
        let t = ContinuousClock.now
        let delays = (0..<7).map { limiter.when($0, now: t) }
        XCTAssertEqual(Array(delays.prefix(5)), Array(repeating: .milliseconds(5), count: 5))
        XCTAssertEqual(delays[5], .milliseconds(100))
        XCTAssertEqual(delays[6], .milliseconds(200))
    }
}
