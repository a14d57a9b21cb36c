import Foundation
import ZichtEngine
import ZichtServer
import ZichtWorkspace

/// `zicht server`, `zicht account` and `zicht audit`: the werkomgeving of a project.
///
/// A project's werkomgeving lives in `PROJECT/.werkomgeving/`: the database (`werkomgeving.sqlite`:
/// accounts, every version of every file, the audit log), the working folder the preview is built
/// from (`werkmap/`), the preview (`voorbeeld/`) and the published site (`publiek/`).
extension ZichtApp {
    /// Where the werkomgeving's database is: a SQLite file (the default, for one server) or a
    /// PostgreSQL database (for several instances).
    public enum WorkspaceDatabase: Sendable, CustomStringConvertible {
        case sqlite(URL)
        /// A `postgres://` address.
        case postgres(String)

        /// A `postgres://` or `postgresql://` address, or else the path of a SQLite file.
        public init(_ text: String, relativeTo folder: URL) {
            if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
                self = .postgres(text)
            } else {
                self = .sqlite(URL(fileURLWithPath: text, relativeTo: folder).standardizedFileURL)
            }
        }

        /// The file, or the address without its password.
        public var description: String {
            switch self {
            case .sqlite(let url): return url.path
            case .postgres(let address):
                if var components = URLComponents(string: address), components.password != nil {
                    components.password = "…"
                    return components.string ?? "postgres://…"
                }
                return address
            }
        }
    }

    public struct WorkspaceLocation: Sendable {
        public var project: URL
        public var database: WorkspaceDatabase
        /// This instance's own folder: the working folder, the preview, the exports and the published
        /// site. Several instances on one machine each need their own.
        public var folder: URL

        /// - Parameters:
        ///   - database: the database; `PROJECT/.werkomgeving/werkomgeving.sqlite` by default.
        ///   - state: this instance's folder; `PROJECT/.werkomgeving` by default.
        public init(project: URL, database: WorkspaceDatabase? = nil, state: URL? = nil) {
            self.project = project
            folder = state ?? project.appendingPathComponent(".werkomgeving")
            self.database = database ?? .sqlite(project.appendingPathComponent(".werkomgeving").appendingPathComponent("werkomgeving.sqlite"))
        }

        public var workFolder: URL { folder.appendingPathComponent("werkmap") }
        public var previewFolder: URL { folder.appendingPathComponent("voorbeeld") }
        public var publicSite: URL { folder.appendingPathComponent("publiek") }
        public var exportsFolder: URL { folder.appendingPathComponent("exports") }
    }

    /// Opens the werkomgeving's database as it is (nothing imported). A SQLite file must exist unless
    /// `create` is set.
    public static func openStore(_ location: WorkspaceLocation, create: Bool = false) async throws -> any WorkspaceStore {
        switch location.database {
        case .sqlite(let url):
            guard create || FileManager.default.fileExists(atPath: url.path) else { throw WorkspaceError.notFound("workspace database \(url.path)") }
            return try SQLiteWorkspaceStore(url: url)
        case .postgres(let address):
            return try await PostgresWorkspaceStore(url: address)
        }
    }

    /// The files of a project folder that the werkomgeving keeps: all but hidden ones and the built site.
    /// - Throws: ``WorkspaceError`` for a symbolic link (which could point outside the project) or a
    ///   file too large to keep in the database.
    public static func projectFiles(in project: URL) throws -> [(path: String, bytes: Data)] {
        let fileManager = FileManager.default
        var result: [(path: String, bytes: Data)] = []
        func walk(_ relative: String) throws {
            let url = relative.isEmpty ? project : project.appendingPathComponent(relative)
            for name in try fileManager.contentsOfDirectory(atPath: url.path).sorted() where !name.hasPrefix(".") {
                let path = relative.isEmpty ? name : "\(relative)/\(name)"
                if relative.isEmpty && name == "site" { continue }
                let attributes = try fileManager.attributesOfItem(atPath: url.appendingPathComponent(name).path)
                switch attributes[.type] as? FileAttributeType {
                case .typeDirectory?: try walk(path)
                case .typeRegular?:
                    let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
                    guard size <= 256 << 20 else {
                        throw WorkspaceError.invalid(field: path, expected: "a file of at most 256 MiB", found: "\(size) bytes")
                    }
                    result.append((path, try Data(contentsOf: url.appendingPathComponent(name))))
                case .typeSymbolicLink?:
                    throw WorkspaceError.invalid(field: path, expected: "a regular file or folder", found: "a symbolic link")
                default: continue
                }
            }
        }
        try walk("")
        return result
    }

    /// Opens the werkomgeving's database; on first use it takes in the project's files. When two
    /// instances start together on an empty database, one imports and the other finds its files.
    /// - Returns: the store and the number of files imported now (0 when it held them already).
    public static func openWorkspace(_ location: WorkspaceLocation) async throws -> (store: any WorkspaceStore, imported: Int) {
        let store = try await openStore(location, create: true)
        guard try await store.headFiles().isEmpty else { return (store, 0) }
        guard FileManager.default.fileExists(atPath: location.project.appendingPathComponent("zicht.yaml").path) else {
            throw WorkspaceError.invalid(field: "project", expected: "a site project folder with zicht.yaml", found: location.project.path)
        }
        let files = try projectFiles(in: location.project)
        let audit = AuditEvent(
            actor: "zicht", origin: "command line", action: "import", object: location.project.lastPathComponent, result: .success,
            detail: "\(files.count) files")
        let outcome: Result<Void, WorkspaceError>
        do {
            try await store.importFiles(files, by: "zicht", at: Int64(Date().timeIntervalSince1970 * 1000), audit: audit)
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        if case .failure(let error) = outcome {
            // Another instance imported them a moment ago: its files are the workspace's now.
            guard case .invalid(field: "import", expected: _, found: _) = error else { throw error }
            return (store, 0)
        }
        return (store, files.count)
    }

    /// `zicht server`: serves the werkomgeving and the published site until stopped.
    public static func runWorkspaceServer(_ location: WorkspaceLocation, settings: WorkspaceServer.Settings, terminal: Terminal = .standard) async throws {
        let (store, imported) = try await openWorkspace(location)
        if imported > 0 { terminal.say("Imported \(imported) files of \(location.project.path) into \(location.database).") }
        if try await store.accounts().isEmpty {
            terminal.say("No accounts yet. Create the first beheerder with: zicht account create \(location.project.path) --username beheer --name \"…\" --role beheerder")
        }
        // Until the first publication, the public site is the project as imported.
        if !FileManager.default.fileExists(atPath: location.publicSite.path) {
            let session = SiteSession(project: location.project, output: location.publicSite, generator: generator)
            _ = try await onOwnThread { try session.build(builtAt: buildTime()) }
        }
        let server = WorkspaceServer(
            store: store, publicSite: location.publicSite, workFolder: location.workFolder, previewFolder: location.previewFolder,
            exportsFolder: location.exportsFolder, generator: generator, settings: settings)
        try await server.run { url in
            terminal.say("Zicht is serving the site on \(url) and the werkomgeving on \(url)werkomgeving/ (stop with Ctrl-C)")
        }
    }

    /// `zicht account create`: a new account with a one-time password, which is returned (and shown
    /// once); the first login must replace it and, for roles that need one, set up a second factor.
    public static func createAccount(
        _ location: WorkspaceLocation, username: String, name: String, roles: Set<Role>, assignments: Set<PageRef>
    ) async throws -> String {
        let (store, _) = try await openWorkspace(location)
        let password = Passwords.oneTime()
        var account = try await store.createAccount(
            username: username, displayName: name, roles: roles, passwordHash: Passwords.hash(password), mustChangePassword: true,
            isExternal: false,
            audit: AuditEvent(
                actor: "zicht", origin: "command line", action: "account.create", object: username, result: .success,
                detail: "roles: \(roles.sorted().map(\.rawValue).joined(separator: ","))"))
        if !assignments.isEmpty {
            account.assignments = assignments
            try await store.updateAccount(account, audit: AuditEvent(
                actor: "zicht", origin: "command line", action: "account.assign", object: username, result: .success,
                detail: assignments.map(\.description).sorted().joined(separator: ", ")))
        }
        return password
    }

    /// `zicht account token`: an API token for an account, returned once.
    public static func createAPIToken(_ location: WorkspaceLocation, username: String, name: String, days: Int) async throws -> String {
        let (store, _) = try await openWorkspace(location)
        guard let account = try await store.credentials(username: username)?.account else { throw WorkspaceError.notFound("account '\(username)'") }
        return try await Authenticator(store: store, issuer: "Zicht").createAPIToken(for: account, name: name, days: days, origin: "command line").secret
    }

    /// `zicht account unlock` and `zicht account reset-password` (which returns a new one-time password).
    public static func unlockAccount(_ location: WorkspaceLocation, username: String, resetPassword: Bool) async throws -> String? {
        let (store, _) = try await openWorkspace(location)
        guard var account = try await store.credentials(username: username)?.account else { throw WorkspaceError.notFound("account '\(username)'") }
        account.isLocked = false
        try await store.updateAccount(account, audit: AuditEvent(actor: "zicht", origin: "command line", action: "account.unlock", object: username, result: .success))
        guard resetPassword else { return nil }
        let password = Passwords.oneTime()
        try await store.setPassword(
            accountID: account.id, hash: Passwords.hash(password), mustChange: true,
            audit: AuditEvent(actor: "zicht", origin: "command line", action: "password.reset", object: username, result: .success))
        try await store.deleteSessions(accountID: account.id)
        return password
    }

    /// `zicht audit verify`: checks the whole chain; returns the number of lines and the last hash.
    public static func verifyAudit(_ location: WorkspaceLocation, anchors: [AuditChain.Anchor]) async throws -> (lines: Int64, head: String) {
        let store = try await openStore(location)
        let entries = try await store.allAuditEntries()
        // Every export recorded the log's last line when it was made: those are anchors too.
        let count = try await AuditChain.verify(entries, anchors: anchors + store.exports().map(\.auditAnchor))
        return (count, entries.last?.hash ?? AuditEntry.genesis)
    }
}

extension ZichtApp {
    /// `zicht checkout`: writes the werkomgeving's files as a site project folder: the newest version
    /// of every file, or the versions of export `export`. The folder must be new or empty, and is
    /// filled through a temporary folder beside it that is renamed at the end, so it is never half
    /// written.
    /// - Returns: the number of files written.
    @discardableResult
    public static func checkout(_ location: WorkspaceLocation, export number: Int?, to folder: URL) async throws -> Int {
        let store = try await openStore(location)
        var files: [FileVersion] = []
        if let number {
            guard let export = try await store.export(number: number) else { throw WorkspaceError.notFound("export \(number)") }
            for (path, version) in export.files.sorted(by: { $0.key < $1.key }) {
                guard let file = try await store.version(path: path, number: version) else { throw WorkspaceError.notFound("version \(version) of \(path)") }
                files.append(file)
            }
        } else {
            files = try await store.headFiles()
        }
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: folder.path), !(try fileManager.contentsOfDirectory(atPath: folder.path)).isEmpty {
            throw WorkspaceError.invalid(field: "--out", expected: "a new or empty folder", found: "'\(folder.path)', which holds files")
        }
        let staging = folder.deletingLastPathComponent().appendingPathComponent(".\(folder.lastPathComponent)-\(UUID().uuidString)")
        do {
            for file in files {
                guard let bytes = file.bytes else { continue }
                try WorkspacePaths.validate(file.path)
                let url = staging.appendingPathComponent(file.path)
                try fileManager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try bytes.write(to: url)
            }
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
            if fileManager.fileExists(atPath: folder.path) { try fileManager.removeItem(at: folder) }
            try fileManager.moveItem(at: staging, to: folder)
        } catch {
            try? fileManager.removeItem(at: staging)
            throw error
        }
        return files.count
    }
}

extension ZichtApp {
    /// The settings of `zicht server --oidc FILE`: a JSON file
    /// `{"issuer", "clientID", "clientSecretFile", "redirectURI", "groupsClaim", "scopes", "roles": {group: role}}`.
    /// The secret is read from its own file (one line; a trailing newline is removed), so the settings
    /// file can be shown and versioned without it.
    public static func oidcSettings(from file: URL) throws -> OIDCSettings {
        struct Raw: Decodable {
            var issuer: String
            var clientID: String
            var clientSecretFile: String?
            var redirectURI: String
            var groupsClaim: String?
            var scopes: [String]?
            var roles: [String: String]
        }
        let raw: Raw
        do {
            raw = try JSONDecoder().decode(Raw.self, from: Data(contentsOf: file))
        } catch let error as DecodingError {
            throw WorkspaceError.invalid(field: file.path, expected: "OpenID Connect settings as JSON (issuer, clientID, redirectURI, roles, …)", found: "\(error)")
        }
        var secret: String?
        if let path = raw.clientSecretFile {
            let url = URL(fileURLWithPath: path, relativeTo: file.deletingLastPathComponent())
            secret = try String(contentsOf: url, encoding: .utf8).trimmingCharacters(in: .newlines)
        }
        return try OIDCSettings(
            issuer: raw.issuer, clientID: raw.clientID, clientSecret: secret, redirectURI: raw.redirectURI,
            scopes: raw.scopes ?? OIDCSettings.defaultScopes, groupsClaim: raw.groupsClaim ?? "groups", roles: OIDCSettings.roleMapping(raw.roles))
    }
}
