/// Helm's tables (`github.com/gosuri/uitable` as `helm list`/`helm history` use it): every
/// cell padded to its column's width, at most 60 columns (longer cells cut to 57 plus
/// `...`), cells joined by a tab, one row a line.
enum ReleaseTable {
    static let maxColumnWidth = 60

    /// `maxColumnWidth` 0: no limit (condition messages are shown whole).
    static func render(_ rows: [[String]], maxColumnWidth: Int = maxColumnWidth) -> String {
        var widths: [Int] = []
        for row in rows {
            for (i, cell) in row.enumerated() {
                if i >= widths.count { widths.append(0) }
                widths[i] = max(widths[i], maxColumnWidth > 0 ? min(cell.count, maxColumnWidth) : cell.count)
            }
        }
        return rows.map { row in
            row.enumerated().map { i, cell in resize(cell, widths[i]) }.joined(separator: "\t")
        }.joined(separator: "\n") + "\n"
    }

    private static func resize(_ cell: String, _ width: Int) -> String {
        if cell.count <= width { return cell + String(repeating: " ", count: width - cell.count) }
        return String(cell.prefix(max(0, width - 3))) + "..."
    }
}
