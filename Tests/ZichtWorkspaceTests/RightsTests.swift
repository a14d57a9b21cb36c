import Testing
@testable import ZichtWorkspace

struct RightsTests {
    static let goal = PageRef(document: "begroting-2020", id: "7.2.1")
    static let ambitie = PageRef(document: "begroting-2020", id: "7.2")
    static let programma = PageRef(document: "begroting-2020", id: "7")
    static let sameGoalOtherYear = PageRef(document: "begroting-2021", id: "7.2.1")

    static func account(_ roles: Set<Role>, assignments: Set<PageRef> = []) -> Account {
        Account(id: 1, username: "test", displayName: "Test", roles: roles, assignments: assignments)
    }

    /// The table in the documentation of ``Rights``, row by row.
    @Test(arguments: Role.allCases)
    func everyRoleHasExactlyTheRightsOfTheTable(role: Role) {
        let account = Self.account([role])
        let actions: [Action] = [.readInternal, .edit(Self.goal), .submit(Self.goal), .review(Self.goal), .export, .publish, .readAnalysis, .importData, .manageAccounts, .readAudit]
        let allowed = Set(actions.filter { Rights.allows(account, $0, ancestors: [Self.ambitie, Self.programma]) }.map(\.description))
        let expected: Set<String> = switch role {
        case .beheerder: ["read", "manage accounts", "read audit"]
        case .redacteur: ["read", "edit begroting-2020/7.2.1", "submit begroting-2020/7.2.1", "review begroting-2020/7.2.1", "export", "publish"]
        case .auteur: ["read"]
        case .analist: ["read", "read analysis", "import data"]
        case .lezer: ["read"]
        }
        #expect(allowed == expected)
    }

    @Test func anAuteurEditsItsAssignmentAndEverythingUnderItOnly() {
        let auteur = Self.account([.auteur], assignments: [Self.ambitie])
        #expect(Rights.allows(auteur, .edit(Self.ambitie), ancestors: [Self.programma]))
        #expect(Rights.allows(auteur, .edit(Self.goal), ancestors: [Self.ambitie, Self.programma]))
        #expect(Rights.allows(auteur, .submit(Self.goal), ancestors: [Self.ambitie, Self.programma]))
        #expect(!Rights.allows(auteur, .edit(Self.programma)))
        #expect(!Rights.allows(auteur, .edit(Self.sameGoalOtherYear), ancestors: [PageRef(document: "begroting-2021", id: "7.2")]))
        #expect(!Rights.allows(auteur, .review(Self.goal), ancestors: [Self.ambitie]))
    }

    @Test func aLockedOrDisabledAccountMayDoNothing() {
        var account = Self.account(Set(Role.allCases))
        account.isLocked = true
        #expect(!Rights.allows(account, .readInternal))
        account.isLocked = false
        account.isDisabled = true
        #expect(!Rights.allows(account, .readInternal))
        #expect(throws: WorkspaceError.self) { try Rights.require(account, .publish) }
    }

    @Test func secondFactorIsRequiredForRolesThatPublishManageOrAnalyse() {
        #expect(Self.account([.auteur, .lezer]).requiresSecondFactor == false)
        for role in [Role.beheerder, .redacteur, .analist] {
            #expect(Self.account([.auteur, role]).requiresSecondFactor)
        }
    }
}
