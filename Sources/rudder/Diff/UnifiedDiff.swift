/// A line diff in the unified format `diff -u` and `kubectl diff` print: hunks of changed
/// lines with `context` lines around them.
struct UnifiedDiff {
    let old: [Substring]
    let new: [Substring]
    var context = 3

    init(old: String, new: String) {
        // No text is no lines (an object created or deleted), not one empty line.
        self.old = old.isEmpty ? [] : old.split(separator: "\n", omittingEmptySubsequences: false)
        self.new = new.isEmpty ? [] : new.split(separator: "\n", omittingEmptySubsequences: false)
    }

    private enum Edit {
        case same(Substring), removed(Substring), added(Substring)
    }

    /// The hunks, `@@ -a,b +c,d @@` headed; empty when the texts are equal.
    var hunks: String {
        let edits = self.edits()
        guard edits.contains(where: { if case .same = $0 { false } else { true } }) else { return "" }
        var out = ""
        var index = 0
        // Line numbers (1-based) before each edit, old and new.
        var oldLine = [Int](repeating: 0, count: edits.count + 1)
        var newLine = [Int](repeating: 0, count: edits.count + 1)
        var o = 1
        var n = 1
        for (i, edit) in edits.enumerated() {
            oldLine[i] = o
            newLine[i] = n
            switch edit {
            case .same: o += 1; n += 1
            case .removed: o += 1
            case .added: n += 1
            }
        }
        oldLine[edits.count] = o
        newLine[edits.count] = n
        while index < edits.count {
            guard let firstChange = edits[index...].firstIndex(where: { if case .same = $0 { false } else { true } }) else { break }
            let start = max(index, firstChange - context)
            var end = firstChange
            var lastChange = firstChange
            while end < edits.count {
                if case .same = edits[end] {
                    if end - lastChange > 2 * context { break }
                } else {
                    lastChange = end
                }
                end += 1
            }
            end = min(edits.count, lastChange + context + 1)
            let oldCount = oldLine[end] - oldLine[start]
            let newCount = newLine[end] - newLine[start]
            out += "@@ -\(oldCount == 0 ? oldLine[start] - 1 : oldLine[start]),\(oldCount) +\(newCount == 0 ? newLine[start] - 1 : newLine[start]),\(newCount) @@\n"
            for edit in edits[start..<end] {
                switch edit {
                case .same(let line): out += " \(line)\n"
                case .removed(let line): out += "-\(line)\n"
                case .added(let line): out += "+\(line)\n"
                }
            }
            index = end
        }
        return out
    }

    /// The shortest edit script by longest common subsequence (objects are small).
    private func edits() -> [Edit] {
        let n = old.count
        let m = new.count
        var lcs = [[Int32]](repeating: [Int32](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                lcs[i][j] = old[i] == new[j] ? lcs[i + 1][j + 1] + 1 : max(lcs[i + 1][j], lcs[i][j + 1])
            }
        }
        var edits: [Edit] = []
        var i = 0
        var j = 0
        while i < n || j < m {
            if i < n, j < m, old[i] == new[j] {
                edits.append(.same(old[i]))
                i += 1
                j += 1
            } else if i < n, j == m || lcs[i + 1][j] >= lcs[i][j + 1] {
                // Removals before additions, as `diff -u` prints a changed line.
                edits.append(.removed(old[i]))
                i += 1
            } else {
                edits.append(.added(new[j]))
                j += 1
            }
        }
        return edits
    }
}
