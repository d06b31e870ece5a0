import Sprig
import Values
import XCTest

final class RegistryTests: XCTestCase {
    func testHelmRemovesEnvAndExpandenv() {
        let f = Sprig.functions()
        XCTAssertNil(f["env"])
        XCTAssertNil(f["expandenv"])
        XCTAssertNil(f["toBool"])
        XCTAssertNil(f["mustDig"])
    }

    func testSignaturesMirrorGoDeclarations() throws {
        let f = Sprig.functions()
        XCTAssertEqual(f["upper"]?.parameters, [.string])
        XCTAssertEqual(f["trunc"]?.parameters, [.int, .string])
        XCTAssertEqual(f["add"]?.parameters, [])
        XCTAssertEqual(f["add"]?.variadic, .interface)
        XCTAssertEqual(f["default"]?.parameters, [.interface])
        XCTAssertEqual(f["default"]?.variadic, .interface)
        XCTAssertEqual(f["hasKey"]?.parameters, [.interfaceMap, .string])
        XCTAssertEqual(f["merge"]?.variadic, .interfaceMap)
        XCTAssertEqual(f["ternary"]?.parameters, [.interface, .interface, .bool])
        XCTAssertEqual(f["round"]?.variadic, .float64)
        XCTAssertEqual(f["seq"]?.variadic, .int)
        XCTAssertEqual(f["max"]?.parameters, [.interface])
        XCTAssertEqual(f["pick"]?.variadic, .string)
    }

    func testRegistersAliasesAndMustTwins() {
        let f = Sprig.functions()
        for name in ["tuple", "push", "mustPush", "mustAppend", "mustPrepend", "mustFirst", "mustLast", "mustRest",
                     "mustInitial", "mustReverse", "mustUniq", "mustWithout", "mustHas", "mustSlice", "mustChunk",
                     "mustCompact", "mustMerge", "mustMergeOverwrite", "mustDeepCopy", "trimall", "biggest", "hello",
                     "sha512sum", "getHostByName", "osBase", "osIsAbs"] {
            XCTAssertNotNil(f[name], name)
            XCTAssertEqual(f[name]?.name, name)
        }
    }
}
