import Values

/// The Sprig v3.3.0 function library as Helm v4 registers it: Sprig's `TxtFuncMap`
/// without `env` and `expandenv` (Helm removes them so renders do not depend on the
/// machine), with every signature declared as Go declares it, because `text/template`
/// checks and converts arguments against those signatures before calling.
public enum Sprig {
    public static func functions() -> [String: GoFunction] { table }

    private static let table: [String: GoFunction] = {
        var all: [String: GoFunction] = [:]
        let families: [[GoFunction]] = [
            DefaultFunctions.all, ConversionFunctions.all, StringFunctions.all, CaseFunctions.all,
            RandomFunctions.all, StringListFunctions.all, MathFunctions.all, ListFunctions.all,
            DictFunctions.all, ReflectionFunctions.all, EncodingFunctions.all, PathFunctions.all,
            URLFunctions.all, JSONFunctions.all, CryptoFunctions.all, DateFunctions.all,
        ]
        for family in families {
            for f in family { all[f.name] = f }
        }
        for (name, f) in SemverFunctions.all() { all[name] = f }
        for (name, f) in RegexFunctions.all() { all[name] = f }
        return all
    }()
}
