#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a body on a thread with a large stack and waits for it.
///
/// Go grows goroutine stacks on demand, so Helm charts may nest `include` a thousand
/// levels deep and `template` far deeper; a Swift thread's stack is fixed, so rendering
/// runs on a thread whose stack is reserved (not committed) up front.
///
/// The stack is kept per calling thread and reused by its next run: letting the thread
/// library map, fault in and unmap a fresh gigabyte for every render cost more than a
/// small chart's whole render. Only the pages a run touched stay committed, and pages
/// beyond the first few megabytes are handed back after each run.
public enum LargeStack {
    public static let defaultSize = 1 << 30

    private final class Job {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }

    public static func run<T>(stackSize: Int = defaultSize, _ body: () throws -> T) throws -> T {
        var result: Result<T, Error>!
        withoutActuallyEscaping(body) { escapable in
            let job = Job { result = Result { try escapable() } }
            let context = Unmanaged.passRetained(job).toOpaque()
            var attr = pthread_attr_t()
            pthread_attr_init(&attr)
            defer { pthread_attr_destroy(&attr) }
            let stack = CachedStack.take(size: stackSize)
            if let stack {
                pthread_attr_setstack(&attr, stack.usable, stack.usableSize)
            } else {
                pthread_attr_setstacksize(&attr, stackSize)
            }
            #if canImport(Glibc)
            var thread = pthread_t()
            #else
            var thread: pthread_t? = nil
            #endif
            let rc = pthread_create(&thread, &attr, { raw in
                let job = Unmanaged<Job>.fromOpaque(raw!).takeRetainedValue()
                job.body()
                return nil
            }, context)
            if rc != 0 {
                Unmanaged<Job>.fromOpaque(context).release()
                if let stack { CachedStack.give(back: stack) }
                result = Result { try escapable() }
                return
            }
            #if canImport(Glibc)
            pthread_join(thread, nil)
            #else
            pthread_join(thread!, nil)
            #endif
            if let stack { CachedStack.give(back: stack) }
        }
        return try result.get()
    }
}

/// A reserved stack mapping with a guard region at its low end, cached in a
/// thread-specific slot of the thread that runs renders. Only that thread takes it and
/// gives it back, and it is blocked in `pthread_join` while the stack is in use, so
/// the slot needs no synchronization; the slot's destructor unmaps it when the thread ends.
private struct CachedStack {
    static let guardSize = 1 << 16
    /// Pages below the top this far stay committed between runs (most renders use far
    /// less); deeper pages are returned to the system after each run.
    static let keptSize = 8 << 20

    let base: UnsafeMutableRawPointer
    let size: Int

    var usable: UnsafeMutableRawPointer { base + Self.guardSize }
    var usableSize: Int { size - Self.guardSize }

    private final class Box {
        let stack: CachedStack
        init(_ stack: CachedStack) { self.stack = stack }
    }

    private static let key: pthread_key_t? = {
        var key = pthread_key_t()
        let rc = pthread_key_create(&key) { raw in
            guard let raw else { return }
            let box = Unmanaged<Box>.fromOpaque(raw).takeRetainedValue()
            munmap(box.stack.base, box.stack.size)
        }
        return rc == 0 ? key : nil
    }()

    /// The calling thread's cached stack of `size` bytes, or a new mapping; nil when
    /// none can be mapped (the caller then lets the thread library allocate one).
    static func take(size: Int) -> CachedStack? {
        if let key, let raw = pthread_getspecific(key) {
            pthread_setspecific(key, nil)
            let box = Unmanaged<Box>.fromOpaque(raw).takeRetainedValue()
            if box.stack.size == size + guardSize { return box.stack }
            munmap(box.stack.base, box.stack.size)
        }
        let total = size + guardSize
        #if canImport(Glibc)
        let flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK
        #else
        let flags = MAP_PRIVATE | MAP_ANON
        #endif
        guard let base = mmap(nil, total, PROT_READ | PROT_WRITE, flags, -1, 0),
            base != UnsafeMutableRawPointer(bitPattern: -1)
        else {
            return nil
        }
        if mprotect(base, guardSize, PROT_NONE) != 0 {
            munmap(base, total)
            return nil
        }
        return CachedStack(base: base, size: total)
    }

    /// Keeps the stack for the thread's next run, trimming the deep pages first.
    static func give(back stack: CachedStack) {
        let trim = stack.usableSize - keptSize
        if trim > 0 {
            #if canImport(Glibc)
            madvise(stack.usable, trim, MADV_DONTNEED)
            #endif
        }
        guard let key, pthread_getspecific(key) == nil else {
            munmap(stack.base, stack.size)
            return
        }
        pthread_setspecific(key, Unmanaged.passRetained(Box(stack)).toOpaque())
    }
}
