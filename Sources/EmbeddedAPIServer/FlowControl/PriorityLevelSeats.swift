/// The seats of one limited priority level and the queues of requests waiting for one.
/// A request takes a free seat at once when nobody is queued; otherwise it joins the
/// shortest queue of its flow's hand, unless that queue is full (rejected at once) or the
/// level does not queue. A freed seat goes to the head of the next non-empty queue in turn,
/// so flows share the level fairly; a request still waiting after the wait limit is
/// rejected. Simplified from kube-apiserver: one seat per request (no work estimate for
/// big lists), round-robin between queues instead of virtual-finish-time fair queuing,
/// and no borrowing of seats between levels.
actor PriorityLevelSeats {
    let limit: Int
    private let queuing: PriorityLevelConfiguration.Queuing?
    private let dealer: ShuffleShardingDealer?
    private let waitLimit: Duration
    private var inUse = 0
    private var queues: [[UInt64]]
    private var waiting: [UInt64: Waiter] = [:]
    private var nextWaiter: UInt64 = 0
    private var nextQueue = 0

    private struct Waiter {
        var continuation: CheckedContinuation<Bool, Never>
        var queue: Int
        var timeout: Task<Void, Never>
    }

    init(limit: Int, queuing: PriorityLevelConfiguration.Queuing?, waitLimit: Duration) {
        self.limit = limit
        self.queuing = queuing
        self.waitLimit = waitLimit
        dealer = queuing.map { ShuffleShardingDealer(deckSize: $0.queues, handSize: $0.handSize) }
        queues = Array(repeating: [], count: queuing?.queues ?? 0)
    }

    var seatsInUse: Int { inUse }
    var queued: Int { waiting.count }

    /// Whether the request got a seat (then `release()` must follow), after waiting in a
    /// queue if it had to; false means 429.
    func acquire(flow: UInt64) async -> Bool {
        if inUse < limit && waiting.isEmpty {
            inUse += 1
            return true
        }
        guard let queuing, let dealer else { return false }
        let hand = dealer.hand(flow)
        guard let queue = hand.min(by: { queues[$0].count < queues[$1].count }),
            queues[queue].count < queuing.queueLengthLimit
        else { return false }
        let id = nextWaiter
        nextWaiter += 1
        let waitLimit = self.waitLimit
        return await withCheckedContinuation { continuation in
            queues[queue].append(id)
            let timeout = Task { [weak self] in
                try? await Task.sleep(for: waitLimit)
                await self?.expire(id)
            }
            waiting[id] = Waiter(continuation: continuation, queue: queue, timeout: timeout)
        }
    }

    /// Frees a seat and hands it to the next queued request, queues taken in turn.
    func release() {
        inUse -= 1
        dispatch()
    }

    private func dispatch() {
        while inUse < limit, !waiting.isEmpty {
            guard let queue = (0..<queues.count).lazy.map({ (self.nextQueue + $0) % self.queues.count })
                .first(where: { !self.queues[$0].isEmpty })
            else { return }
            nextQueue = (queue + 1) % queues.count
            let id = queues[queue].removeFirst()
            guard let waiter = waiting.removeValue(forKey: id) else { continue }
            waiter.timeout.cancel()
            inUse += 1
            waiter.continuation.resume(returning: true)
        }
    }

    private func expire(_ id: UInt64) {
        guard let waiter = waiting.removeValue(forKey: id) else { return }
        queues[waiter.queue].removeAll { $0 == id }
        waiter.continuation.resume(returning: false)
    }
}
