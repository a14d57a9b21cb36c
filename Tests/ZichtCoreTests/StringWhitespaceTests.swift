import Foundation
import Testing
import ZichtCore

/// `trimmingWhitespace()` must trim exactly what Foundation's `trimmingCharacters(in: .whitespaces)`
/// trims, since it replaced it where pages are read and output must not change.
struct StringWhitespaceTests {
    @Test(arguments: ["", " ", "\t", "a", " a ", "\t7.2.1  ", "a b", "\u{00A0}x\u{3000}", "\n a \n", "\u{200B}y\u{200B}", "é ", " 👍🏽 "])
    func trimsWhatFoundationTrims(_ text: String) {
        #expect(text.trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces))
        #expect(text[...].trimmingWhitespace() == text.trimmingCharacters(in: .whitespaces))
    }

    @Test func everyScalarOfTheBasicPlaneIsClassifiedAsFoundationDoes() {
        var differing: [UInt32] = []
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "a" + String(Character(scalar)) + "a"
            let padded = String(Character(scalar)) + "b" + String(Character(scalar))
            if padded.trimmingWhitespace() != padded.trimmingCharacters(in: .whitespaces) || text.trimmingWhitespace() != text {
                differing.append(value)
            }
        }
        #expect(differing.isEmpty, "differ at \(differing.prefix(20).map { String($0, radix: 16) })")
    }
}
