/// The lexical items of Go's `text/template/parse` lexer (`itemType`).
///
/// The order matters as in Go: every case after `keyword` is a keyword, and Go's
/// `item.String()` prints keywords as `<name>` rather than quoted (`unexpected <define>
/// in command`, `unexpected <.> in operand`).
enum ItemType: UInt8, Sendable, Comparable {
    case error
    case bool
    /// A printable ASCII character that is not otherwise an item (`,`, `#`, `}` …).
    case char
    case charConstant
    case comment
    case complex
    /// `=`
    case assign
    /// `:=`
    case declare
    case eof
    case field
    case identifier
    case leftDelim
    case leftParen
    case number
    case pipe
    case rawString
    case rightDelim
    case rightParen
    case space
    case string
    case text
    case variable
    /// Marks the start of the keywords; never produced.
    case keyword
    case block
    case breakKeyword
    case continueKeyword
    case dot
    case define
    case elseKeyword
    case end
    case ifKeyword
    case nilKeyword
    case range
    case template
    case with

    static func < (lhs: ItemType, rhs: ItemType) -> Bool { lhs.rawValue < rhs.rawValue }

    var isKeyword: Bool { self > .keyword }
}

/// One lexed item. Its text is the byte range `pos..<end` of the input; an error
/// item's message stays with the lexer (`Lexer.message(of:)`). Keeping only plain
/// fields makes items free to copy, which the parser's look-ahead does constantly.
struct Item: Sendable {
    var type: ItemType
    /// Byte offset of the item in the input (Go's `Pos`).
    var pos: Int
    var end: Int
    /// The line the item starts on (Go's `item.line`).
    var line: Int
    /// For an `.error` item, which of the lexer's messages is its own.
    var errorIndex = 0

    static let none = Item(type: .eof, pos: 0, end: 0, line: 0)
}
