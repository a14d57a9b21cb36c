/// How a command prints its result: an aligned table for people, CSV or JSON for programs.
public enum OutputFormat: String, CaseIterable, Sendable {
    case table, csv, json
}
