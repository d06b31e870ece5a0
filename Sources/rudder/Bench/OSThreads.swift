import Foundation

/// Load generators run on OS threads of their own: they block in `recv`, and blocking
/// Swift's cooperative pool would starve the in-process API server they measure.
enum OSThreads {
    /// Runs `body(0..<count)` each on a new thread and waits for all of them; the first
    /// failure (by index) is thrown once every thread has finished.
    static func run<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) throws(BenchError) -> T) throws(BenchError) -> [T] {
        let slots = ResultSlots<T>(count)
        let done = DispatchGroup()
        for index in 0..<count {
            done.enter()
            let thread = Thread {
                slots.set(index, Result { () throws(BenchError) -> T in try body(index) })
                done.leave()
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
        done.wait()
        return try slots.values()
    }

    /// Runs `body` on a new OS thread and resumes the awaiting task with its result,
    /// leaving the cooperative thread free meanwhile.
    static func detach<T: Sendable>(_ body: @escaping @Sendable () throws(BenchError) -> T) async throws(BenchError) -> T {
        let result = await withCheckedContinuation { (continuation: CheckedContinuation<Result<T, BenchError>, Never>) in
            Thread { continuation.resume(returning: Result { () throws(BenchError) -> T in try body() }) }.start()
        }
        return try result.get()
    }
}

/// Where threads leave their results: one slot each, read after all have finished.
private final class ResultSlots<T: Sendable>: @unchecked Sendable {
    // Guarded by `lock`; contention is nil (one write per thread).
    private var slots: [Result<T, BenchError>?]
    private let lock = NSLock()

    init(_ count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<T, BenchError>) {
        lock.withLock { slots[index] = result }
    }

    func values() throws(BenchError) -> [T] {
        let all = lock.withLock { slots }
        var values: [T] = []
        for slot in all {
            guard let slot else { throw BenchError.incomplete("a load thread left no result") }
            values.append(try slot.get())
        }
        return values
    }
}
