/// The text alternatives of a choropleth map: a plain-Dutch summary and a data table.
extension ChoroplethMap {
    /// A summary for the SVG `<desc>` and the page: the highest and lowest areas, how many areas
    /// fall in each class, and which have no figure.
    ///
    /// "Rapportcijfer veiligheid in de buurt, Zwolle 2014. Hoogste waarden: Mastenbroek 8,2;
    /// Windesheim 8,0; Oude Mars 8,0. Laagste waarden: …. Aantal buurten per klasse: 4,9 tot en met
    /// 5,1: 4 buurten; …. Geen gegevens voor 4 buurten: …."
    ///
    /// The unit is named once, after the title, not after every value. Semicolons separate the
    /// areas, since area names may hold commas. The highest and lowest lists
    /// name up to three areas each, and never the same area twice.
    public func summary() -> String {
        var sentences: [String] = [unit.isEmpty ? title : "\(title) (\(unit))"]
        let ranked = areas.indices.filter { classIndices[$0] != nil }
            .sorted { a, b in
                let (x, y) = (areas[a].value!, areas[b].value!)
                return x != y ? x > y : areas[a].name < areas[b].name
            }
        let total = areas.count
        func listed(_ indices: some Sequence<Int>) -> String {
            indices.map { "\(areas[$0].name) \(numberText(of: areas[$0]))" }.joined(separator: "; ")
        }
        switch ranked.count {
        case 0:
            sentences.append("Er zijn voor geen van de \(areaNoun.counted(total)) gegevens")
        case 1:
            sentences.append("Alleen voor \(areas[ranked[0]].name) is er een cijfer: \(numberText(of: areas[ranked[0]]))")
        default:
            let shown = min(3, ranked.count / 2)
            sentences.append("Hoogste \(shown == 1 ? "waarde" : "waarden"): \(listed(ranked.prefix(shown)))")
            sentences.append("Laagste \(shown == 1 ? "waarde" : "waarden"): \(listed(ranked.suffix(shown).reversed()))")
        }
        if !ranked.isEmpty {
            let perClass = classes.map { "\($0.spokenLabel): \(areaNoun.counted($0.areaCount))" }
            sentences.append("Aantal \(areaNoun.plural) per klasse: \(perClass.joined(separator: "; "))")
        }
        let missing = areas.indices.filter { classIndices[$0] == nil }
        if !missing.isEmpty && !ranked.isEmpty {
            let names = missing.count <= 5 ? ": " + missing.map { areas[$0].name }.joined(separator: "; ") : ""
            sentences.append("Geen gegevens voor \(areaNoun.counted(missing.count))\(names)")
        }
        return sentences.map { $0.hasSuffix(".") ? $0 : $0 + "." }.joined(separator: " ")
    }

    /// The data table: one row per area (in the order given) with its value and class, in a
    /// keyboard-reachable scroll region like the indicator tables.
    public func tableHTML() -> String {
        var html = HTMLWriter(capacity: 256 + areas.count * 160)
        let caption = unit.isEmpty ? title : "\(title) (\(unit))"
        html.element("div", ["class": "table-wrap", "role": "region", "tabindex": "0", "aria-label": "Tabel: \(caption)"]) { html in
            html.element("table", ["class": "map-table", "id": "\(id)-tabel"]) { html in
                html.element("caption", text: caption)
                html.element("thead") { html in
                    html.element("tr") { html in
                        html.element("th", ["scope": "col"], text: areaNoun.singular.prefix(1).uppercased() + areaNoun.singular.dropFirst())
                        html.element("th", ["scope": "col", "class": "align-right"], text: unit.isEmpty ? "Waarde" : "Waarde (\(unit))")
                        html.element("th", ["scope": "col"], text: "Klasse")
                    }
                }
                html.element("tbody") { html in
                    for (area, classIndex) in zip(areas, classIndices) {
                        html.element("tr") { html in
                            html.element("th", ["scope": "row"], text: area.name)
                            html.element("td", ["class": "align-right"], text: numberText(of: area))
                            html.element("td", text: classIndex.map { classes[$0].spokenLabel } ?? "geen klasse")
                        }
                    }
                }
            }
        }
        return html.output
    }

    /// The whole block for a page: the summary, the map in a `<figure>`, and the table.
    public func html() -> String {
        var html = HTMLWriter(capacity: 8192)
        html.element("p", ["class": "summary", "id": "\(id)-samenvatting"], text: summary())
        html.element("figure", ["class": "map-figure"]) { html in
            html.raw(svg())
            html.element("figcaption", text: "Kaart van de cijfers in de tabel hieronder.")
        }
        html.raw(tableHTML())
        return html.output
    }
}
