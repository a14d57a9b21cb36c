import ZichtCore

/// `Node` in this module is the document node; Yams' YAML node is always written `Yams.Node`.
typealias Node = ZichtCore.Node
