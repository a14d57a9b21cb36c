import Foundation
import HummingbirdBcrypt

/// Password rules and hashing. Hashing is slow on purpose (bcrypt, cost 12: about a quarter of a
/// second here); a server calls it off its event loop.
public enum Passwords {
    public static let cost: UInt8 = 12
    /// OWASP ASVS 5.0 (6.2.1) asks at least 8 characters and recommends 15 without other rules; the
    /// Dutch BIO2 guidance is 12 or more. We take 12.
    public static let minimumLength = 12
    /// bcrypt reads at most 72 bytes; a longer password would silently lose its end.
    public static let maximumBytes = 72

    /// Checks a new password against the rules: length, not the username, not all one character.
    public static func validate(_ password: String, username: String) throws(WorkspaceError) {
        let characters = password.count
        guard characters >= minimumLength else {
            throw .invalid(field: "wachtwoord", expected: "at least \(minimumLength) characters", found: "\(characters)")
        }
        guard password.utf8.count <= maximumBytes else {
            throw .invalid(field: "wachtwoord", expected: "at most \(maximumBytes) bytes", found: "\(password.utf8.count) bytes")
        }
        guard password.lowercased() != username.lowercased(), Set(password).count > 2 else {
            throw .invalid(field: "wachtwoord", expected: "a password that is not the username or one repeated character", found: "a guessable password")
        }
    }

    public static func hash(_ password: String) -> String {
        Bcrypt.hash(password, cost: cost)
    }

    public static func verify(_ password: String, hash: String) -> Bool {
        guard password.utf8.count <= maximumBytes else { return false }
        return Bcrypt.verify(password, hash: hash)
    }

    /// A random one-time password for a new or reset account: 20 characters from an alphabet without
    /// look-alikes (about 113 bits).
    public static func oneTime() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    }
}
