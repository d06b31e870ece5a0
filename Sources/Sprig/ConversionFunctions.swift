import Values

/// Sprig's type conversions. `int`/`int64`/`float64` are spf13/cast (lenient: bad input
/// is 0); `atoi` is `strconv.Atoi` with its error dropped; `toDecimal` reads octal text.
enum ConversionFunctions {
    static let all: [GoFunction] = [
        GoFunction("atoi", [.string]) { .int(GoStrconv.atoi($0.string(0))) },
        GoFunction("int", [.interface]) { .int(Int(GoCast.toInt64($0[0]))) },
        GoFunction("int64", [.interface]) { .int64(GoCast.toInt64($0[0])) },
        GoFunction("float64", [.interface]) { .float(GoCast.toFloat64($0[0])) },
        .string("toString", [.interface]) { GoValue.strval($0[0]) },
        // toDecimal: strconv.ParseInt(fmt.Sprint(v), 8, 64), 0 on error.
        GoFunction("toDecimal", [.interface]) { args in
            let text = args[0].stringValue ?? GoValue.strval(args[0])
            return .int64(GoStrconv.parseInt(text, base: 8) ?? 0)
        },
        GoFunction("toStrings", [.interface]) { .strings(StringListFunctions.strslice($0[0])) },
    ]
}
