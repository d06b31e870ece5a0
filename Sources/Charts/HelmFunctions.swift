import GoTemplate
import Sprig
import Values

/// The functions Helm adds to Sprig's: the YAML/JSON/TOML converters, `required`,
/// `fail`, `lookup`, and the late-bound `include` and `tpl`.
enum HelmFunctions {
    /// Helm wraps `fail`/`required` messages in these markers so that its error
    /// reformatting can pull the user's message out of Go's nested error text.
    static let failStart = "HELM_ERR_START"
    static let failEnd = "HELM_ERR_END"

    /// Helm refuses an `include` nested deeper than this for the same name.
    static let maxIncludeRecursion = 1000

    /// `toYaml`: the YAML text without its final newline, or "" when marshalling fails.
    static func toYAML(_ v: Value) -> String {
        guard let s = try? YAML.encode(v) else { return "" }
        return s.hasSuffix("\n") ? String(s.dropLast()) : s
    }

    static func plain(lookup: LookupResolver?, dnsEnabled: Bool) -> [String: GoFunction] {
        var f: [String: GoFunction] = [:]
        func add(_ fn: GoFunction) { f[fn.name] = fn }
        add(GoFunction("toYaml", [.interface]) { .string(toYAML($0[0])) })
        add(GoFunction("mustToYaml", [.interface]) { args in
            let s = try YAML.encode(args[0])
            return .string(s.hasSuffix("\n") ? String(s.dropLast()) : s)
        })
        add(GoFunction("toYamlPretty", [.interface]) { args in
            guard let s = try? YAML.encodePretty(args[0]) else { return .string("") }
            return .string(s.hasSuffix("\n") ? String(s.dropLast()) : s)
        })
        add(GoFunction("fromYaml", [.string]) { args in
            do {
                let v = try YAML.decode(args[0].stringValue ?? "")
                switch v {
                case .map: return v
                case .null: return .map([:])
                default:
                    return .map(["Error": .string(unmarshalTypeError(v, into: "map[string]interface {}"))])
                }
            } catch {
                return .map(["Error": .string("\(error)")])
            }
        })
        add(GoFunction("fromYamlArray", [.string]) { args in
            do {
                let v = try YAML.decode(args[0].stringValue ?? "")
                switch v {
                case .list: return v
                case .null: return .list([])
                default: return .list([.string(unmarshalTypeError(v, into: "[]interface {}"))])
                }
            } catch {
                return .list([.string("\(error)")])
            }
        })
        add(GoFunction("toJson", [.interface]) { args in .string((try? JSON.encode(args[0])) ?? "") })
        add(GoFunction("mustToJson", [.interface]) { args in .string(try JSON.encode(args[0])) })
        add(GoFunction("fromJson", [.string]) { args in
            do { return .map(try JSON.decodeObject(args[0].stringValue ?? "")) } catch {
                return .map(["Error": .string("\(error)")])
            }
        })
        add(GoFunction("fromJsonArray", [.string]) { args in
            do { return .list(try JSON.decodeArray(args[0].stringValue ?? "")) } catch {
                return .list([.string("\(error)")])
            }
        })
        // An encoder error becomes the text; a Go panic (nil at the top) fails the render.
        add(GoFunction("mustToToml", [.interface]) { args in
            if args[0].isNull { throw GoFunctionError("reflect: call of reflect.Value.Type on zero Value") }
            return .string(try TOML.encode(args[0]))
        })
        add(GoFunction("toToml", [.interface]) { args in
            do { return .string(try TOML.encode(args[0])) } catch TOMLEncodeError.encoding(let message) {
                return .string(message)
            }
        })
        add(GoFunction("fromToml", [.string]) { args in
            do {
                let v = try TOML.decode(args[0].stringValue ?? "")
                return v.mapValue != nil ? v : .map([:])
            } catch {
                return .map(["Error": .string("\(error)")])
            }
        })
        add(GoFunction("required", [.string, .interface]) { args in
            let message = args[0].stringValue ?? ""
            switch args[1] {
            case .null, .string(""): throw GoFunctionError(failStart + message + failEnd)
            default: return args[1]
            }
        })
        add(GoFunction("fail", [.string]) { args in
            throw GoFunctionError(failStart + (args[0].stringValue ?? "") + failEnd)
        })
        add(GoFunction("lookup", [.string, .string, .string, .string]) { args in
            guard let lookup else { return .map([:]) }
            return .map(try lookup.lookup(
                apiVersion: args[0].stringValue ?? "", kind: args[1].stringValue ?? "",
                namespace: args[2].stringValue ?? "", name: args[3].stringValue ?? ""))
        })
        if !dnsEnabled {
            add(GoFunction("getHostByName", [.string]) { _ in .string("") })
        }
        return f
    }

    static func contextual() -> [String: ContextualFunction] {
        [
            "include": ContextualFunction("include", [.string, .interface]) { context, args in
                let name = args[0].stringValue ?? ""
                // Helm's includedNames: one count per name (only include keeps counters),
                // bumped in place so a call hashes the name twice, not three times.
                func enter(_ c: inout Int) -> Int {
                    let old = c
                    if old <= maxIncludeRecursion { c = old + 1 }
                    return old
                }
                let count = enter(&context.counters[name, default: 0])
                if count > maxIncludeRecursion {
                    throw GoFunctionError(
                        "rendering template has a nested reference name: \(name): unable to execute template")
                }
                defer { context.counters[name, default: 1] -= 1 }
                do {
                    return .string(try context.execute(templateNamed: name, data: args[1]))
                } catch let e as TemplateError {
                    // Helm shows the nested error on its own line.
                    throw GoFunctionError("\n\(e)")
                }
            },
            "tpl": ContextualFunction("tpl", [.string, .interface]) { context, args in
                let text = args[0].stringValue ?? ""
                do {
                    let out = try context.execute(text: text, name: context.set.name, data: args[1])
                    return .string(GoStrings.replaceAll(out, "<no value>", ""))
                } catch let e as TemplateError {
                    if case .parse = e {
                        throw GoFunctionError("cannot parse template \(quoted(text)): \(e)")
                    }
                    throw GoFunctionError("error during tpl function execution for \(quoted(text)): \(e)")
                }
            },
        ]
    }

    private static func quoted(_ s: String) -> String { GoFmt.sprintf("%q", [.string(s)]) }

    /// sigs.k8s.io/yaml's error when a document is not of the Go type asked for.
    static func unmarshalTypeError(_ v: Value, into type: String) -> String {
        let kind: String
        switch v {
        case .list: kind = "array"
        case .map: kind = "object"
        case .string: kind = "string"
        case .bool: kind = "bool"
        default: kind = "number"
        }
        return "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal \(kind) into Go value of type \(type)"
    }
}

/// How `lookup` reaches a cluster; offline rendering has none and gets an empty map.
public protocol LookupResolver: Sendable {
    func lookup(apiVersion: String, kind: String, namespace: String, name: String) throws -> [String: Value]
}
