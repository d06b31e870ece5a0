/// Rudder's own version, and the Helm release whose rendering it reproduces.
public enum RudderVersion {
    public static let string = "0.1.0"
    public static let helmCompatibility = "v4.2.3"
}
