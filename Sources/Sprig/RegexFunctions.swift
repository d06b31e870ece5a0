import GoTemplate
import Values

/// Sprig v3.3.0's regular-expression functions (`regex.go`), on the RE2 engine in `RE2/`.
///
/// Sprig's plain versions call `regexp.MustCompile`, which panics on a bad pattern;
/// text/template turns the panic into `error calling regexFind: regexp: Compile(`(`):
/// error parsing regexp: …`. The `must` versions return the compile error itself.
/// `regexMatch` is the exception: it uses `regexp.MatchString` and ignores the error, so
/// a bad pattern just does not match.
public enum RegexFunctions {
    public static func all() -> [String: GoFunction] {
        var table: [String: GoFunction] = [:]
        for function in functions { table[function.name] = function }
        return table
    }

    private static let functions: [GoFunction] = [
        GoFunction("regexMatch", [.string, .string]) { args in
            .bool((try? Regexp(string(args[0])))?.matches(string(args[1])) ?? false)
        },
        GoFunction("mustRegexMatch", [.string, .string]) { args in
            .bool(try compile(args[0]).matches(string(args[1])))
        },
        GoFunction("regexFindAll", [.string, .string, .int]) { args in
            findAll(try mustCompile(args[0]), args)
        },
        GoFunction("mustRegexFindAll", [.string, .string, .int]) { args in
            findAll(try compile(args[0]), args)
        },
        GoFunction("regexFind", [.string, .string]) { args in
            .string(try mustCompile(args[0]).findString(string(args[1])))
        },
        GoFunction("mustRegexFind", [.string, .string]) { args in
            .string(try compile(args[0]).findString(string(args[1])))
        },
        GoFunction("regexReplaceAll", [.string, .string, .string]) { args in
            .string(try mustCompile(args[0]).replaceAllString(string(args[1]), string(args[2])))
        },
        GoFunction("mustRegexReplaceAll", [.string, .string, .string]) { args in
            .string(try compile(args[0]).replaceAllString(string(args[1]), string(args[2])))
        },
        GoFunction("regexReplaceAllLiteral", [.string, .string, .string]) { args in
            .string(try mustCompile(args[0]).replaceAllLiteralString(string(args[1]), string(args[2])))
        },
        GoFunction("mustRegexReplaceAllLiteral", [.string, .string, .string]) { args in
            .string(try compile(args[0]).replaceAllLiteralString(string(args[1]), string(args[2])))
        },
        GoFunction("regexSplit", [.string, .string, .int]) { args in
            split(try mustCompile(args[0]), args)
        },
        GoFunction("mustRegexSplit", [.string, .string, .int]) { args in
            split(try compile(args[0]), args)
        },
        GoFunction("regexQuoteMeta", [.string]) { args in
            .string(Regexp.quoteMeta(string(args[0])))
        },
    ]

    private static func string(_ v: Value) -> String { v.stringValue ?? "" }

    private static func int(_ v: Value) -> Int {
        if case .int(let n, _) = v { return Int(truncatingIfNeeded: n) }
        return 0
    }

    /// `regexp.Compile`: the error is the function's error result.
    private static func compile(_ pattern: Value) throws(GoFunctionError) -> Regexp {
        do {
            return try Regexp(string(pattern))
        } catch {
            throw GoFunctionError(error.description)
        }
    }

    /// `regexp.MustCompile`: the panic text quotes the pattern with `strconv.Quote`, or in
    /// backquotes when `strconv.CanBackquote` allows (Go's `%#q`).
    private static func mustCompile(_ pattern: Value) throws(GoFunctionError) -> Regexp {
        let text = string(pattern)
        do {
            return try Regexp(text)
        } catch {
            throw GoFunctionError("regexp: Compile(\(GoFmt.sprintf("%#q", [.string(text)]))): \(error.description)")
        }
    }

    /// `FindAllString` returns a nil `[]string` when nothing matches; it prints as `[]` too.
    private static func findAll(_ re: Regexp, _ args: [Value]) -> Value {
        .strings(re.findAllString(string(args[1]), int(args[2])) ?? [])
    }

    private static func split(_ re: Regexp, _ args: [Value]) -> Value {
        .strings(re.split(string(args[1]), int(args[2])) ?? [])
    }
}
