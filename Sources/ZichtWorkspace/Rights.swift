/// What an account may do, decided on the server for every request and every object.
///
/// The rules, by role (an account with several roles may do what any of them may):
///
/// | action | beheerder | redacteur | auteur | analist | lezer |
/// |---|---|---|---|---|---|
/// | read internal pages and versions | ✓ | ✓ | ✓ | ✓ | ✓ |
/// | edit a page | | ✓ | its assignments | | |
/// | submit a page for review | | ✓ | its assignments | | |
/// | approve or reject a page | | ✓ | | | |
/// | make, publish an export | | ✓ | | | |
/// | read the analyst's room, import data | | | | ✓ | |
/// | manage accounts, read the audit log | ✓ | | | | |
public enum Action: Hashable, Sendable, CustomStringConvertible {
    case readInternal
    /// Edit the page (its file), or upload an image next to it.
    case edit(PageRef)
    case submit(PageRef)
    case review(PageRef)
    case export
    case publish
    case readAnalysis
    case importData
    case manageAccounts
    case readAudit

    public var description: String {
        switch self {
        case .readInternal: "read"
        case .edit(let page): "edit \(page)"
        case .submit(let page): "submit \(page)"
        case .review(let page): "review \(page)"
        case .export: "export"
        case .publish: "publish"
        case .readAnalysis: "read analysis"
        case .importData: "import data"
        case .manageAccounts: "manage accounts"
        case .readAudit: "read audit"
        }
    }
}

public enum Rights {
    /// Whether `account` may do `action`. `ancestors` lists the pages above the page of the action
    /// (its parent first), so that an assignment of a programma covers every goal under it.
    public static func allows(_ account: Account, _ action: Action, ancestors: [PageRef] = []) -> Bool {
        guard !account.isDisabled, !account.isLocked else { return false }
        let roles = account.roles
        switch action {
        case .readInternal:
            return !roles.isEmpty
        case .edit(let page), .submit(let page):
            if roles.contains(.redacteur) { return true }
            guard roles.contains(.auteur) else { return false }
            return account.assignments.contains(page) || ancestors.contains(where: account.assignments.contains)
        case .review, .export, .publish:
            return roles.contains(.redacteur)
        case .readAnalysis, .importData:
            return roles.contains(.analist)
        case .manageAccounts, .readAudit:
            return roles.contains(.beheerder)
        }
    }

    /// Throws ``WorkspaceError/forbidden(action:object:)`` unless ``allows(_:_:ancestors:)``.
    public static func require(_ account: Account, _ action: Action, ancestors: [PageRef] = []) throws(WorkspaceError) {
        guard allows(account, action, ancestors: ancestors) else {
            throw .forbidden(action: action.description, object: account.username)
        }
    }
}
