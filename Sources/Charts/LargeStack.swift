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
            pthread_attr_setstacksize(&attr, stackSize)
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
                result = Result { try escapable() }
                return
            }
            #if canImport(Glibc)
            pthread_join(thread, nil)
            #else
            pthread_join(thread!, nil)
            #endif
        }
        return try result.get()
    }
}
