/// A description of a value that is the same in every process: like `String(reflecting:)`, but with
/// the entries of dictionaries and sets sorted (their order changes with each process's hash seed).
/// Used to identify a simulation by its settings.
enum CanonicalDescription {
    static func of(_ value: Any) -> String {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .dictionary:
            let entries = mirror.children.map { entry -> String in
                let pair = Mirror(reflecting: entry.value).children.map { of($0.value) }
                return pair.joined(separator: ": ")
            }
            return "[" + entries.sorted().joined(separator: ", ") + "]"
        case .set:
            return "{" + mirror.children.map { of($0.value) }.sorted().joined(separator: ", ") + "}"
        case .optional:
            return mirror.children.first.map { of($0.value) } ?? "nil"
        case .collection, .tuple:
            return "(" + mirror.children.map { ($0.label.map { "\($0): " } ?? "") + of($0.value) }.joined(separator: ", ") + ")"
        case .struct, .class, .enum:
            if mirror.children.isEmpty { return String(reflecting: value) }
            return "\(mirror.subjectType)(" + mirror.children.map { ($0.label.map { "\($0): " } ?? "") + of($0.value) }.joined(separator: ", ") + ")"
        default:
            return String(reflecting: value)
        }
    }
}
