import Values

/// Sprig's JSON functions (Helm replaces `toJson` and `fromJson` with its own, but keeps
/// these): the pretty and raw encoders and the `must*` variants that report errors.
enum JSONFunctions {
    static let all: [GoFunction] = [
        GoFunction("toPrettyJson", [.interface]) { args in
            .string((try? JSON.encodeIndented(args[0])) ?? "")
        },
        GoFunction("mustToPrettyJson", [.interface]) { args in .string(try JSON.encodeIndented(args[0])) },
        // toRawJson leaves <, > and & as they are, and panics (an error here) when the
        // value cannot be encoded, unlike toJson and toPrettyJson.
        GoFunction("toRawJson", [.interface]) { args in .string(try JSON.encode(args[0], escapeHTML: false)) },
        GoFunction("mustToRawJson", [.interface]) { args in .string(try JSON.encode(args[0], escapeHTML: false)) },
        GoFunction("mustToJson", [.interface]) { args in .string(try JSON.encode(args[0])) },
        // Sprig's fromJson ignores the error and returns what was decoded (nil).
        GoFunction("fromJson", [.string]) { args in (try? JSON.decode(args.string(0))) ?? .null },
        GoFunction("mustFromJson", [.string]) { args in try JSON.decode(args.string(0)) },
    ]
}
