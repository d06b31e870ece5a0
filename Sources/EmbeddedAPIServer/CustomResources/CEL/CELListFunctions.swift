/// The Kubernetes list library (`isSorted`, `sum`, `min`, `max`, `indexOf`, `lastIndexOf`)
/// and the strings library's `join`.
enum CELListFunctions {
    static func call(_ name: String, _ items: [CELValue], _ args: [CELValue]) throws(CELEvalError) -> CELValue {
        switch (name, args.count) {
        case ("join", _):
            var sep = ""
            if args.count == 1 {
                guard case .string(let s) = args[0] else { throw .noSuchOverload }
                sep = s
            }
            var parts: [String] = []
            for item in items {
                guard case .string(let s) = item else { throw .noSuchOverload }
                parts.append(s)
            }
            return .string(parts.joined(separator: sep))
        case ("isSorted", 0):
            for i in items.indices.dropFirst() {
                guard let order = try CELOperators.compare(items[i - 1], items[i]) else { return .bool(false) }
                if order > 0 { return .bool(false) }
            }
            return .bool(true)
        case ("sum", 0):
            guard var total = items.first else { return .int(0) }
            for item in items.dropFirst() { total = try CELOperators.add(total, item) }
            switch total {
            case .int, .uint, .double, .duration: return total
            default: throw .noSuchOverload
            }
        case ("min", 0), ("max", 0):
            guard var best = items.first else { throw CELEvalError("\(name) called on empty list") }
            for item in items.dropFirst() {
                guard let order = try CELOperators.compare(item, best) else { continue }
                if name == "min" ? order < 0 : order > 0 { best = item }
            }
            _ = try CELOperators.compare(best, best)
            return best
        case ("indexOf", 1):
            return .int(Int64(items.firstIndex { CELOperators.equals($0, args[0]) } ?? -1))
        case ("lastIndexOf", 1):
            return .int(Int64(items.lastIndex { CELOperators.equals($0, args[0]) } ?? -1))
        default:
            throw .noSuchOverload
        }
    }
}
