import Foundation
import GRDB
import Testing
import PostgresNIO
@testable import ZichtWorkspace

/// Runs SQL in a store's database past the store, as someone with access to the database would: the
/// tests use it to show what the database itself refuses.
func executeBehindTheStore(_ sql: String, in store: any WorkspaceStore) async throws {
    switch store {
    case let store as SQLiteWorkspaceStore:
        try await store.database.write { try $0.execute(sql: sql) }
    case let store as PostgresWorkspaceStore:
        try await store.client.query(PostgresQuery(unsafeSQL: sql), logger: store.logger)
    default:
        Issue.record("unknown store \(type(of: store))")
    }
}
