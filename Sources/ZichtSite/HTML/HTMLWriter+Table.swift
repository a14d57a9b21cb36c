/// A data table in a keyboard-reachable scroll region (`div.table-wrap` with `role="region"`,
/// `tabindex="0"` and a label), so that a wide table scrolls on its own at 320 px and a keyboard or
/// screen-reader user can reach and name it (WCAG 2.1: 1.4.10 reflow, 2.1.1 keyboard).
extension HTMLWriter {
    /// A column heading; numeric columns are right-aligned.
    struct Column {
        var title: String
        var isNumeric: Bool

        static func text(_ title: String) -> Column { Column(title: title, isNumeric: false) }
        static func number(_ title: String) -> Column { Column(title: title, isNumeric: true) }
    }

    /// Writes the region, the table with its caption and heading row, and then `body`, which writes
    /// the `tbody` (and a `tfoot` after it, if any).
    mutating func scrollTable(caption: String, columns: [Column], tableClass: String? = nil, body: (inout HTMLWriter) -> Void) {
        element("div", ["class": "table-wrap", "role": "region", "tabindex": "0", "aria-label": "Tabel: \(caption)"]) { html in
            html.element("table", ["class": tableClass]) { html in
                html.element("caption", text: caption)
                html.element("thead") { html in
                    html.element("tr") { html in
                        for column in columns {
                            html.element("th", ["scope": "col", "class": column.isNumeric ? "align-right" : nil], text: column.title)
                        }
                    }
                }
                body(&html)
            }
        }
    }
}
