import Testing
import ZichtCore

/// CSV fields: quoted where RFC 4180 needs it, and never a formula in a spreadsheet.
struct CSVTextTests {
    @Test(arguments: [
        ("=HYPERLINK(\"http://x\";\"klik\")", "\"'=HYPERLINK(\"\"http://x\"\";\"\"klik\"\")\""),
        ("+31 6 1234", "'+31 6 1234"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tTab", "'\tTab"),
        ("=1,2", "\"'=1,2\""),
        ("Binnenstad-Zuid", "Binnenstad-Zuid"),
        ("Assendorp, noord", "\"Assendorp, noord\""),
        ("-1.5", "-1.5"),
        ("-12", "-12"),
        ("+4", "+4"),
        ("-2.5e-3", "-2.5e-3"),
        ("-", "'-"),
        ("< 5", "< 5"),
        ("", ""),
    ])
    func fields(_ input: String, _ expected: String) {
        #expect(CSVText.field(input) == expected)
    }

    @Test func aLineJoinsNeutralisedFields() {
        #expect(CSVText.line(["BU01931000", "=cmd|' /C calc'!A0", "7"]) == "BU01931000,'=cmd|' /C calc'!A0,7")
    }
}
