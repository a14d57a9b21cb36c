/// A whole planning-and-control document as a tree of nodes, checked to be well formed.
///
/// A `Document` is built by ``Document/init(nodes:)`` only from nodes that have unique ids, exactly one
/// root (the one node without a parent: the document, or in a project of several documents the
/// portal above them), and parents that exist; the site-project reader reports violations as
/// diagnostics before it gets here.
public struct Document: Sendable {
    public let root: Node
    /// Every node, the root first, then depth-first in sibling order (the reading order of the document).
    public let nodesInOrder: [Node]
    private let nodesByID: [String: Node]
    /// Every node's children in sibling order, kept as nodes: every page's menu lists them, and
    /// looking each up by id copied every node (a cycle of 3,000 pages, 45 links per page).
    private let childNodes: [String: [Node]]

    /// Builds the tree. Precondition: ids are unique, exactly one node has no parent, and every other
    /// node's parent exists and the parent chain reaches the root.
    public init(nodes: [Node]) {
        var byID: [String: Node] = [:]
        for node in nodes { byID[node.id] = node }
        var children: [String: [Node]] = [:]
        for node in nodes {
            if let parent = node.parentID { children[parent, default: []].append(node) }
        }
        var sortedChildren: [String: [Node]] = [:]
        for (parent, list) in children {
            sortedChildren[parent] = list.sorted(by: Document.siblingOrder)
        }
        let root = nodes.first { $0.parentID == nil }!
        self.root = root
        self.nodesByID = byID
        self.childNodes = sortedChildren
        var ordered: [Node] = []
        ordered.reserveCapacity(nodes.count)
        var stack = [root]
        while let node = stack.popLast() {
            ordered.append(node)
            stack.append(contentsOf: (sortedChildren[node.id] ?? []).reversed())
        }
        self.nodesInOrder = ordered
    }

    /// Sibling order: explicit `order` first (ascending), then ids compared number by number
    /// ("7.2.10" after "7.2.9"), then titles.
    static func siblingOrder(_ a: Node, _ b: Node) -> Bool {
        switch (a.order, b.order) {
        case let (x?, y?) where x != y: return x < y
        case (_?, nil): return true
        case (nil, _?): return false
        default: break
        }
        let aParts = a.localID.split(separator: ".")
        let bParts = b.localID.split(separator: ".")
        for (x, y) in zip(aParts, bParts) where x != y {
            if let xi = Int(x), let yi = Int(y) { return xi < yi }
            return x < y
        }
        if aParts.count != bParts.count { return aParts.count < bParts.count }
        return a.title < b.title
    }

    public subscript(id: String) -> Node? { nodesByID[id] }

    public func children(of id: String) -> [Node] {
        childNodes[id] ?? []
    }

    public func parent(of node: Node) -> Node? {
        node.parentID.flatMap { nodesByID[$0] }
    }

    /// The chain from the root down to, but not including, `node`.
    public func ancestors(of node: Node) -> [Node] {
        var chain: [Node] = []
        var current = parent(of: node)
        while let ancestor = current {
            chain.append(ancestor)
            current = parent(of: ancestor)
        }
        return chain.reversed()
    }

    public var count: Int { nodesInOrder.count }
}
