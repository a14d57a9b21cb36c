import Foundation

/// Where run.sh's provider is and what it was set up with.
public struct OIDCProviderEnvironment: Sendable {
    public let issuer: String
    public let clientID: String
    public let clientSecret: String
    public let redirectURI: String
    public let password: String
    /// A file to which each test adds a line when it reached its end.
    public let proof: String?

    public static let current: OIDCProviderEnvironment? = {
        let variables = ProcessInfo.processInfo.environment
        guard let issuer = variables["ZICHT_OIDC_ISSUER"], let clientID = variables["ZICHT_OIDC_CLIENT_ID"],
            let secret = variables["ZICHT_OIDC_CLIENT_SECRET"], let redirect = variables["ZICHT_OIDC_REDIRECT_URI"],
            let password = variables["ZICHT_OIDC_PASSWORD"]
        else { return nil }
        return OIDCProviderEnvironment(
            issuer: issuer, clientID: clientID, clientSecret: secret, redirectURI: redirect, password: password, proof: variables["ZICHT_OIDC_PROOF"])
    }()

    /// Records that a test reached its end, for run.sh (which checks that every step is there).
    public func proved(_ step: String) throws {
        guard let path = proof else { return }
        let handle = FileManager.default.fileExists(atPath: path) ? try FileHandle(forWritingTo: URL(fileURLWithPath: path)) : nil
        if let handle {
            try handle.seekToEnd()
            try handle.write(contentsOf: Data((step + "\n").utf8))
            try handle.close()
        } else {
            try Data((step + "\n").utf8).write(to: URL(fileURLWithPath: path))
        }
    }
}
