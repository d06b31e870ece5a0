#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KubeObjects

/// The system's wall clock in whole seconds, as `metav1.Time` keeps it.
public enum WallClock {
    public static let now: @Sendable () -> KubeTime = {
        KubeTime(secondsSinceEpoch: Int64(time(nil)))
    }
}
