public enum RudderVersion { public static let string = "0.1.0" }
