import Values
import XCTest

final class PathFunctionsTests: XCTestCase {
    func testBaseDirCleanExt() throws {
        for (name, cases) in [
            ("base", [("a/b/c.txt", "c.txt"), ("/", "/"), ("a/b/", "b"), ("//a//b", "b"), ("/a/b/..", ".."), ("", "."), ("é/ü.txt", "ü.txt")]),
            ("dir", [("a/b/c.txt", "a/b"), ("", "."), ("/", "/"), ("//a//b", "/a"), ("./a/./b", "a"), ("/a/b/..", "/a/b"), ("noext", ".")]),
            ("clean", [("", "."), ("/", "/"), ("a/../../b", "../b"), ("./a/./b", "a/b"), ("/a/b/..", "/a"), ("C:\\x\\y.z", "C:\\x\\y.z"), ("a/b/", "a/b"), ("//a//b", "/a/b")]),
            ("ext", [("a/b/c.txt", ".txt"), ("", ""), ("a/b/", ""), ("/a/b/..", "."), (".hidden", ".hidden"), ("a.tar.gz", ".gz"), ("a/b.c/d", "")]),
        ] {
            for (input, want) in cases {
                XCTAssertEqual(try text(name, .string(input)), want, "\(name) \(input)")
                XCTAssertEqual(try text("os" + name.prefix(1).uppercased() + name.dropFirst(), .string(input)), want, "os \(name) \(input)")
            }
        }
        XCTAssertEqual(try call("isAbs", "/"), true)
        XCTAssertEqual(try call("isAbs", "a/b"), false)
        XCTAssertEqual(try call("osIsAbs", "//a//b"), true)
    }
}

final class URLFunctionsTests: XCTestCase {
    func testURLParseSplitsLikeNetURL() throws {
        XCTAssertEqual(try call("urlParse", "https://user:pass@host:8080/p/a?q=1&r=2#frag"), [
            "fragment": "frag", "host": "host:8080", "hostname": "host", "opaque": "", "path": "/p/a",
            "query": "q=1&r=2", "scheme": "https", "userinfo": "user:pass",
        ])
        XCTAssertEqual(try call("urlParse", "mailto:joe@example.com").mapValue?["opaque"], "joe@example.com")
        XCTAssertEqual(try call("urlParse", "relative/path?x#y"), [
            "fragment": "y", "host": "", "hostname": "", "opaque": "", "path": "relative/path", "query": "x",
            "scheme": "", "userinfo": "",
        ])
        XCTAssertEqual(try call("urlParse", "https://h/a%20b").mapValue?["path"], "/a b")
        XCTAssertEqual(try call("urlParse", "http://[::1]:80/x").mapValue?["hostname"], "::1")
        XCTAssertEqual(try call("urlParse", "https://user@host").mapValue?["userinfo"], "user")
        XCTAssertEqual(try call("urlParse", "HTTP://Host.COM/Path").mapValue?["scheme"], "http")
    }

    func testURLParseErrors() {
        XCTAssertEqual(failure("urlParse", "http://[::1"), "unable to parse url: parse \"http://[::1\": missing ']' in host")
        XCTAssertEqual(failure("urlParse", "%zz"), "unable to parse url: parse \"%zz\": invalid URL escape \"%zz\"")
        XCTAssertEqual(failure("urlParse", "http://h:x/"), "unable to parse url: parse \"http://h:x/\": invalid port \":x\" after host")
    }

    func testURLJoinBuildsNetURLString() throws {
        XCTAssertEqual(try text("urlJoin", ["scheme": "https", "host": "x.com", "path": "/a", "query": "b=c"]), "https://x.com/a?b=c")
        XCTAssertEqual(try text("urlJoin", ["scheme": "https", "host": "x.com:8443", "path": "a b", "fragment": "f g"]),
                       "https://x.com:8443/a%20b#f%20g")
        XCTAssertEqual(try text("urlJoin", .map([:])), "")
        XCTAssertEqual(try text("urlJoin", ["scheme": "https", "host": "h", "userinfo": "u:p"]), "https://u:p@h")
        XCTAssertEqual(try text("urlJoin", try call("urlParse", "https://u:p@h:1/p?q=1#f")), "https://u:p@h:1/p?q=1#f")
        XCTAssertEqual(try text("urlJoin", ["path": "/x", "query": "a=1&b=2"]), "/x?a=1&b=2")
        XCTAssertEqual(try text("urlJoin", ["scheme": "https", "host": "h", "port": 1]), "https://h")
        XCTAssertEqual(try text("urlJoin", ["host": "h", "path": "a:b"]), "//h/a:b")
        XCTAssertEqual(try text("urlJoin", ["path": "a:b"]), "./a:b")
    }

    func testGetHostByNameIsDisabled() throws {
        XCTAssertEqual(try text("getHostByName", "localhost"), "")
    }
}
