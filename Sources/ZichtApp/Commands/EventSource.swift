import Foundation

/// Where `zicht nearrepeat` and `zicht hotspots` take their events from.
public enum EventSource: Sendable, Hashable {
    /// A CSV file; `shownAs` is its name in messages.
    case file(URL, shownAs: String)
    /// The incidents with coordinates of some types and years in a project's snapshot, after the
    /// sources zicht.yaml lists are imported; `shownAs` is the project as the user named it.
    case project(URL, shownAs: String, types: [String], years: ClosedRange<Int>)

    /// The name problems are reported under.
    public var shownAs: String {
        switch self {
        case .file(_, let shownAs), .project(_, let shownAs, _, _): shownAs
        }
    }

    /// The line standard error shows when a project's incidents are simulated.
    static let simulatedNotice = "Note: the incidents of this project are simulated (gesimuleerd)."
}
