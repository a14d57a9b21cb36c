import Foundation
import Testing
import ZichtSite
import ZichtStats
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The SVG as an element tree, parsed with a real XML parser so that the tests see what a browser sees.
final class SVGTree: NSObject, XMLParserDelegate {
    final class Node {
        let name: String
        let attributes: [String: String]
        var children: [Node] = []
        var text = ""
        init(name: String, attributes: [String: String]) {
            self.name = name
            self.attributes = attributes
        }
        func all(_ name: String) -> [Node] { (self.name == name ? [self] : []) + children.flatMap { $0.all(name) } }
        func child(_ name: String) -> Node? { children.first { $0.name == name } }
    }

    private var stack: [Node] = [Node(name: "#document", attributes: [:])]
    private(set) var error: (any Error)?

    static func parse(_ markup: String) throws -> Node {
        let tree = SVGTree()
        let parser = XMLParser(data: Data(markup.utf8))
        parser.delegate = tree
        guard parser.parse() else { throw parser.parserError ?? CocoaError(.coderReadCorrupt) }
        return try #require(tree.stack.first?.children.first)
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        let node = Node(name: name, attributes: attributes)
        stack.last!.children.append(node)
        stack.append(node)
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        stack.removeLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        stack.last!.text += string
    }
}

struct ChoroplethMapTests {
    static func square(_ x: Int, _ y: Int) -> String { "M\(x) \(y)h10v10h-10z" }

    /// Four buurten with values, one without, in a 40 × 20 frame; classes 4,0–5,9 | 6,0–7,9 | 8,0–9,9.
    static func sample(areas extra: [ChoroplethMap.Area] = []) throws -> ChoroplethMap {
        let areas = [
            ChoroplethMap.Area(code: "BU01", name: "Binnenstad", path: square(0, 0), value: 4.0),
            ChoroplethMap.Area(code: "BU02", name: "Assendorp", path: square(10, 0), value: 6.5),
            ChoroplethMap.Area(code: "BU03", name: "Berkum", path: square(20, 0), value: 9.9),
            ChoroplethMap.Area(code: "BU04", name: "Dieze", path: square(30, 0), value: 5.94),
            ChoroplethMap.Area(code: "BU05", name: "Holtenbroek", path: square(0, 10), value: nil),
        ] + extra
        return ChoroplethMap(id: "kaart", title: "Misdrijven, 2023", unit: "per 1.000 inwoners", areas: areas,
                             breaks: try ClassBreaks(minimum: 4, upperBounds: [5.9, 7.9, 9.9]), classLabelDecimals: 1,
                             frame: .init(width: 40, height: 20), areaNoun: .buurt)
    }

    @Test func svgHasOnePathWithTitlePerArea() throws {
        let map = try Self.sample()
        let svg = try SVGTree.parse(map.svg())
        #expect(svg.name == "svg")
        #expect(svg.attributes["role"] == "img")
        #expect(svg.attributes["aria-labelledby"] == "kaart-title kaart-desc")
        #expect(svg.attributes["viewBox"]?.hasPrefix("0 0 40 ") == true)
        #expect(svg.child("title")?.attributes["id"] == "kaart-title")
        #expect(svg.child("title")?.text == "Kaart: Misdrijven, 2023")
        #expect(svg.child("desc")?.attributes["id"] == "kaart-desc")
        #expect(svg.child("desc")?.text == map.summary())

        let paths = svg.all("path")
        #expect(paths.count == 5)
        #expect(paths.map { $0.attributes["data-code"] } == ["BU01", "BU02", "BU03", "BU04", "BU05"])
        #expect(paths.map { $0.child("title")?.text } == [
            "Binnenstad: 4,0 per 1.000 inwoners", "Assendorp: 6,5 per 1.000 inwoners", "Berkum: 9,9 per 1.000 inwoners",
            "Dieze: 5,9 per 1.000 inwoners", "Holtenbroek: geen gegevens",
        ])
        let colors = SequentialPalette.blues(classes: 3)
        #expect(paths.map { $0.attributes["fill"] } == [colors[0], colors[1], colors[2], colors[0], "url(#kaart-geen-gegevens)"])
        // Thin white borders that stay 1 px wide at any size.
        let areas = try #require(svg.all("g").first { $0.attributes["class"] == "map-areas" })
        #expect(areas.attributes["stroke"] == "#ffffff" && areas.attributes["stroke-width"] == "1")
        #expect(paths.allSatisfy { $0.attributes["vector-effect"] == "non-scaling-stroke" })
    }

    @Test func legendListsClassesWithUnitAndNoData() throws {
        let svg = try SVGTree.parse(try Self.sample().svg())
        let legend = try #require(svg.all("g").first { $0.attributes["class"] == "map-legend" })
        #expect(legend.all("text").map(\.text) == ["Per 1.000 inwoners", "4,0 – 5,9", "6,0 – 7,9", "8,0 – 9,9", "geen gegevens"])
        let swatches = legend.all("rect").map { $0.attributes["fill"] }
        #expect(swatches == SequentialPalette.blues(classes: 3) + ["url(#kaart-geen-gegevens)"])
        #expect(svg.all("pattern").map { $0.attributes["id"] } == ["kaart-geen-gegevens"])
        // Legend below the map: every legend element starts under the 20-unit-high map frame.
        #expect(legend.all("rect").allSatisfy { Double($0.attributes["y"]!)! > 20 })
    }

    @Test func withoutMissingValuesThereIsNoHatchOrNoDataEntry() throws {
        let map = ChoroplethMap(id: "k", title: "T", unit: "", areas: [
            .init(code: "a", name: "A", path: "M0 0h1v1z", value: 1),
            .init(code: "b", name: "B", path: "M1 0h1v1z", value: 2),
        ], breaks: try ClassBreaks(minimum: 1, upperBounds: [1, 2]), classLabelDecimals: 0, frame: .init(width: 400, height: 300))
        let svg = map.svg()
        #expect(!svg.contains("geen gegevens") && !svg.contains("<pattern"))
        // Single-value classes are labelled with the one value; an empty unit gives "Legenda".
        let legend = try #require(try SVGTree.parse(svg).all("g").last)
        #expect(legend.all("text").map(\.text) == ["Legenda", "1", "2"])
    }

    /// The legend text is 1/22 of the map width: at least 12 px when the map is 273 px wide (a 320 px
    /// screen less 2 × 16 px page margin and a 15 px scrollbar).
    @Test func legendTextIsLegibleAt320Pixels() throws {
        for width in [40.0, 400, 1000] {
            let map = ChoroplethMap(id: "k", title: "T", unit: "per 1.000 inwoners", areas: [.init(code: "a", name: "A", path: "", value: 1)],
                                    breaks: try ClassBreaks(minimum: 1, upperBounds: [1]), frame: .init(width: width, height: width))
            let legend = try #require(try SVGTree.parse(map.svg()).all("g").last)
            let fontSize = try #require(legend.attributes["font-size"].flatMap(Double.init))
            #expect(fontSize * 273 / width >= 12)
        }
    }

    @Test func longUnitsWrapInsideTheMapWidth() throws {
        let unit = "rapportcijfer van 1 (zeer onveilig) tot en met 10 (zeer veilig), gemiddelde van alle bewoners"
        let map = ChoroplethMap(id: "k", title: "T", unit: unit, areas: [.init(code: "a", name: "A", path: "", value: 1)],
                                breaks: try ClassBreaks(minimum: 1, upperBounds: [1]), frame: .init(width: 400, height: 400))
        let texts = try #require(try SVGTree.parse(map.svg()).all("g").last).all("text").filter { $0.attributes["font-weight"] == "bold" }
        #expect(texts.count > 1)
        #expect(texts.map(\.text).joined(separator: " ") == "R" + unit.dropFirst())
        #expect(texts.allSatisfy { Double($0.text.count) * 400 / 22 * 0.6 <= 400 })
    }

    @Test func hostileNamesAreEscaped() throws {
        let hostile = ChoroplethMap.Area(code: "x\" onmouseover=\"alert(1)", name: "<script>alert('x')</script> & \"buurt\"",
                                         path: "M0 0\"/><script>alert(2)</script>", value: 5, displayText: "<b>5</b>")
        let map = ChoroplethMap(id: "k\" onload=\"x", title: "<Titel> & co", unit: "per \"1.000\"", areas: [hostile],
                                breaks: try ClassBreaks(minimum: 5, upperBounds: [5]), frame: .init(width: 10, height: 10))
        for output in [map.svg(), map.tableHTML(), map.html()] {
            #expect(!output.contains("<script"))
            #expect(!output.contains("<b>"))
            #expect(!output.contains("\" onmouseover"))
            #expect(!output.contains("onload=\""))
        }
        let svg = try SVGTree.parse(map.svg())
        // The parser gives back exactly the text that went in.
        let path = try #require(svg.all("path").first)
        #expect(path.attributes["data-code"] == hostile.code)
        #expect(path.child("title")?.text == "<script>alert('x')</script> & \"buurt\": <b>5</b>")
        #expect(svg.child("title")?.text == "Kaart: <Titel> & co")
        #expect(svg.attributes["aria-labelledby"] == "k--onload--x-title k--onload--x-desc")
        #expect(map.tableHTML().contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;buurt&quot;"))
    }

    @Test func summaryNamesHighestLowestClassesAndMissing() throws {
        #expect(try Self.sample().summary() == """
            Misdrijven, 2023 (per 1.000 inwoners). \
            Hoogste waarden: Berkum 9,9; Assendorp 6,5. \
            Laagste waarden: Binnenstad 4,0; Dieze 5,9. \
            Aantal buurten per klasse: 4,0 tot en met 5,9: 2 buurten; 6,0 tot en met 7,9: 1 buurt; \
            8,0 tot en met 9,9: 1 buurt. Geen gegevens voor 1 buurt: Holtenbroek.
            """)
    }

    @Test func summaryOfOneOrNoFigures() throws {
        let breaks = try ClassBreaks(minimum: 1, upperBounds: [1])
        let one = ChoroplethMap(id: "k", title: "T", unit: "", areas: [.init(code: "a", name: "A", path: "", value: 1),
                                                                       .init(code: "b", name: "B", path: "", value: nil)],
                                breaks: breaks, classLabelDecimals: 0, frame: .init(width: 1, height: 1), areaNoun: .wijk)
        #expect(one.summary() == "T. Alleen voor A is er een cijfer: 1. Aantal wijken per klasse: 1: 1 wijk. Geen gegevens voor 1 wijk: B.")
        let none = ChoroplethMap(id: "k", title: "T", unit: "", areas: [.init(code: "b", name: "B", path: "", value: nil)],
                                 breaks: breaks, frame: .init(width: 1, height: 1), areaNoun: .wijk)
        #expect(none.summary() == "T. Er zijn voor geen van de 1 wijk gegevens.")
    }

    @Test func tableListsEveryAreaWithValueAndClass() throws {
        let table = try SVGTree.parse(try Self.sample().tableHTML())
        #expect(table.name == "div" && table.attributes["role"] == "region" && table.attributes["tabindex"] == "0")
        #expect(table.all("caption").first?.text == "Misdrijven, 2023 (per 1.000 inwoners)")
        #expect(table.all("th").prefix(3).map(\.text) == ["Buurt", "Waarde (per 1.000 inwoners)", "Klasse"])
        let rows = table.all("tbody").first!.all("tr").map { row in row.children.map(\.text) }
        #expect(rows == [
            ["Binnenstad", "4,0", "4,0 tot en met 5,9"],
            ["Assendorp", "6,5", "6,0 tot en met 7,9"],
            ["Berkum", "9,9", "8,0 tot en met 9,9"],
            ["Dieze", "5,9", "4,0 tot en met 5,9"],
            ["Holtenbroek", "geen gegevens", "geen klasse"],
        ])
        #expect(table.all("tbody").first!.all("th").allSatisfy { $0.attributes["scope"] == "row" })
    }

    /// 5,94 is shown as "5,9", so it belongs to "4,0 – 5,9" even though the bound 5,92 is below it.
    @Test func classesFollowTheShownValues() throws {
        let map = ChoroplethMap(id: "k", title: "T", unit: "", areas: [
            .init(code: "a", name: "A", path: "", value: 5.94),
            .init(code: "b", name: "B", path: "", value: 5.96),
            .init(code: "c", name: "C", path: "", value: 12.3),  // above the last bound: last class, label widens
            .init(code: "d", name: "D", path: "", value: 3.04),  // below the minimum: first class
        ], breaks: try ClassBreaks(minimum: 4, upperBounds: [5.92, 5.93, 7.9]), classLabelDecimals: 1,
                                frame: .init(width: 1, height: 1))
        // 5,92 and 5,93 both round to 5,9: their classes merge.
        #expect(map.classes.map(\.label) == ["3,0 – 5,9", "6,0 – 12,3"])
        #expect(map.classIndices == [0, 1, 1, 0])
        #expect(map.classes.map(\.areaCount) == [2, 2])
    }

    @Test func suppressedCountsShowTheirDisplayText() throws {
        let map = ChoroplethMap(id: "k", title: "Woninginbraken, 2023", unit: "", areas: [
            .init(code: "a", name: "A", path: "", value: 3, displayText: "< 5"),
            .init(code: "b", name: "B", path: "", value: 40),
            .init(code: "c", name: "C", path: "", value: nil, displayText: "< 5"),
        ], breaks: try ClassBreaks(minimum: 3, upperBounds: [10, 40]), classLabelDecimals: 0, frame: .init(width: 1, height: 1))
        let titles = try SVGTree.parse(map.svg()).all("path").map { $0.child("title")?.text }
        #expect(titles == ["A: < 5", "B: 40", "C: < 5"])
        #expect(!map.summary().contains("A 3") && map.summary().contains("A < 5"))
        #expect(!map.tableHTML().contains(">3<"))
    }

    @Test func htmlBlockHoldsSummaryFigureAndTable() throws {
        let html = try Self.sample().html()
        #expect(html.hasPrefix("<p class=\"summary\" id=\"kaart-samenvatting\">Misdrijven, 2023"))
        #expect(html.contains("<figure class=\"map-figure\"><svg "))
        #expect(html.contains("<figcaption>Kaart van de cijfers in de tabel hieronder.</figcaption></figure><div class=\"table-wrap\""))
    }

    /// Lightness alone orders the classes (grey print, colour-vision deficiencies), adjacent classes
    /// differ, and the white border shows on the darkest blue.
    @Test(arguments: 1...SequentialPalette.maximumClassCount)
    func paletteStepsAreDistinguishable(classes: Int) throws {
        let colors = SequentialPalette.blues(classes: classes)
        #expect(colors.count == classes)
        let luminances = try colors.map { try #require(Contrast.luminance($0)) }
        for (lighter, darker) in zip(colors, colors.dropFirst()) {
            #expect(try #require(Contrast.ratio(lighter, darker)) >= 1.3, "\(lighter) vs \(darker)")
        }
        #expect(zip(luminances, luminances.dropFirst()).allSatisfy { $0 > $1 })
        #expect(try #require(Contrast.ratio(colors.last!, SequentialPalette.border)) >= (classes == 1 ? 3 : 7))
        #expect(try #require(Contrast.ratio(colors.first!, "#ffffff")) >= 1.25)
        #expect(try #require(Contrast.ratio(SequentialPalette.swatchOutline, "#ffffff")) >= 3)
    }
}
