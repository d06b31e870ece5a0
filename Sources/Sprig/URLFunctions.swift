import Values

/// Sprig's `urlParse`/`urlJoin` over Go's `net/url`, and `getHostByName`, which Helm's
/// engine disables (DNS lookups would make renders depend on the network): it gives "".
enum URLFunctions {
    static let all: [GoFunction] = [
        GoFunction("urlParse", [.string]) { args in
            let u: GoURL
            do { u = try GoURL.parse(args.string(0)) } catch let e as GoURL.ParseError {
                throw GoFunctionError("unable to parse url: \(e.message)")
            }
            return .map([
                "scheme": .string(u.scheme), "host": .string(u.host), "hostname": .string(u.hostname),
                "path": .string(u.path), "query": .string(u.rawQuery), "opaque": .string(u.opaque),
                "fragment": .string(u.fragment), "userinfo": .string(u.user?.description ?? ""),
            ])
        },
        .string("urlJoin", [.interfaceMap]) { args in
            let d = args.map(0)
            func field(_ key: String) throws -> String {
                guard let v = d[key] else { return "" }
                guard case .string(let s) = v else {
                    throw GoFunctionError("unable to parse \(key) key, must be of type string, but \(v.typeName) found")
                }
                return s
            }
            var u = GoURL()
            u.scheme = try field("scheme")
            u.host = try field("host")
            u.path = try field("path")
            u.rawQuery = try field("query")
            u.opaque = try field("opaque")
            u.fragment = try field("fragment")
            let userinfo = try field("userinfo")
            if !userinfo.isEmpty {
                do { u.user = try GoURL.parse("proto://\(userinfo)@host").user } catch let e as GoURL.ParseError {
                    throw GoFunctionError("unable to parse userinfo in dict: \(e.message)")
                }
            }
            return u.description
        },
        .string("getHostByName", [.string]) { _ in "" },
    ]
}
