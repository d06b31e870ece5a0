import CCurl
import Foundation

/// One libcurl multi handle and the OS thread that drives it. Every transfer of a
/// transport runs here, so they share one connection cache (keep-alive connections and
/// HTTP/2 multiplexing), and no blocking call ever runs on Swift's cooperative pool.
///
/// libcurl handles are not thread-safe; only `curl_multi_wakeup` may be called from
/// another thread. So other threads never touch the multi handle: they append a command
/// under `lock` and wake the loop, which applies commands between `curl_multi_perform`
/// calls. `lock` guards `commands` and `stopping` and nothing else; it is never held
/// while calling into libcurl or resuming a continuation.
///
/// The thread ends once the owner has called `stopWhenIdle` and no transfer is left, so a
/// watch still being read keeps working after its transport was released.
final class CurlMultiLoop: @unchecked Sendable {
    enum Command {
        case add(EasyTransfer)
        case cancel(EasyTransfer, TransportError)
        /// Undo a pause (`CURL_WRITEFUNC_PAUSE`) once the stream's reader caught up.
        case resume(EasyTransfer)
    }

    private let multi: UnsafeMutableRawPointer
    private let lock = NSLock()
    // Guarded by `lock`:
    private var commands: [Command] = []
    private var stopping = false
    /// The thread has ended and the multi handle is gone: commands are dropped (only
    /// cancels and resumes of finished transfers can still come) and nothing wakes it.
    private var exited = false
    // Loop thread only:
    private var active: [UnsafeMutableRawPointer: EasyTransfer] = [:]

    init?() {
        guard CurlGlobal.isReady, let multi = curl_multi_init() else { return nil }
        self.multi = multi
        // Multiplex over HTTP/2 where negotiated (libcurl's default, made explicit).
        _ = rudder_curl_multi_setopt_long(multi, CURLMOPT_PIPELINING, Int(CURLPIPE_MULTIPLEX))
        // Idle connections kept for reuse; a controller's bursts stay within this.
        _ = rudder_curl_multi_setopt_long(multi, CURLMOPT_MAXCONNECTS, 64)
        let thread = Thread { [self] in run() }
        thread.name = "rudder-curl"
        thread.start()
    }

    /// The wakeup happens under the lock so the thread cannot free the multi handle in
    /// between; `curl_multi_wakeup` only writes to a socket pair and never blocks.
    func submit(_ command: Command) {
        lock.withLock {
            guard !exited else { return }
            commands.append(command)
            curl_multi_wakeup(multi)
        }
    }

    func stopWhenIdle() {
        lock.withLock {
            guard !exited else { return }
            stopping = true
            curl_multi_wakeup(multi)
        }
    }

    private func run() {
        while true {
            let (batch, stop) = lock.withLock {
                defer { commands.removeAll(keepingCapacity: true) }
                return (commands, stopping)
            }
            for command in batch { apply(command) }
            var running: Int32 = 0
            _ = curl_multi_perform(multi, &running)
            collectFinished()
            if stop, active.isEmpty, lock.withLock({ commands.isEmpty ? { exited = true; return true }() : false }) { break }
            // Returns early for socket activity, libcurl's own timers, or a wakeup; the
            // timeout is only a backstop.
            _ = curl_multi_poll(multi, nil, 0, 1000, nil)
        }
        curl_multi_cleanup(multi)
    }

    private func apply(_ command: Command) {
        switch command {
        case .add(let transfer):
            if transfer.cancelledBeforeStart {
                transfer.complete(code: nil, failure: transfer.error(.cancelled, "cancelled"))
                return
            }
            let code = curl_multi_add_handle(multi, transfer.easy)
            guard code == CURLM_OK else {
                transfer.complete(code: nil, failure: transfer.error(.other(curlCode: -Int(code.rawValue)), String(cString: curl_multi_strerror(code))))
                return
            }
            active[transfer.easy] = transfer
        case .cancel(let transfer, let error):
            if active.removeValue(forKey: transfer.easy) != nil {
                // An unfinished HTTP/1.1 answer cannot be reused, so libcurl closes the
                // connection (an HTTP/2 stream is reset): the server sees the client go.
                curl_multi_remove_handle(multi, transfer.easy)
                transfer.complete(code: nil, failure: error)
            } else if !transfer.isComplete {
                transfer.cancelledBeforeStart = true
            }
        case .resume(let transfer):
            if active[transfer.easy] != nil { _ = curl_easy_pause(transfer.easy, rudder_CURLPAUSE_CONT) }
        }
    }

    private func collectFinished() {
        var left: Int32 = 0
        while let message = curl_multi_info_read(multi, &left) {
            guard message.pointee.msg == CURLMSG_DONE, let easy = message.pointee.easy_handle else { continue }
            // The message dies with curl_multi_remove_handle: read the result first.
            let code = message.pointee.data.result
            guard let transfer = active.removeValue(forKey: easy) else { continue }
            curl_multi_remove_handle(multi, easy)
            transfer.complete(code: code)
        }
    }
}
