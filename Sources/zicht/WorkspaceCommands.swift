import ArgumentParser
import Foundation
import ZichtApp
import ZichtServer
import ZichtWorkspace

struct Server: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the werkomgeving: many authors, review and audit, and the published site.",
        discussion: """
            The first start takes in the project's files; from then on the werkomgeving's database \
            (PROJECT/.werkomgeving/werkomgeving.sqlite) holds every version of them. Create the \
            first account with `zicht account create` (it prints a one-time password).

            Examples:
              zicht server mijn-gemeente
              zicht server mijn-gemeente --port 9000 --behind-tls --trusted-proxy 127.0.0.1
            """)

    @Argument(help: "The project folder.")
    var project: String = "."

    @Option(help: "The address to listen on.")
    var host: String = "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free one).")
    var port: Int = 8080

    @Option(help: "The workspace database: a SQLite file (default: PROJECT/.werkomgeving/werkomgeving.sqlite) or postgres://user@host:port/database (password from PGPASSWORD).")
    var database: String?

    @Option(help: ArgumentHelp("This instance's own folder for its working copy, preview, exports and published site (default: PROJECT/.werkomgeving); several instances on one machine each need their own.", valueName: "folder"))
    var state: String?

    @Flag(help: "Served through a proxy that terminates TLS (nginx): cookies are marked Secure.")
    var behindTLS = false

    @Option(help: "The proxy's address; only its X-Forwarded-For header is believed.")
    var trustedProxy: String?

    @Option(help: ArgumentHelp("Also log in through the organisation's identity provider: its OpenID Connect settings (JSON, see docs/werkomgeving.md).", valueName: "file"))
    var oidc: String?

    func run() async throws {
        try await runReportingErrors {
            let location = ZichtApp.WorkspaceLocation(
                project: absoluteURL(project), database: database.map { .init($0, relativeTo: currentFolder) }, state: state.map(absoluteURL))
            let oidcSettings = try oidc.map { try ZichtApp.oidcSettings(from: absoluteURL($0)) }
            let settings = WorkspaceServer.Settings(host: host, port: port, secureCookies: behindTLS, trustedProxy: trustedProxy, oidc: oidcSettings)
            try await ZichtApp.runWorkspaceServer(location, settings: settings)
        }
    }
}

struct AccountCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "account",
        abstract: "Create and unlock werkomgeving accounts, and make API tokens.",
        subcommands: [Create.self, Unlock.self, Token.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account and print its one-time password.",
            discussion: """
                The password is printed once and not stored; the first login replaces it, and accounts \
                with the role beheerder, redacteur or analist then set up a second factor (TOTP).

                Examples:
                  zicht account create mijn-gemeente --username beheer --name "A. Beheerder" --role beheerder
                  zicht account create mijn-gemeente --username auteur1 --name "B. Auteur" --role auteur --assign begroting-2019/7.2
                """)

        @Argument(help: "The project folder.")
        var project: String = "."

        @Option(help: "The login name: lowercase letters, digits, '.', '-' and '_'.")
        var username: String

        @Option(help: "The person's name, as the werkomgeving shows it.")
        var name: String

        @Option(help: "A role: beheerder, redacteur, auteur, analist or lezer (repeat for several).")
        var role: [String]

        @Option(help: "A page an auteur may edit, with everything under it: DOCUMENT/ID (repeat for several).")
        var assign: [String] = []

        @Option(help: "The workspace database: a SQLite file (default: PROJECT/.werkomgeving/werkomgeving.sqlite) or postgres://user@host:port/database (password from PGPASSWORD).")
        var database: String?

        func validate() throws {
            for name in role where Role(rawValue: name) == nil {
                throw ValidationError("--role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", ")), found '\(name)'")
            }
        }

        func run() async throws {
            try await runReportingErrors {
                let location = ZichtApp.WorkspaceLocation(project: absoluteURL(project), database: database.map { .init($0, relativeTo: currentFolder) })
                let assignments = Set(assign.map(PageRef.init(parsing:)))
                let password = try await ZichtApp.createAccount(
                    location, username: username, name: name, roles: Set(role.compactMap(Role.init(rawValue:))), assignments: assignments)
                printLine("Account '\(username)' created. One-time password (shown once, not stored):")
                printLine(password)
            }
        }
    }

    struct Unlock: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Unlock an account after too many failed logins; optionally give it a new one-time password.",
            discussion: "Example:\n  zicht account unlock mijn-gemeente --username auteur1 --reset-password")

        @Argument(help: "The project folder.")
        var project: String = "."

        @Option(help: "The login name.")
        var username: String

        @Flag(help: "Also replace the password by a new one-time password, printed once.")
        var resetPassword = false

        @Option(help: "The workspace database: a SQLite file (default: PROJECT/.werkomgeving/werkomgeving.sqlite) or postgres://user@host:port/database (password from PGPASSWORD).")
        var database: String?

        func run() async throws {
            try await runReportingErrors {
                let location = ZichtApp.WorkspaceLocation(project: absoluteURL(project), database: database.map { .init($0, relativeTo: currentFolder) })
                let password = try await ZichtApp.unlockAccount(location, username: username, resetPassword: resetPassword)
                printLine("Account '\(username)' unlocked.")
                if let password {
                    printLine("New one-time password (shown once, not stored):")
                    printLine(password)
                }
            }
        }
    }

    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make an API token for an account and print it once.",
            discussion: """
                For a script or another system that uses the API (/api/v1) with the account's rights. \
                The token is printed once; only its SHA-256 is kept. It can be revoked in the werkomgeving \
                (page API-tokens) or through the API. Making it is in the audit log.

                Example:
                  zicht account token mijn-gemeente --username koppeling --name "financieel systeem" --days 90
                """)

        @Argument(help: "The project folder.")
        var project: String = "."

        @Option(help: "The login name of the account the token acts for.")
        var username: String

        @Option(help: "What the token is for (1 to 100 characters).")
        var name: String

        @Option(help: "How many days it is valid (1 to 366).")
        var days: Int = 90

        @Option(help: "The workspace database: a SQLite file (default: PROJECT/.werkomgeving/werkomgeving.sqlite) or postgres://user@host:port/database (password from PGPASSWORD).")
        var database: String?

        func run() async throws {
            try await runReportingErrors {
                let location = ZichtApp.WorkspaceLocation(project: absoluteURL(project), database: database.map { .init($0, relativeTo: currentFolder) })
                let secret = try await ZichtApp.createAPIToken(location, username: username, name: name, days: days)
                printLine("API token '\(name)' for '\(username)' made, valid \(days) days (shown once, not stored):")
                printLine(secret)
            }
        }
    }
}

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check the werkomgeving's audit log.",
        subcommands: [Verify.self])

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Verify the hash chain of the audit log: exit 1 at the first changed, inserted or deleted line.",
            discussion: """
                Prints the number of lines and the hash of the last one. Keep that hash somewhere else \
                (a ticket, a mail to the auditor): given back with --anchor, it also catches lines cut \
                off the end of the log.

                Examples:
                  zicht audit verify mijn-gemeente
                  zicht audit verify mijn-gemeente --anchor 1204:5f2c…
                """)

        @Argument(help: "The project folder.")
        var project: String = "."

        @Option(help: "A line number and hash recorded earlier, as NUMBER:HASH (repeat for several).")
        var anchor: [String] = []

        @Option(help: "The workspace database: a SQLite file (default: PROJECT/.werkomgeving/werkomgeving.sqlite) or postgres://user@host:port/database (password from PGPASSWORD).")
        var database: String?

        func validate() throws {
            for item in anchor {
                let parts = item.split(separator: ":")
                guard parts.count == 2, Int64(parts[0]) != nil, parts[1].count == 64, parts[1].allSatisfy(\.isHexDigit) else {
                    throw ValidationError("--anchor must be NUMBER:HASH with a 64-digit hexadecimal hash, found '\(item)'")
                }
            }
        }

        func run() async throws {
            try await runReportingErrors {
                let location = ZichtApp.WorkspaceLocation(project: absoluteURL(project), database: database.map { .init($0, relativeTo: currentFolder) })
                let anchors = anchor.map { item in
                    let parts = item.split(separator: ":")
                    return AuditChain.Anchor(sequence: Int64(parts[0])!, hash: parts[1].lowercased())
                }
                let (lines, head) = try await ZichtApp.verifyAudit(location, anchors: anchors)
                printLine("Audit log intact: \(lines) lines; last hash \(lines):\(head)")
            }
        }
    }
}

struct Checkout: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the werkomgeving's files as a site project folder (the newest versions, or an export).",
        discussion: """
            The site-project folder is the exchange format: what the werkomgeving took in, it gives \
            back byte for byte, with every change since.

            Examples:
              zicht checkout mijn-gemeente --out /tmp/nieuwste
              zicht checkout mijn-gemeente --export 3 --out /tmp/export-3
            """)

    @Argument(help: "The project folder whose werkomgeving to read.")
    var project: String = "."

    @Option(help: "The folder to write (new or empty).")
    var out: String

    @Option(help: "The number of an export (default: the newest version of every file).")
    var export: Int?

    @Option(help: "The workspace database: a SQLite file (default: PROJECT/.werkomgeving/werkomgeving.sqlite) or postgres://user@host:port/database (password from PGPASSWORD).")
    var database: String?

    func run() async throws {
        try await runReportingErrors {
            let location = ZichtApp.WorkspaceLocation(project: absoluteURL(project), database: database.map { .init($0, relativeTo: currentFolder) })
            let count = try await ZichtApp.checkout(location, export: export, to: absoluteURL(out))
            printLine("Wrote \(count) files to \(absoluteURL(out).path).")
        }
    }
}
