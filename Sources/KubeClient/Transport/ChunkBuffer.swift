import Foundation

/// The bounded hand-over between the curl loop thread, which offers a streamed body's
/// chunks as they arrive, and the one task reading them. When more than `limit` bytes wait
/// unread the offer is refused, the transfer pauses (libcurl keeps the refused bytes and
/// offers them again), and the reader's `take` reports when it has caught up to half the
/// limit so the transfer can be resumed: a slow watch consumer slows the server down
/// instead of growing memory.
///
/// The lock is the only synchronization between the two sides; it is held for a few
/// assignments, never across a callback or a suspension.
final class ChunkBuffer: @unchecked Sendable {
    enum Offer { case accepted, pause, reject }

    enum Outcome {
        /// `resume`: the transfer was paused and the buffer has drained enough to resume it.
        case chunk([UInt8], resume: Bool)
        case end
        case failed(TransportError)
    }

    let limit: Int
    private let lock = NSLock()
    // Guarded by `lock`:
    private var chunks: [[UInt8]] = []
    private var head = 0
    private var bufferedBytes = 0
    private var paused = false
    private var ending: TransportError?? = nil
    private var cancelled: TransportError?
    private var waiter: CheckedContinuation<Outcome, Never>?

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Loop thread: the next bytes of the body.
    func offer(_ bytes: [UInt8]) -> Offer {
        lock.lock()
        if cancelled != nil {
            lock.unlock()
            return .reject
        }
        if let waiter {
            self.waiter = nil
            lock.unlock()
            waiter.resume(returning: .chunk(bytes, resume: false))
            return .accepted
        }
        // An empty buffer takes any chunk, so a chunk larger than the limit cannot stall.
        if bufferedBytes > 0 && bufferedBytes + bytes.count > limit {
            paused = true
            lock.unlock()
            return .pause
        }
        chunks.append(bytes)
        bufferedBytes += bytes.count
        lock.unlock()
        return .accepted
    }

    /// Loop thread: the body ended (nil) or broke (an error). Chunks already buffered are
    /// still handed out before the end.
    func finish(_ error: TransportError?) {
        lock.lock()
        guard ending == nil else {
            lock.unlock()
            return
        }
        ending = .some(error)
        let waiter = self.waiter
        self.waiter = nil
        let outcome = cancelled.map(Outcome.failed) ?? error.map(Outcome.failed) ?? .end
        lock.unlock()
        waiter?.resume(returning: outcome)
    }

    /// Reader: stops delivery at once; buffered chunks are dropped.
    func cancel(_ error: TransportError) {
        lock.lock()
        if cancelled == nil { cancelled = error }
        chunks = []
        head = 0
        bufferedBytes = 0
        let waiter = self.waiter
        self.waiter = nil
        lock.unlock()
        waiter?.resume(returning: .failed(error))
    }

    /// Reader: answers `continuation` with the next chunk, the end, or a failure, now or
    /// when the loop thread offers one. One reader at a time.
    func take(_ continuation: CheckedContinuation<Outcome, Never>) {
        lock.lock()
        if let cancelled {
            lock.unlock()
            continuation.resume(returning: .failed(cancelled))
            return
        }
        if head < chunks.count {
            let chunk = chunks[head]
            head += 1
            if head == chunks.count {
                chunks.removeAll(keepingCapacity: true)
                head = 0
            }
            bufferedBytes -= chunk.count
            let resume = paused && bufferedBytes <= limit / 2
            if resume { paused = false }
            lock.unlock()
            continuation.resume(returning: .chunk(chunk, resume: resume))
            return
        }
        if let ending {
            lock.unlock()
            continuation.resume(returning: ending.map(Outcome.failed) ?? .end)
            return
        }
        if paused {
            // Paused with nothing buffered cannot happen (a pause needs buffered bytes),
            // but resuming here keeps a bug from ever turning into a silent stall.
            paused = false
            lock.unlock()
            continuation.resume(returning: .chunk([], resume: true))
            return
        }
        let previous = waiter
        waiter = continuation
        lock.unlock()
        previous?.resume(returning: .failed(TransportError(kind: .cancelled, method: "", url: "", message: "a second reader replaced this one")))
    }
}
