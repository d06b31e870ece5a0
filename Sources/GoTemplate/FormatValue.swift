import Values

/// Printing one operand: Go's `pp.printArg`, `pp.printValue`, `pp.handleMethods` and
/// `pp.badVerb`, which decide by the operand's kind which formatter a verb reaches.
extension FormatPrinter {
    /// Go's `printArg`: the top-level operand. Untyped nil, `%T` and `%p` are settled
    /// before looking at the value; everything else goes to `printValue` at depth 0.
    mutating func printArg(_ arg: Value, _ verb: Unicode.Scalar) {
        if case .null = arg {
            switch verb {
            case "T", "v": padString("<nil>")
            default: badVerb(verb, nil)
            }
            return
        }
        switch verb {
        case "T":
            fmtS(arg.typeName)
            return
        case "p":
            fmtPointer(arg, verb)
            return
        default:
            break
        }
        if case .bytes(let b) = arg {
            // A top-level []byte is one of fmt's fast-path types, named `[]byte` in
            // `%#v`; nested ones go through reflection and are named `[]uint8`.
            fmtBytes(b, verb, typeString: "[]byte")
            return
        }
        printValue(arg, verb, depth: 0)
    }

    /// Go's `printValue`. `staticType` is the type of the slot holding the value (a
    /// slice element or map value): it names nils in `%#v` (`interface {}(nil)`).
    mutating func printValue(_ value: Value, _ verb: Unicode.Scalar, depth: Int, staticType: GoType? = nil) {
        // `%w` is only meaningful in Errorf; Sprintf rejects it on any operand (a
        // top-level []byte never gets here: it is rejected byte by byte).
        if verb == "w" && !value.isNull {
            badVerb(verb, value)
            return
        }
        switch value {
        case .null:
            printNil(staticType ?? .interface, verb)
        case .bool(let b):
            fmtBool(b, verb, value)
        case .int(let v, let t):
            if t.isUnsignedInteger {
                fmtInteger(UInt64(bitPattern: v), signed: false, verb, value)
            } else {
                fmtInteger(UInt64(bitPattern: v), signed: true, verb, value)
            }
        case .float(let d):
            fmtFloat(d, verb, value)
        case .string(let s):
            fmtString(s, verb, value)
        case .bytes(let b):
            fmtBytes(b, verb, typeString: GoType.byteSlice.name)
        case .list(let items, let t):
            printList(items, type: t, verb, depth: depth)
        case .map(let entries, let t):
            printMap(entries.map { ($0.key, $0.value) }, type: t, verb, depth: depth)
        case .object(let o):
            printObject(o, verb, depth: depth)
        case .function:
            fmtPointer(value, verb)
        }
    }

    /// A nil in a typed slot: an interface prints `<nil>` whatever the verb (Go's
    /// `reflect.Interface` case), nil slices and maps print empty.
    mutating func printNil(_ type: GoType, _ verb: Unicode.Scalar) {
        if f.sharpV {
            switch type.underlying {
            case .pointer, .function:
                write("(" + type.name + ")(nil)")
            default:
                write(type.name + "(nil)")
            }
            return
        }
        switch type.underlying {
        case .slice: write("[]")
        case .map: write("map[]")
        case .pointer, .function:
            if verb == "v" { padString("<nil>") } else { badVerb(verb, nil) }
        default: write("<nil>")
        }
    }

    /// Slices and arrays: `[a b]`, or `T{a, b}` in `%#v`. `%s %q %x %X` print a
    /// `[]uint8` as bytes; other verbs apply to each element.
    mutating func printList(_ items: [Value], type: GoType, _ verb: Unicode.Scalar, depth: Int) {
        let elem = type.elementType ?? .interface
        switch verb {
        case "s", "q", "x", "X":
            if elem.underlying == .uint8 {
                let bytes = items.map { v -> UInt8 in
                    if case .int(let i, _) = v { return UInt8(truncatingIfNeeded: i) }
                    return 0
                }
                fmtBytes(bytes, verb, typeString: type.name)
                return
            }
        default:
            break
        }
        if f.sharpV {
            write(type.name)
            write(UInt8(ascii: "{"))
            for (i, item) in items.enumerated() {
                if i > 0 { write(", ") }
                printValue(item, verb, depth: depth + 1, staticType: elem)
            }
            write(UInt8(ascii: "}"))
        } else {
            write(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { write(UInt8(ascii: " ")) }
                printValue(item, verb, depth: depth + 1, staticType: elem)
            }
            write(UInt8(ascii: "]"))
        }
    }

    /// Maps: `map[k:v k:v]`, or `T{"k":v, "k":v}` in `%#v`, keys in Go's `fmtsort`
    /// order (strings by bytes). Keys are printed with the verb too (`%x` hexes them).
    mutating func printMap(_ entries: [(String, Value)], type: GoType, _ verb: Unicode.Scalar, depth: Int) {
        let valueType = type.elementType ?? .interface
        let sorted = entries.sorted { String.goLess($0.0, $1.0) }
        if f.sharpV {
            write(type.name)
            write(UInt8(ascii: "{"))
        } else {
            write("map[")
        }
        for (i, (key, value)) in sorted.enumerated() {
            if i > 0 {
                if f.sharpV { write(", ") } else { write(UInt8(ascii: " ")) }
            }
            printValue(.string(key), verb, depth: depth + 1, staticType: .string)
            write(UInt8(ascii: ":"))
            printValue(value, verb, depth: depth + 1, staticType: valueType)
        }
        write(f.sharpV ? UInt8(ascii: "}") : UInt8(ascii: "]"))
    }

    /// Go objects: a `String()` method wins for `%v %s %q %x %X` (Go's
    /// `handleMethods`); otherwise structs print their fields, and a pointer to a
    /// struct prints `&{…}` at the top level but its address inside a container.
    mutating func printObject(_ o: any GoObject, _ verb: Unicode.Scalar, depth: Int) {
        if !erroring && !f.sharpV, let s = o.stringer {
            switch verb {
            case "v", "s", "x", "X", "q":
                fmtString(s, verb, .string(s))
                return
            default:
                break
            }
        }
        let type = o.goType
        switch type.underlying {
        case .pointer(let target):
            if depth == 0 {
                switch target.underlying {
                case .structure, .slice, .map:
                    write(UInt8(ascii: "&"))
                    printFields(o, type: target, verb, depth: depth + 1)
                default:
                    fmtPointer(.object(o), verb)
                }
            } else {
                fmtPointer(.object(o), verb)
            }
        case .function:
            fmtPointer(.object(o), verb)
        default:
            printFields(o, type: type, verb, depth: depth)
        }
    }

    /// The body of a struct (or of a map- or slice-typed object, from its fields).
    private mutating func printFields(_ o: any GoObject, type: GoType, _ verb: Unicode.Scalar, depth: Int) {
        let fields = o.structFields
        switch type.underlying {
        case .map:
            printMap(fields.map { ($0.name, $0.value) }, type: type, verb, depth: depth)
            return
        case .slice:
            printList(fields.map(\.value), type: type, verb, depth: depth)
            return
        default:
            break
        }
        if f.sharpV { write(type.name) }
        write(UInt8(ascii: "{"))
        for (i, field) in fields.enumerated() {
            if i > 0 {
                if f.sharpV { write(", ") } else { write(UInt8(ascii: " ")) }
            }
            if f.plusV || f.sharpV {
                write(field.name)
                write(UInt8(ascii: ":"))
            }
            printValue(field.value, verb, depth: depth + 1)
        }
        write(UInt8(ascii: "}"))
    }

    /// A stand-in address for `%p` and for pointers, maps, slices and functions that
    /// Go prints by address: real addresses change on every run, so any fixed value
    /// is as faithful as another, and a fixed one keeps output reproducible.
    static let fakeAddress: UInt64 = 0xc000_010000

    /// Go's `fmtPointer`.
    mutating func fmtPointer(_ value: Value, _ verb: Unicode.Scalar) {
        switch value {
        case .list, .map, .bytes, .function: break
        case .object(let o):
            switch o.goType.underlying {
            case .pointer, .function, .map, .slice: break
            default:
                badVerb(verb, value)
                return
            }
        default:
            badVerb(verb, value)
            return
        }
        let u = Self.fakeAddress
        switch verb {
        case "v":
            if f.sharpV {
                write("(" + value.typeName + ")(")
                fmt0x64(u, leading0x: true)
                write(UInt8(ascii: ")"))
            } else {
                fmt0x64(u, leading0x: !f.sharp)
            }
        case "p":
            fmt0x64(u, leading0x: !f.sharp)
        case "b", "o", "d", "x", "X":
            fmtInteger(u, signed: false, verb, .int(Int64(bitPattern: u), type: .uintptr))
        default:
            badVerb(verb, value)
        }
    }

    /// Go's `badVerb`: `%!verb(type=value)`, the value printed with `%v` and the
    /// directive's flags; `%!verb(<nil>)` for nil.
    mutating func badVerb(_ verb: Unicode.Scalar, _ value: Value?) {
        erroring = true
        write("%!")
        writeScalar(verb)
        write(UInt8(ascii: "("))
        if let value, !value.isNull {
            write(value.typeName)
            write(UInt8(ascii: "="))
            printArg(value, "v")
        } else {
            write("<nil>")
        }
        write(UInt8(ascii: ")"))
        erroring = false
    }
}
