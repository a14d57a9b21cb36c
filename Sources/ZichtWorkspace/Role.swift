/// What a person may do in the werkomgeving. An account holds one or more roles.
public enum Role: String, CaseIterable, Codable, Sendable, Comparable {
    /// Manages accounts and roles, reads the audit log.
    case beheerder
    /// The P&C team: reviews and approves pages, makes exports and publishes them.
    case redacteur
    /// Writes the pages assigned to them (a programma, an ambitie or a single goal).
    case auteur
    /// Keeps the non-public analysis and imports data.
    case analist
    /// Reads everything that is not restricted to analysts, inside the organisation.
    case lezer

    /// BIO2 asks a second factor for accounts that can publish, manage or see sensitive data.
    public var requiresSecondFactor: Bool {
        switch self {
        case .beheerder, .redacteur, .analist: true
        case .auteur, .lezer: false
        }
    }

    /// The Dutch name shown in the werkomgeving.
    public var title: String {
        switch self {
        case .beheerder: "Beheerder"
        case .redacteur: "Redacteur"
        case .auteur: "Auteur"
        case .analist: "Analist"
        case .lezer: "Lezer"
        }
    }

    public static func < (lhs: Role, rhs: Role) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A page of a document in the project: the document's key ("begroting-2020", or "" in a project of
/// one document) and the page's id ("7.2.1").
public struct PageRef: Hashable, Codable, Sendable, CustomStringConvertible {
    public var document: String
    public var id: String

    public init(document: String, id: String) {
        self.document = document
        self.id = id
    }

    /// "begroting-2019/7.2" → document "begroting-2019", id "7.2"; "7.2" → a page of a one-document project.
    public init(parsing text: String) {
        guard let slash = text.lastIndex(of: "/") else {
            self.init(document: "", id: text)
            return
        }
        self.init(document: String(text[..<slash]), id: String(text[text.index(after: slash)...]))
    }

    public var description: String { document.isEmpty ? id : "\(document)/\(id)" }
}
