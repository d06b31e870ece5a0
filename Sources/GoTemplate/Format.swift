import Values

/// Go's `fmt` package over the shared `Value` model.
///
/// Helm prints every value through Go's fmt: `{{ x }}` is `fmt.Fprint`, the template
/// builtins `print`/`printf`/`println` are `fmt.Sprint`/`Sprintf`/`Sprintln`, and Sprig's
/// `toString` is `%v`. Charts depend on its exact output (`1e+06`, `map[a:1]`,
/// `%!d(string=x)`), so this is a line-for-line reading of Go 1.26's `fmt/print.go` and
/// `fmt/format.go`, not an approximation.
public enum GoFmt {
    /// `fmt.Sprintf`.
    public static func sprintf(_ format: String, _ args: [Value]) -> String {
        var p = FormatPrinter()
        p.doPrintf(Array(format.utf8), args)
        return p.output
    }

    /// `fmt.Sprint`: operands printed with `%v`, a space between two operands when
    /// neither is a string.
    public static func sprint(_ args: [Value]) -> String {
        if args.count == 1, case .string(let s) = args[0] { return s }
        var p = FormatPrinter()
        var prevString = false
        for (i, arg) in args.enumerated() {
            let isString = arg.goType?.underlying == .string
            if i > 0 && !isString && !prevString { p.write(UInt8(ascii: " ")) }
            p.clearFlags()
            p.printArg(arg, "v")
            prevString = isString
        }
        return p.output
    }

    /// `fmt.Sprintln`: operands printed with `%v`, always space-separated, then a newline.
    public static func sprintln(_ args: [Value]) -> String {
        var p = FormatPrinter()
        for (i, arg) in args.enumerated() {
            if i > 0 { p.write(UInt8(ascii: " ")) }
            p.clearFlags()
            p.printArg(arg, "v")
        }
        p.write(UInt8(ascii: "\n"))
        return p.output
    }

    /// `%v` of one value: what a template prints for `{{ x }}` and what `toString` returns.
    public static func formatValue(_ v: Value) -> String {
        switch v {
        case .string(let s): return s
        case .int(let i, let t) where !t.isUnsignedInteger: return String(i)
        case .bool(let b): return b ? "true" : "false"
        default:
            var p = FormatPrinter()
            p.printArg(v, "v")
            return p.output
        }
    }
}

extension FormatPrinter {
    /// Go's `pp.doPrintf`: walks the format, parsing flags, `[n]` argument indexes,
    /// width and precision (digits or `*`), then prints one argument per verb; unused
    /// arguments are reported as `%!(EXTRA type=value, …)` unless indexes reordered them.
    mutating func doPrintf(_ format: [UInt8], _ a: [Value]) {
        let end = format.count
        var argNum = 0
        var afterIndex = false
        var reordered = false
        var i = 0
        while i < end {
            var goodArgNum = true
            let lasti = i
            while i < end && format[i] != UInt8(ascii: "%") { i += 1 }
            if i > lasti { buf.append(contentsOf: format[lasti..<i]) }
            if i >= end { break }
            i += 1  // skip %

            clearFlags()
            flagLoop: while i < end {
                switch format[i] {
                case UInt8(ascii: "#"): f.sharp = true
                case UInt8(ascii: "0"): f.zero = !f.minus  // only pad with zeros on the left
                case UInt8(ascii: "+"): f.plus = true
                case UInt8(ascii: "-"):
                    f.minus = true
                    f.zero = false
                case UInt8(ascii: " "): f.space = true
                default: break flagLoop
                }
                i += 1
            }

            // Argument index, then width.
            (argNum, i, afterIndex) = argNumber(argNum, format, i, a.count, &goodArgNum, &reordered)
            if i < end && format[i] == UInt8(ascii: "*") {
                i += 1
                (f.wid, f.widPresent, argNum) = intFromArg(a, argNum)
                if !f.widPresent { write("%!(BADWIDTH)") }
                if f.wid < 0 {
                    f.wid = -f.wid
                    f.minus = true
                    f.zero = false
                }
                afterIndex = false
            } else {
                (f.wid, f.widPresent, i) = parseNumber(format, i, end)
                if afterIndex && f.widPresent { goodArgNum = false }  // "%[3]2d"
            }

            // Precision.
            if i + 1 < end && format[i] == UInt8(ascii: ".") {
                i += 1
                if afterIndex { goodArgNum = false }  // "%[3].2d"
                (argNum, i, afterIndex) = argNumber(argNum, format, i, a.count, &goodArgNum, &reordered)
                if i < end && format[i] == UInt8(ascii: "*") {
                    i += 1
                    (f.prec, f.precPresent, argNum) = intFromArg(a, argNum)
                    if f.prec < 0 {  // a negative precision means none
                        f.prec = 0
                        f.precPresent = false
                    }
                    if !f.precPresent { write("%!(BADPREC)") }
                    afterIndex = false
                } else {
                    (f.prec, f.precPresent, i) = parseNumber(format, i, end)
                    if !f.precPresent {  // "%.f" means precision 0
                        f.prec = 0
                        f.precPresent = true
                    }
                }
            }

            if !afterIndex {
                (argNum, i, afterIndex) = argNumber(argNum, format, i, a.count, &goodArgNum, &reordered)
            }

            if i >= end {
                write("%!(NOVERB)")
                break
            }

            var verb = Unicode.Scalar(format[i])
            var size = 1
            if format[i] >= 0x80 {
                let (r, w) = decodeRune(format, at: i)
                verb = Unicode.Scalar(r) ?? "\u{FFFD}"
                size = w
            }
            i += size

            if verb == "%" {  // a literal percent takes no operand and ignores width
                write(UInt8(ascii: "%"))
            } else if !goodArgNum {
                badArgNum(verb)
            } else if argNum >= a.count {
                missingArg(verb)
            } else {
                if verb == "v" || verb == "w" {
                    // Go syntax and struct-field syntax are flags of %v (and of %w,
                    // which Sprintf treats as %v before rejecting it).
                    f.sharpV = f.sharp
                    f.sharp = false
                    f.plusV = f.plus
                    f.plus = false
                }
                printArg(a[argNum], verb)
                argNum += 1
            }
        }

        if !reordered && argNum < a.count {
            clearFlags()
            write("%!(EXTRA ")
            for (k, arg) in a[argNum...].enumerated() {
                if k > 0 { write(", ") }
                if arg.isNull {
                    write("<nil>")
                } else {
                    write(arg.typeName)
                    write(UInt8(ascii: "="))
                    printArg(arg, "v")
                }
            }
            write(UInt8(ascii: ")"))
        }
    }

    /// Go's `parsenum`: digits at `start`; a number above 1e6 is "crazy" and makes Go
    /// give up on the rest of the format (`%!(NOVERB)`).
    private func parseNumber(_ s: [UInt8], _ start: Int, _ end: Int) -> (num: Int, isNum: Bool, newi: Int) {
        if start >= end { return (0, false, end) }
        var num = 0
        var isNum = false
        var i = start
        while i < end && s[i] >= UInt8(ascii: "0") && s[i] <= UInt8(ascii: "9") {
            if tooLarge(num) { return (0, false, end) }
            num = num * 10 + Int(s[i] - UInt8(ascii: "0"))
            isNum = true
            i += 1
        }
        return (num, isNum, i)
    }

    private func tooLarge(_ x: Int) -> Bool { x > 1_000_000 || x < -1_000_000 }

    /// Go's `argNumber`: an explicit `[n]` index (one-based) if present.
    private func argNumber(
        _ argNum: Int, _ format: [UInt8], _ i: Int, _ numArgs: Int,
        _ goodArgNum: inout Bool, _ reordered: inout Bool
    ) -> (Int, Int, Bool) {
        guard i < format.count, format[i] == UInt8(ascii: "[") else { return (argNum, i, false) }
        reordered = true
        let (index, wid, ok) = parseArgNumber(format, i)
        if ok && 0 <= index && index < numArgs { return (index, i + wid, true) }
        goodArgNum = false
        return (argNum, i + wid, ok)
    }

    /// Go's `parseArgNumber` on `format[start...]`: the zero-based index, the bytes
    /// consumed, and whether the bracket held a number.
    private func parseArgNumber(_ format: [UInt8], _ start: Int) -> (index: Int, wid: Int, ok: Bool) {
        if format.count - start < 3 { return (0, 1, false) }
        var j = start + 1
        while j < format.count {
            if format[j] == UInt8(ascii: "]") {
                let (width, ok, newi) = parseNumber(format, start + 1, j)
                if !ok || newi != j { return (0, j - start + 1, false) }
                return (width - 1, j - start + 1, true)
            }
            j += 1
        }
        return (0, 1, false)
    }

    /// Go's `intFromArg`: a `*` width or precision must be an integer argument of
    /// at most 1e6 in magnitude.
    private func intFromArg(_ a: [Value], _ argNum: Int) -> (num: Int, isInt: Bool, newArgNum: Int) {
        guard argNum < a.count else { return (0, false, argNum) }
        var num = 0
        var isInt = false
        if case .int(let v, let t) = a[argNum] {
            if t.isUnsignedInteger {
                let u = UInt64(bitPattern: v)
                if u <= UInt64(Int.max) {
                    num = Int(u)
                    isInt = true
                }
            } else {
                num = Int(v)
                isInt = true
            }
        }
        if tooLarge(num) { return (0, false, argNum + 1) }
        return (num, isInt, argNum + 1)
    }

    mutating func badArgNum(_ verb: Unicode.Scalar) {
        write("%!")
        writeScalar(verb)
        write("(BADINDEX)")
    }

    mutating func missingArg(_ verb: Unicode.Scalar) {
        write("%!")
        writeScalar(verb)
        write("(MISSING)")
    }
}
