import Foundation

/// Where a long-running command (`serve`, `demo`) reports what it does: lines for standard output
/// and for standard error. Tests pass their own to read what would be printed.
public struct Terminal: Sendable {
    public var say: @Sendable (String) -> Void
    public var complain: @Sendable (String) -> Void

    public init(say: @escaping @Sendable (String) -> Void, complain: @escaping @Sendable (String) -> Void) {
        self.say = say
        self.complain = complain
    }

    /// Standard output and standard error, one line per call.
    public static let standard = Terminal(
        say: { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) },
        complain: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) })
}
