import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A few OS threads that run blocking work (libcurl transfers, file writes) off Swift's
/// cooperative pool.
///
/// The cooperative pool has one thread per core; a libcurl call that waits two minutes
/// for a slow registry would take a whole core's worth of tasks with it. Jobs queue here
/// instead, in order, and the awaiting task is resumed when its job ends. The threads
/// live as long as the process (a controller keeps one fetcher), so they are started
/// lazily, once each, and never joined.
final class BlockingWorkers: @unchecked Sendable {
    private let condition = NSCondition()
    // Guarded by `condition`:
    private var jobs: [@Sendable () -> Void] = []
    private var started = 0
    private var idle = 0
    let limit: Int
    /// The threads' name, as debuggers and `top -H` show it (Linux keeps 15 bytes).
    let name: String

    init(threads: Int, name: String = "rudder-fetch") {
        limit = max(1, threads)
        self.name = name
    }

    /// Runs `body` on a worker thread and returns its result to the caller's task.
    func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { (continuation: CheckedContinuation<T, Never>) in
            enqueue { continuation.resume(returning: body()) }
        }
    }

    private func enqueue(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        jobs.append(job)
        // A new thread only when every started one is busy, up to the limit.
        let spawn = idle == 0 && started < limit
        if spawn { started += 1 }
        condition.signal()
        condition.unlock()
        if spawn {
            let thread = Thread { [self] in
                _ = pthread_setspecific(Self.marker, UnsafeRawPointer(bitPattern: 1))
                loop()
            }
            thread.name = name
            thread.start()
        }
    }

    /// Whether the calling thread is one of these workers (of any pool): lets tests and
    /// assertions check that blocking work never runs on the cooperative pool.
    static var isWorkerThread: Bool { pthread_getspecific(marker) != nil }

    private static let marker: pthread_key_t = {
        var key = pthread_key_t()
        _ = pthread_key_create(&key, nil)
        return key
    }()

    private func loop() {
        while true {
            condition.lock()
            while jobs.isEmpty {
                idle += 1
                condition.wait()
                idle -= 1
            }
            let job = jobs.removeFirst()
            condition.unlock()
            job()
        }
    }
}
