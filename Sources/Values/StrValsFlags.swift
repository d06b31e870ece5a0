extension StrVals {
    /// The value flags of `helm install/upgrade/template`, as Helm's `values.Options`
    /// holds them, each list in command-line order.
    public struct Flags: Sendable, Equatable {
        public var json: [String]
        public var set: [String]
        public var setString: [String]
        public var setFile: [String]
        public var setLiteral: [String]

        public init(
            json: [String] = [], set: [String] = [], setString: [String] = [],
            setFile: [String] = [], setLiteral: [String] = []
        ) {
            self.json = json
            self.set = set
            self.setString = setString
            self.setFile = setFile
            self.setLiteral = setLiteral
        }
    }

    /// Why a value flag was rejected, worded as Helm's CLI words it.
    public struct FlagError: Error, CustomStringConvertible {
        public enum Flag: String, Sendable {
            case json = "--set-json"
            case set = "--set"
            case setString = "--set-string"
            case setFile = "--set-file"
            case setLiteral = "--set-literal"
        }

        public var flag: Flag
        /// The flag's argument as given.
        public var argument: String
        /// The parser's (or file reader's) error; nil for `--set-json`, whose messages
        /// Helm replaces with the argument itself.
        public var underlying: (any Error)?
        /// `--set-json '{…}'` (the whole-object form) that is not one JSON object.
        public var wholeObject: Bool

        public var description: String {
            switch flag {
            case .json:
                return wholeObject
                    ? "failed parsing --set-json data JSON: \(argument)"
                    : "failed parsing --set-json data \(argument)"
            default:
                return "failed parsing \(flag.rawValue) data: \(underlying.map { String(describing: $0) } ?? "")"
            }
        }
    }

    /// Helm's `values.Options.MergeValues` after the values files are read: the files
    /// (already decoded, in order: `--values-directory` files, then `-f`) merge with
    /// `Coalesce.mergeMaps`, then every `--set-json`, `--set`, `--set-string`,
    /// `--set-file` and `--set-literal` applies in that fixed order of kinds (not
    /// command-line order), each kind's flags in the order given; a later flag
    /// overwrites what an earlier one set.
    ///
    /// A `--set-json` argument whose trimmed text starts with `{` is one JSON object,
    /// merged like a values file (maps merge, so `{"a":{"b":1}}` keeps `a.c`); any other
    /// is `key=json` pairs that overwrite. `readFile` reads `--set-file` paths.
    public static func merge(
        valueFiles: [[String: Value]], flags: Flags, readFile: (String) throws -> String
    ) throws(FlagError) -> [String: Value] {
        var base: [String: Value] = [:]
        for file in valueFiles { base = Coalesce.mergeMaps(base, file) }

        for argument in flags.json {
            let trimmed = Substring(argument).unicodeScalars.trimmingGoSpace()
            if trimmed.first == "{" {
                guard let object = wholeJSONObject(Array(trimmed)) else {
                    throw FlagError(flag: .json, argument: argument, underlying: nil, wholeObject: true)
                }
                base = Coalesce.mergeMaps(base, object)
            } else {
                do {
                    try parseJSON(argument, into: &base)
                } catch {
                    throw FlagError(flag: .json, argument: argument, underlying: error, wholeObject: false)
                }
            }
        }
        for argument in flags.set {
            do { try parse(argument, into: &base) } catch {
                throw FlagError(flag: .set, argument: argument, underlying: error, wholeObject: false)
            }
        }
        for argument in flags.setString {
            do { try parseString(argument, into: &base) } catch {
                throw FlagError(flag: .setString, argument: argument, underlying: error, wholeObject: false)
            }
        }
        for argument in flags.setFile {
            do { try parseFile(argument, into: &base, reader: readFile) } catch {
                throw FlagError(flag: .setFile, argument: argument, underlying: error, wholeObject: false)
            }
        }
        for argument in flags.setLiteral {
            do { try parseLiteral(argument, into: &base) } catch {
                throw FlagError(flag: .setLiteral, argument: argument, underlying: error, wholeObject: false)
            }
        }
        return base
    }

    /// `json.Unmarshal` into `map[string]any`: exactly one object and nothing after it
    /// but JSON whitespace.
    private static func wholeJSONObject(_ runes: [Unicode.Scalar]) -> [String: Value]? {
        var decoder = StrValsJSONDecoder(runes, at: 0)
        guard case .map(let object, _)? = try? decoder.decode() else { return nil }
        for r in runes[decoder.position...] where !(r == " " || r == "\t" || r == "\n" || r == "\r") {
            return nil
        }
        return object.dictionary
    }
}

extension Substring.UnicodeScalarView {
    /// Go's `strings.TrimSpace` (Unicode white space at both ends).
    fileprivate func trimmingGoSpace() -> Substring.UnicodeScalarView {
        var s = self[...]
        while let f = s.first, StrValsGoText.isSpace(f) { s = s.dropFirst() }
        while let l = s.last, StrValsGoText.isSpace(l) { s = s.dropLast() }
        return s
    }
}
