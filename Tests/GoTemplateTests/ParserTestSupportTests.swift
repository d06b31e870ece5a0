import XCTest

@testable import GoTemplate

/// The functions Helm's template engine defines: Go's builtins, Sprig's
/// `TxtFuncMap` and Helm's own, less `env`/`expandenv` which Helm removes.
let helmFunctionNames: Set<String> = [
    // text/template builtins
    "and", "call", "html", "index", "slice", "js", "len", "not", "or", "print", "printf", "println",
    "urlquery", "eq", "ge", "gt", "le", "lt", "ne",
    // Sprig
    "hello", "ago", "date", "date_in_zone", "date_modify", "dateInZone", "dateModify", "duration",
    "durationRound", "htmlDate", "htmlDateInZone", "must_date_modify", "mustDateModify", "mustToDate", "now",
    "toDate", "unixEpoch", "abbrev", "abbrevboth", "trunc", "trim", "upper", "lower", "title", "untitle",
    "substr", "repeat", "trimall", "trimAll", "trimSuffix", "trimPrefix", "nospace", "initials",
    "randAlphaNum", "randAlpha", "randAscii", "randNumeric", "swapcase", "shuffle", "snakecase", "camelcase",
    "kebabcase", "wrap", "wrapWith", "contains", "hasPrefix", "hasSuffix", "quote", "squote", "cat", "indent",
    "nindent", "replace", "plural", "sha1sum", "sha256sum", "sha512sum", "adler32sum", "toString", "atoi",
    "int64", "int", "float64", "seq", "toDecimal", "split", "splitList", "splitn", "toStrings", "until",
    "untilStep", "add1", "add", "sub", "div", "mod", "mul", "randInt", "add1f", "addf", "subf", "divf", "mulf",
    "biggest", "max", "min", "maxf", "minf", "ceil", "floor", "round", "join", "sortAlpha", "default", "empty",
    "coalesce", "all", "any", "compact", "mustCompact", "fromJson", "toJson", "toPrettyJson", "toRawJson",
    "mustFromJson", "mustToJson", "mustToPrettyJson", "mustToRawJson", "ternary", "deepCopy", "mustDeepCopy",
    "typeOf", "typeIs", "typeIsLike", "kindOf", "kindIs", "deepEqual", "getHostByName", "base", "dir",
    "clean", "ext", "isAbs", "osBase", "osClean", "osDir", "osExt", "osIsAbs", "b64enc", "b64dec", "b32enc",
    "b32dec", "tuple", "list", "dict", "get", "set", "unset", "hasKey", "pluck", "keys", "pick", "omit",
    "merge", "mergeOverwrite", "mustMerge", "mustMergeOverwrite", "values", "append", "push", "mustAppend",
    "mustPush", "prepend", "mustPrepend", "first", "mustFirst", "rest", "mustRest", "last", "mustLast",
    "initial", "mustInitial", "reverse", "mustReverse", "uniq", "mustUniq", "without", "mustWithout", "has",
    "mustHas", "mustSlice", "concat", "dig", "chunk", "mustChunk", "bcrypt", "htpasswd", "genPrivateKey",
    "derivePassword", "buildCustomCert", "genCA", "genCAWithKey", "genSelfSignedCert",
    "genSelfSignedCertWithKey", "genSignedCert", "genSignedCertWithKey", "encryptAES", "decryptAES",
    "randBytes", "uuidv4", "semver", "semverCompare", "fail", "regexMatch", "mustRegexMatch", "regexFindAll",
    "mustRegexFindAll", "regexFind", "mustRegexFind", "regexReplaceAll", "mustRegexReplaceAll",
    "regexReplaceAllLiteral", "mustRegexReplaceAllLiteral", "regexSplit", "mustRegexSplit", "regexQuoteMeta",
    "urlParse", "urlJoin", "sortAlpha",
    // Helm
    "toToml", "fromToml", "toYaml", "toYamlPretty", "fromYaml", "fromYamlArray", "fromJsonArray", "include",
    "tpl", "required", "lookup", "mustToYaml", "mustToToml", "mustToJson",
]

/// The file name Helm gives the conformance case's template.
let caseFile = "testchart/templates/case.yaml"

func parse(_ text: String, name: String = caseFile, functions: Set<String> = helmFunctionNames) throws -> [String: Tree] {
    try Parser.parse(name: name, text: text, isFunction: { functions.contains($0) })
}

/// The top-level tree's root of a text that must parse.
func root(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> ListNode? {
    do {
        return try parse(text)[caseFile]?.root
    } catch {
        XCTFail("unexpected parse error: \(error)", file: file, line: line)
        return nil
    }
}

/// The error a text must fail to parse with.
func parseError(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> TemplateError? {
    do {
        _ = try parse(text)
        XCTFail("parsed without error: \(text)", file: file, line: line)
        return nil
    } catch let error as TemplateError {
        return error
    } catch {
        XCTFail("not a TemplateError: \(error)", file: file, line: line)
        return nil
    }
}

/// The first node of the top-level tree's root.
func firstNode(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Node? {
    root(text, file: file, line: line)?.nodes.first
}

/// The pipe of a template that is a single action.
func actionPipe(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> PipeNode? {
    guard case .action(let a)? = firstNode(text, file: file, line: line) else {
        XCTFail("not an action: \(text)", file: file, line: line)
        return nil
    }
    return a.pipe
}

/// The single operand of a template that is `{{ operand }}`.
func operand(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Operand? {
    actionPipe(text, file: file, line: line)?.commands.first?.args.first
}

/// A number literal's node.
func number(_ literal: String, file: StaticString = #filePath, line: UInt = #line) -> NumberNode? {
    guard case .number(let n)? = operand("{{\(literal)}}", file: file, line: line) else {
        XCTFail("not a number: \(literal)", file: file, line: line)
        return nil
    }
    return n
}

final class ParserTestSupportTests: XCTestCase {
    func testFunctionTableKnowsBuiltinsAndHelmFunctions() {
        XCTAssertTrue(helmFunctionNames.contains("printf"))
        XCTAssertTrue(helmFunctionNames.contains("include"))
        XCTAssertFalse(helmFunctionNames.contains("env"))
    }
}
