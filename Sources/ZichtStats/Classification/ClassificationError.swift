import ZichtCore

/// Why a set of values cannot be classified.
///
/// A struct around a private code, so that new cases can be added without breaking callers.
public struct ClassificationError: Error, Equatable, Sendable, CustomStringConvertible {
    private enum Code: Equatable, Sendable {
        case noValues
        case nonFiniteValue(index: Int, value: Double)
        case invalidClassCount(Int)
        case invalidBreaks(String)
    }

    private let code: Code

    private init(_ code: Code) { self.code = code }

    /// The value list was empty: there is nothing to classify.
    public static let noValues = ClassificationError(.noValues)

    /// The value at `index` is NaN or infinite. Leave areas without a figure out of the list
    /// instead of passing NaN: unknown is not a number.
    public static func nonFiniteValue(index: Int, value: Double) -> ClassificationError {
        ClassificationError(.nonFiniteValue(index: index, value: value))
    }

    /// The requested number of classes was below 1.
    public static func invalidClassCount(_ classes: Int) -> ClassificationError {
        ClassificationError(.invalidClassCount(classes))
    }

    /// Hand-made class bounds that are not finite, or not strictly ascending from the minimum.
    public static func invalidBreaks(_ reason: String) -> ClassificationError {
        ClassificationError(.invalidBreaks(reason))
    }

    public var description: String {
        switch code {
        case .noValues:
            return "No values to classify: the list is empty."
        case .nonFiniteValue(let index, let value):
            return "Value \(index) is \(value); only finite numbers can be classified. Leave areas without a figure out."
        case .invalidClassCount(let classes):
            return "Asked for \(classes) classes; at least 1 class is needed."
        case .invalidBreaks(let reason):
            return "Invalid class bounds: \(reason)."
        }
    }
}

extension ClassificationError: DiagnosticConvertible {
    public var diagnostics: [Diagnostic] { [Diagnostic(file: "", message: description)] }
}
