/// The controller work queue (client-go's `workqueue` with its delaying and rate-limiting
/// layers): a key waits at most once however often it is added; a key being processed is
/// never handed out again until `done`, and if it was added meanwhile it comes back right
/// after; retries wait per the rate limiter; `shutDown` wakes every waiting worker with nil.
public actor WorkQueue<Key: Hashable & Sendable> {
    private var queue: [Key] = []
    private var head = 0
    private var dirty: Set<Key> = []
    private var processing: Set<Key> = []
    private var waiters: [CheckedContinuation<Key?, Never>] = []
    private var delayed: [(at: ContinuousClock.Instant, key: Key)] = []
    private var timer: Task<Void, Never>?
    private var limiter: RetryRateLimiter<Key>
    public private(set) var isShutDown = false

    public init(rateLimiter: RetryRateLimiter<Key> = RetryRateLimiter()) {
        self.limiter = rateLimiter
    }

    /// Queues `key` unless it is already waiting.
    public func add(_ key: Key) {
        guard !isShutDown, !dirty.contains(key) else { return }
        dirty.insert(key)
        if processing.contains(key) { return }  // re-queued by `done`
        if let waiter = waiters.first {
            waiters.removeFirst()
            dirty.remove(key)
            processing.insert(key)
            waiter.resume(returning: key)
        } else {
            queue.append(key)
        }
    }

    /// Queues `key` after `delay` (`requeue(after:)`).
    public func add(_ key: Key, after delay: Duration) {
        guard !isShutDown else { return }
        if delay <= .zero { return add(key) }
        let at = ContinuousClock.now + delay
        let index = delayed.firstIndex { $0.at > at } ?? delayed.endIndex
        delayed.insert((at, key), at: index)
        if index == 0 { armTimer() }
    }

    /// Queues `key` after its rate-limited retry delay.
    public func addRateLimited(_ key: Key) {
        add(key, after: limiter.when(key))
    }

    /// Resets `key`'s retry backoff (after a success).
    public func forget(_ key: Key) { limiter.forget(key) }

    public func retries(_ key: Key) -> Int { limiter.retries(key) }

    /// The next key to work on; nil once the queue is shut down.
    public func next() async -> Key? {
        // Keys still waiting at shutdown are dropped, not handed out: a controller that
        // is stopping lets running reconciles finish but starts no new ones.
        if isShutDown { return nil }
        if head < queue.count {
            let key = queue[head]
            head += 1
            if head > 1024 && head * 2 > queue.count {
                queue.removeFirst(head)
                head = 0
            }
            dirty.remove(key)
            processing.insert(key)
            return key
        }
        if isShutDown { return nil }
        return await withCheckedContinuation { waiters.append($0) }
    }

    /// Ends work on `key`; if it was added meanwhile it is queued again.
    public func done(_ key: Key) {
        processing.remove(key)
        if dirty.contains(key) {
            dirty.remove(key)
            add(key)
        }
    }

    /// Keys waiting (not counting delayed ones or those being processed).
    public var count: Int { queue.count - head }

    /// Stops handing out keys: waiting workers get nil, and so does every later `next()`.
    public func shutDown() {
        isShutDown = true
        timer?.cancel()
        timer = nil
        delayed.removeAll()
        let all = waiters
        waiters.removeAll()
        for w in all { w.resume(returning: nil) }
    }

    private func armTimer() {
        timer?.cancel()
        guard let first = delayed.first else { return }
        timer = Task { [weak self] in
            try? await Task.sleep(until: first.at, clock: .continuous)
            guard !Task.isCancelled else { return }
            await self?.fireDue()
        }
    }

    private func fireDue() {
        let now = ContinuousClock.now
        while let first = delayed.first, first.at <= now {
            delayed.removeFirst()
            add(first.key)
        }
        armTimer()
    }
}
