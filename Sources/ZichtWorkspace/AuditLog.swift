import Crypto
import Foundation

/// One line of the audit log, with the fields BIO2 8.15.01 (logging) names: what was done (`action`),
/// to what (`object`), with what outcome (`result`), from where (`origin`: the client's address), by
/// whom (`actor`) and when (`time`, UTC). Lines are chained: each holds the hash of the line before,
/// so a changed, inserted or deleted line breaks the chain (``AuditChain/verify(_:anchors:)``).
public struct AuditEntry: Hashable, Codable, Sendable {
    public enum Outcome: String, Codable, Sendable, CaseIterable {
        case success, denied, failure
    }

    /// 1, 2, 3, … without gaps.
    public var sequence: Int64
    /// Milliseconds since 1970, UTC.
    public var time: Int64
    /// The username, or "-" before anyone is logged in.
    public var actor: String
    public var origin: String
    /// A fixed word: `login`, `login.failed`, `save`, `status`, `export`, `publish`, `account.create`, …
    public var action: String
    public var object: String
    public var result: Outcome
    /// Free text for what the fields above do not say (never a password or a secret).
    public var detail: String
    /// The hash of the line before (64 zeros for the first line).
    public var previousHash: String
    public var hash: String

    public static let genesis = String(repeating: "0", count: 64)

    /// The hash of a line: SHA-256 over its fields, each written as its length in bytes, a colon and
    /// its UTF-8 bytes, so no choice of field text can make two different lines hash alike.
    public static func hash(
        sequence: Int64, time: Int64, actor: String, origin: String, action: String, object: String,
        result: Outcome, detail: String, previousHash: String
    ) -> String {
        var hasher = SHA256()
        for field in ["zicht-audit-1", String(sequence), String(time), actor, origin, action, object, result.rawValue, detail, previousHash] {
            let bytes = Array(field.utf8)
            hasher.update(data: Array("\(bytes.count):".utf8))
            hasher.update(data: bytes)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// The hash this line should have, computed from its fields.
    public var expectedHash: String {
        Self.hash(
            sequence: sequence, time: time, actor: actor, origin: origin, action: action, object: object, result: result,
            detail: detail, previousHash: previousHash)
    }
}

/// What the werkomgeving writes into the audit log before the store chains it.
public struct AuditEvent: Sendable, Equatable {
    public var actor: String
    public var origin: String
    public var action: String
    public var object: String
    public var result: AuditEntry.Outcome
    public var detail: String

    public init(actor: String, origin: String, action: String, object: String, result: AuditEntry.Outcome, detail: String = "") {
        self.actor = actor
        self.origin = origin
        self.action = action
        self.object = object
        self.result = result
        self.detail = detail
    }
}

public enum AuditChain {
    /// A point of the chain recorded elsewhere (in an export, or printed by `zicht audit head`):
    /// the chain must still hold this line with this hash, so cutting lines off its end is found too.
    public struct Anchor: Hashable, Codable, Sendable {
        public var sequence: Int64
        public var hash: String

        public init(sequence: Int64, hash: String) {
            self.sequence = sequence
            self.hash = hash
        }
    }

    public struct Break: Error, Equatable, Sendable, CustomStringConvertible {
        public var sequence: Int64
        public var reason: String
        public var description: String { "audit line \(sequence): \(reason)" }
    }

    /// Checks a whole log, in order: sequence numbers without gaps from 1, each line's hash, each
    /// line's link to the one before, and every anchor. Returns the number of lines checked.
    @discardableResult
    public static func verify(_ entries: some Sequence<AuditEntry>, anchors: [Anchor] = []) throws(Break) -> Int64 {
        var expectedSequence: Int64 = 1
        var previous = AuditEntry.genesis
        var hashes: [Int64: String] = [:]
        let anchored = Set(anchors.map(\.sequence))
        for entry in entries {
            guard entry.sequence == expectedSequence else {
                throw Break(sequence: expectedSequence, reason: "missing (the next line is number \(entry.sequence)): a line was deleted or moved")
            }
            guard entry.previousHash == previous else {
                throw Break(sequence: entry.sequence, reason: "does not link to the line before it: a line before it was changed, deleted or inserted")
            }
            guard entry.hash == entry.expectedHash else {
                throw Break(sequence: entry.sequence, reason: "its fields do not match its hash: the line was changed")
            }
            if anchored.contains(entry.sequence) { hashes[entry.sequence] = entry.hash }
            previous = entry.hash
            expectedSequence += 1
        }
        for anchor in anchors.sorted(by: { $0.sequence < $1.sequence }) {
            guard let hash = hashes[anchor.sequence] else {
                throw Break(sequence: anchor.sequence, reason: "recorded in an export but no longer in the log: lines were cut off its end")
            }
            guard hash == anchor.hash else {
                throw Break(sequence: anchor.sequence, reason: "differs from the hash recorded in an export: the log was rewritten")
            }
        }
        return expectedSequence - 1
    }
}
