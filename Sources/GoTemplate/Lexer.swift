/// Go's `text/template/parse` lexer, state for state, on the UTF-8 bytes of the text.
///
/// It mirrors Go's quirks on purpose, because they decide which error a chart author
/// sees and on which line: a trim marker needs an ASCII space after `{{-`, a comment
/// must fill its whole action, an identifier must be followed by a terminator or the
/// whole right delimiter, and once an error is lexed the input is dropped (Go truncates
/// `l.input`) so everything after it is EOF.
struct Lexer: Sendable {
    static let eof: Int32 = -1

    private let input: ContiguousArray<UInt8>
    private let leftDelim: ContiguousArray<UInt8>
    private let rightDelim: ContiguousArray<UInt8>
    /// The end of the usable input; an error sets it to 0 as Go empties `l.input`.
    private var limit: Int
    private(set) var pos = 0
    private var start = 0
    private var atEOF = false
    private var parenDepth = 0
    private var line = 1
    private var startLine = 1
    private var insideAction = false
    private var item = Item.none
    /// The messages of the error items lexed so far.
    private var errorMessages: [String] = []

    /// Whether `break`/`continue` are keywords: Go makes them plain identifiers when a
    /// function of that name is defined.
    var breakOK = true
    var continueOK = true
    /// Go's `ParseComments` mode; text/template (and so Helm) leaves it off.
    var emitComment = false

    init(input: ContiguousArray<UInt8>, leftDelim: String, rightDelim: String) {
        self.input = input
        self.limit = input.count
        self.leftDelim = ContiguousArray((leftDelim.isEmpty ? "{{" : leftDelim).utf8)
        self.rightDelim = ContiguousArray((rightDelim.isEmpty ? "}}" : rightDelim).utf8)
    }

    /// The input bytes of an item.
    func bytes(of item: Item) -> ArraySlice<UInt8> {
        ArraySlice(input[item.pos..<item.end])
    }

    func text(of item: Item) -> String {
        input.withUnsafeBufferPointer { buf in
            String(decoding: UnsafeBufferPointer(rebasing: buf[item.pos..<item.end]), as: UTF8.self)
        }
    }

    @inline(__always)
    /// The text of `from..<to` of the input.
    func text(_ from: Int, to: Int) -> String {
        input.withUnsafeBufferPointer { buf in
            String(decoding: UnsafeBufferPointer(rebasing: buf[from..<to]), as: UTF8.self)
        }
    }

    /// The names of a field item (`.a.b` gives a and b; `..` gives an empty name, as
    /// Go's `strings.Split` does), cut straight from the input bytes.
    func fieldNames(of item: Item) -> [String] {
        input.withUnsafeBufferPointer { buf in
            var names: [String] = []
            var start = item.pos + 1
            var i = start
            while i < item.end {
                if buf[i] == UInt8(ascii: ".") {
                    names.append(String(decoding: UnsafeBufferPointer(rebasing: buf[start..<i]), as: UTF8.self))
                    start = i + 1
                }
                i += 1
            }
            names.append(String(decoding: UnsafeBufferPointer(rebasing: buf[start..<item.end]), as: UTF8.self))
            return names
        }
    }

    /// The message of an `.error` item.
    func message(of item: Item) -> String {
        item.type == .error && item.errorIndex < errorMessages.count ? errorMessages[item.errorIndex] : ""
    }

    @inline(__always)
    func byte(at index: Int) -> UInt8 { input[index] }

    // MARK: - Go's lexer primitives

    private enum State {
        case text, leftDelim, comment, rightDelim, insideAction, space, identifier, field, variable
        case quote, rawQuote, char, number
    }

    /// The next item (Go's `nextItem`).
    mutating func nextItem() -> Item {
        item = Item(type: .eof, pos: pos, end: pos, line: startLine)
        var state: State = insideAction ? .insideAction : .text
        while true {
            let next: State?
            switch state {
            case .text: next = lexText()
            case .leftDelim: next = lexLeftDelim()
            case .comment: next = lexComment()
            case .rightDelim: next = lexRightDelim()
            case .insideAction: next = lexInsideAction()
            case .space: next = lexSpace()
            case .identifier: next = lexIdentifier()
            case .field: next = lexFieldOrVariable(.field)
            case .variable: next = lexVariable()
            case .quote: next = lexQuote()
            case .rawQuote: next = lexRawQuote()
            case .char: next = lexChar()
            case .number: next = lexNumber()
            }
            guard let next else { return item }
            state = next
        }
    }

    /// Decodes the next rune and advances, counting newlines (Go's `next`).
    @inline(__always)
    private mutating func next() -> Int32 {
        if pos >= limit {
            atEOF = true
            return Lexer.eof
        }
        let b0 = input[pos]
        if b0 < 0x80 {
            pos += 1
            if b0 == 0x0A { line += 1 }
            return Int32(b0)
        }
        // The input comes from a Swift String, so it is valid UTF-8.
        var width = 2
        var r = UInt32(b0 & 0x1F)
        if b0 >= 0xF0 {
            width = 4
            r = UInt32(b0 & 0x07)
        } else if b0 >= 0xE0 {
            width = 3
            r = UInt32(b0 & 0x0F)
        }
        var i = 1
        while i < width, pos + i < limit {
            r = r << 6 | UInt32(input[pos + i] & 0x3F)
            i += 1
        }
        pos += i
        return Int32(bitPattern: r)
    }

    @inline(__always)
    private mutating func peek() -> Int32 {
        let r = next()
        backup()
        return r
    }

    /// Steps back one rune; a no-op once EOF has been seen, as in Go.
    @inline(__always)
    private mutating func backup() {
        guard !atEOF, pos > 0 else { return }
        pos -= 1
        while pos > 0, input[pos] & 0xC0 == 0x80 { pos -= 1 }
        if input[pos] == 0x0A { line -= 1 }
    }

    @inline(__always)
    private mutating func thisItem(_ type: ItemType) -> Item {
        let i = Item(type: type, pos: start, end: pos, line: startLine)
        start = pos
        startLine = line
        return i
    }

    @inline(__always)
    private mutating func emit(_ type: ItemType) -> State? {
        item = thisItem(type)
        return nil
    }

    /// Skips the pending input, counting its newlines (it was skipped without `next`).
    @inline(__always)
    private mutating func ignore() {
        line += countNewlines(start, pos)
        start = pos
        startLine = line
    }

    private mutating func errorf(_ message: String) -> State? {
        item = Item(type: .error, pos: start, end: start, line: startLine, errorIndex: errorMessages.count)
        errorMessages.append(message)
        start = 0
        pos = 0
        limit = 0
        return nil
    }

    private mutating func accept(_ valid: (Int32) -> Bool) -> Bool {
        if valid(next()) { return true }
        backup()
        return false
    }

    private mutating func acceptRun(_ valid: (Int32) -> Bool) {
        while valid(next()) {}
        backup()
    }

    // MARK: - Byte helpers

    @inline(__always)
    private func countNewlines(_ from: Int, _ to: Int) -> Int {
        var n = 0
        var i = from
        while i < to {
            if input[i] == 0x0A { n += 1 }
            i += 1
        }
        return n
    }

    @inline(__always)
    private func hasPrefix(_ prefix: ContiguousArray<UInt8>, at index: Int) -> Bool {
        guard index >= 0, index + prefix.count <= limit else { return false }
        var i = 0
        while i < prefix.count {
            if input[index + i] != prefix[i] { return false }
            i += 1
        }
        return true
    }

    @inline(__always)
    private func hasPrefix(_ a: UInt8, _ b: UInt8, at index: Int) -> Bool {
        index >= 0 && index + 1 < limit && input[index] == a && input[index + 1] == b
    }

    /// The first occurrence of `needle` at or after `from` (Go's `strings.Index`).
    @inline(__always)
    private func index(of needle: ContiguousArray<UInt8>, from: Int) -> Int? {
        guard let first = needle.first else { return from }
        var i = from
        let last = limit - needle.count
        while i <= last {
            if input[i] == first && hasPrefix(needle, at: i) { return i }
            i += 1
        }
        return nil
    }

    @inline(__always)
    private static func isSpaceByte(_ b: UInt8) -> Bool {
        b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A
    }

    /// `-` then an ASCII space: `{{- `.
    @inline(__always)
    private func hasLeftTrimMarker(at index: Int) -> Bool {
        index + 1 < limit && input[index] == UInt8(ascii: "-") && Lexer.isSpaceByte(input[index + 1])
    }

    /// An ASCII space then `-`: ` -}}`.
    @inline(__always)
    private func hasRightTrimMarker(at index: Int) -> Bool {
        index >= 0 && index + 1 < limit && Lexer.isSpaceByte(input[index]) && input[index + 1] == UInt8(ascii: "-")
    }

    @inline(__always)
    private func rightTrimLength(_ from: Int, _ to: Int) -> Int {
        var i = to
        while i > from, Lexer.isSpaceByte(input[i - 1]) { i -= 1 }
        return to - i
    }

    @inline(__always)
    private func leftTrimLength(from: Int) -> Int {
        var i = from
        while i < limit, Lexer.isSpaceByte(input[i]) { i += 1 }
        return i - from
    }

    /// Whether the input is at a right delimiter, and whether it carries a trim marker.
    @inline(__always)
    private func atRightDelim() -> (delim: Bool, trimSpaces: Bool) {
        if hasRightTrimMarker(at: pos) && hasPrefix(rightDelim, at: pos + 2) { return (true, true) }
        if hasPrefix(rightDelim, at: pos) { return (true, false) }
        return (false, false)
    }

    /// Whether the next rune ends an identifier, field or variable. Go checks the
    /// whole right delimiter here, so `{{.a}x}}` is `bad character U+007D '}'`.
    @inline(__always)
    private mutating func atTerminator() -> Bool {
        let r = peek()
        if Lexer.isSpace(r) { return true }
        switch r {
        case Lexer.eof, 0x2E, 0x2C, 0x7C, 0x3A, 0x29, 0x28:  // . , | : ) (
            return true
        default:
            return hasPrefix(rightDelim, at: pos)
        }
    }

    // MARK: - States

    private mutating func lexText() -> State? {
        if let x = index(of: leftDelim, from: pos) {
            if x > pos {
                pos = x
                var trimLength = 0
                if hasLeftTrimMarker(at: pos + leftDelim.count) {
                    trimLength = rightTrimLength(start, pos)
                }
                pos -= trimLength
                line += countNewlines(start, pos)
                let i = thisItem(.text)
                pos += trimLength
                ignore()
                if i.end > i.pos {
                    item = i
                    return nil
                }
            }
            return .leftDelim
        }
        pos = limit
        if pos > start {
            line += countNewlines(start, pos)
            return emit(.text)
        }
        return emit(.eof)
    }

    private mutating func lexLeftDelim() -> State? {
        pos += leftDelim.count
        let afterMarker = hasLeftTrimMarker(at: pos) ? 2 : 0
        if hasPrefix(UInt8(ascii: "/"), UInt8(ascii: "*"), at: pos + afterMarker) {
            pos += afterMarker
            ignore()
            return .comment
        }
        let i = thisItem(.leftDelim)
        insideAction = true
        pos += afterMarker
        ignore()
        parenDepth = 0
        item = i
        return nil
    }

    private mutating func lexComment() -> State? {
        pos += 2
        var x = pos
        while x + 1 < limit, !(input[x] == UInt8(ascii: "*") && input[x + 1] == UInt8(ascii: "/")) { x += 1 }
        guard x + 1 < limit else { return errorf("unclosed comment") }
        pos = x + 2
        let (delim, trimSpace) = atRightDelim()
        if !delim { return errorf("comment ends before closing delimiter") }
        line += countNewlines(start, pos)
        let i = thisItem(.comment)
        if trimSpace { pos += 2 }
        pos += rightDelim.count
        if trimSpace { pos += leftTrimLength(from: pos) }
        ignore()
        if emitComment {
            item = i
            return nil
        }
        return .text
    }

    private mutating func lexRightDelim() -> State? {
        let (_, trimSpace) = atRightDelim()
        if trimSpace {
            pos += 2
            ignore()
        }
        pos += rightDelim.count
        let i = thisItem(.rightDelim)
        if trimSpace {
            pos += leftTrimLength(from: pos)
            ignore()
        }
        insideAction = false
        item = i
        return nil
    }

    private mutating func lexInsideAction() -> State? {
        if atRightDelim().delim {
            if parenDepth == 0 { return .rightDelim }
            return errorf("unclosed left paren")
        }
        let r = next()
        switch r {
        case Lexer.eof:
            return errorf("unclosed action")
        case 0x20, 0x09, 0x0D, 0x0A:
            backup()  // Put the space back in case we have " -}}".
            return .space
        case 0x3D:  // =
            return emit(.assign)
        case 0x3A:  // :
            if next() != 0x3D { return errorf("expected :=") }
            return emit(.declare)
        case 0x7C:
            return emit(.pipe)
        case 0x22:
            return .quote
        case 0x60:
            return .rawQuote
        case 0x24:
            return .variable
        case 0x27:
            return .char
        case 0x2E:  // .
            // A field unless a digit follows ('.' can start a number).
            if pos < limit {
                let c = input[pos]
                if c < UInt8(ascii: "0") || c > UInt8(ascii: "9") { return .field }
            }
            backup()
            return .number
        case 0x2B, 0x2D, 0x30...0x39:  // + - digits
            backup()
            return .number
        case 0x28:
            parenDepth += 1
            return emit(.leftParen)
        case 0x29:
            parenDepth -= 1
            if parenDepth < 0 { return errorf("unexpected right paren") }
            return emit(.rightParen)
        default:
            if Lexer.isAlphaNumeric(r) {
                backup()
                return .identifier
            }
            if r >= 0x20 && r < 0x7F { return emit(.char) }
            return errorf("unrecognized character in action: \(GoStrconv.formatU(r))")
        }
    }

    private mutating func lexSpace() -> State? {
        var numSpaces = 0
        while Lexer.isSpace(peek()) {
            _ = next()
            numSpaces += 1
        }
        // A trim-marked closing delimiter has a minus after a space.
        if hasRightTrimMarker(at: pos - 1) && hasPrefix(rightDelim, at: pos - 1 + 2) {
            backup()  // Before the space.
            if numSpaces == 1 { return .rightDelim }
        }
        return emit(.space)
    }

    private mutating func lexIdentifier() -> State? {
        var r = next()
        while Lexer.isAlphaNumeric(r) { r = next() }
        backup()
        if !atTerminator() { return errorf("bad character \(GoStrconv.formatU(r))") }
        if let keyword = keyword(start, pos) {
            if keyword == .breakKeyword && !breakOK || keyword == .continueKeyword && !continueOK {
                return emit(.identifier)
            }
            return emit(keyword)
        }
        if input[start] == UInt8(ascii: ".") { return emit(.field) }
        if isWord("true", start, pos) || isWord("false", start, pos) { return emit(.bool) }
        return emit(.identifier)
    }

    private mutating func lexVariable() -> State? {
        if atTerminator() { return emit(.variable) }  // Just "$".
        return lexFieldOrVariable(.variable)
    }

    private mutating func lexFieldOrVariable(_ type: ItemType) -> State? {
        if atTerminator() {  // Nothing interesting follows: "." or "$".
            return emit(type == .variable ? .variable : .dot)
        }
        var r = next()
        while Lexer.isAlphaNumeric(r) { r = next() }
        backup()
        if !atTerminator() { return errorf("bad character \(GoStrconv.formatU(r))") }
        return emit(type)
    }

    private mutating func lexChar() -> State? {
        while true {
            switch next() {
            case 0x5C:  // backslash
                let r = next()
                if r != Lexer.eof && r != 0x0A { continue }
                return errorf("unterminated character constant")
            case Lexer.eof, 0x0A:
                return errorf("unterminated character constant")
            case 0x27:
                return emit(.charConstant)
            default:
                continue
            }
        }
    }

    private mutating func lexQuote() -> State? {
        while true {
            switch next() {
            case 0x5C:
                let r = next()
                if r != Lexer.eof && r != 0x0A { continue }
                return errorf("unterminated quoted string")
            case Lexer.eof, 0x0A:
                return errorf("unterminated quoted string")
            case 0x22:
                return emit(.string)
            default:
                continue
            }
        }
    }

    private mutating func lexRawQuote() -> State? {
        while true {
            switch next() {
            case Lexer.eof:
                return errorf("unterminated raw quoted string")
            case 0x60:
                return emit(.rawString)
            default:
                continue
            }
        }
    }

    private mutating func lexNumber() -> State? {
        if !scanNumber() {
            return errorf("bad number syntax: \(GoStrconv.quote(text(start, pos)))")
        }
        let sign = peek()
        if sign == 0x2B || sign == 0x2D {
            // Complex: 1+2i. No spaces, must end in 'i'.
            if !scanNumber() || input[pos - 1] != UInt8(ascii: "i") {
                return errorf("bad number syntax: \(GoStrconv.quote(text(start, pos)))")
            }
            return emit(.complex)
        }
        return emit(.number)
    }

    private mutating func scanNumber() -> Bool {
        _ = accept { $0 == 0x2B || $0 == 0x2D }
        var base = 10
        if accept({ $0 == 0x30 }) {
            // A leading 0 does not mean octal in floats.
            if accept({ $0 == 0x78 || $0 == 0x58 }) {
                base = 16
            } else if accept({ $0 == 0x6F || $0 == 0x4F }) {
                base = 8
            } else if accept({ $0 == 0x62 || $0 == 0x42 }) {
                base = 2
            }
        }
        let digits: (Int32) -> Bool = { r in
            if r == 0x5F { return true }
            switch base {
            case 16: return Lexer.isHexDigit(r)
            case 8: return r >= 0x30 && r <= 0x37
            case 2: return r == 0x30 || r == 0x31
            default: return r >= 0x30 && r <= 0x39
            }
        }
        let decimal: (Int32) -> Bool = { r in r == 0x5F || (r >= 0x30 && r <= 0x39) }
        acceptRun(digits)
        if accept({ $0 == 0x2E }) { acceptRun(digits) }
        if base == 10 && accept({ $0 == 0x65 || $0 == 0x45 }) {
            _ = accept { $0 == 0x2B || $0 == 0x2D }
            acceptRun(decimal)
        }
        if base == 16 && accept({ $0 == 0x70 || $0 == 0x50 }) {
            _ = accept { $0 == 0x2B || $0 == 0x2D }
            acceptRun(decimal)
        }
        _ = accept { $0 == 0x69 }  // imaginary
        // The next thing mustn't be alphanumeric.
        if Lexer.isAlphaNumeric(peek()) {
            _ = next()
            return false
        }
        return true
    }

    // MARK: - Classification

    private func text(_ from: Int, _ to: Int) -> String {
        text(of: Item(type: .text, pos: from, end: to, line: 0))
    }

    @inline(__always)
    private func isWord(_ word: StaticString, _ from: Int, _ to: Int) -> Bool {
        guard to - from == word.utf8CodeUnitCount else { return false }
        let p = word.utf8Start
        for i in 0..<(to - from) where input[from + i] != p[i] { return false }
        return true
    }

    @inline(__always)
    private func keyword(_ from: Int, _ to: Int) -> ItemType? {
        switch to - from {
        case 2: if isWord("if", from, to) { return .ifKeyword }
        case 3:
            if isWord("end", from, to) { return .end }
            if isWord("nil", from, to) { return .nilKeyword }
        case 4:
            if isWord("else", from, to) { return .elseKeyword }
            if isWord("with", from, to) { return .with }
        case 5:
            if isWord("block", from, to) { return .block }
            if isWord("break", from, to) { return .breakKeyword }
            if isWord("range", from, to) { return .range }
        case 6: if isWord("define", from, to) { return .define }
        case 8:
            if isWord("continue", from, to) { return .continueKeyword }
            if isWord("template", from, to) { return .template }
        default: break
        }
        return nil
    }

    @inline(__always)
    static func isSpace(_ r: Int32) -> Bool {
        r == 0x20 || r == 0x09 || r == 0x0D || r == 0x0A
    }

    static func isHexDigit(_ r: Int32) -> Bool {
        (r >= 0x30 && r <= 0x39) || (r >= 0x61 && r <= 0x66) || (r >= 0x41 && r <= 0x46)
    }

    /// Go's `isAlphaNumeric`: `_`, `unicode.IsLetter` or `unicode.IsDigit`.
    @inline(__always)
    static func isAlphaNumeric(_ r: Int32) -> Bool {
        if r < 0x80 {
            return r == 0x5F || (r >= 0x30 && r <= 0x39) || (r >= 0x41 && r <= 0x5A) || (r >= 0x61 && r <= 0x7A)
        }
        guard let scalar = Unicode.Scalar(UInt32(bitPattern: r)) else { return false }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .decimalNumber:
            return true
        default:
            return false
        }
    }
}
