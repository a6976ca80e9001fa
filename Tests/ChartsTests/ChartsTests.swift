import Charts
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// The charts are well-formed SVG (parsed as XML), escape their text, and scale their marks.
@Suite struct ChartsTests {
    /// Parses `svg` as XML, or fails the test.
    func parse(_ svg: String) throws -> XMLDocument {
        try XMLDocument(xmlString: svg, options: [])
    }

    func numbers(_ svg: String, _ attribute: String, of element: String) throws -> [Double] {
        let nodes = try self.parse(svg).nodes(forXPath: "//*[local-name()='\(element)']/@\(attribute)")
        return nodes.compactMap { $0.stringValue.flatMap(Double.init) }
    }

    @Test func barLengthsAreProportional() throws {
        let svg = BarChart(title: "诉求前三", bars: [.init(label: "路灯", value: 50), .init(label: "噪音", value: 25), .init(label: "停水", value: 0)]).svg()
        #expect(!svg.contains("<script"))
        let widths = try self.numbers(svg, "width", of: "rect")
        // Axis maximum 50: the plot is 640 - 150 - 70 = 420 px wide.
        #expect(widths == [420, 210, 0])
        let texts = try self.parse(svg).nodes(forXPath: "//*[local-name()='text']").compactMap(\.stringValue)
        #expect(texts.contains("路灯") && texts.contains("50") && texts.contains("诉求前三"))
    }

    @Test func textIsEscaped() throws {
        let svg = BarChart(title: "A&B <c>", bars: [.init(label: "\"x\" & 'y'", value: 1)], unit: "%").svg()
        let document = try self.parse(svg)
        let texts = try document.nodes(forXPath: "//*[local-name()='text']").compactMap(\.stringValue)
        #expect(texts.contains("A&B <c>"))
        #expect(texts.contains("\"x\" & 'y'"))
        #expect(texts.contains("1%"))
    }

    @Test func anEmptyChartSaysSo() throws {
        let svg = BarChart(title: "空", bars: []).svg()
        #expect(svg.contains("无数据"))
        _ = try self.parse(svg)
    }

    @Test func linePointsFollowTheValues() throws {
        let chart = LineChart(title: "每日受理", labels: ["1", "2", "3"], series: [.init(name: "受理", values: [0, 5, 10])], width: 200, height: 176)
        let svg = chart.svg()
        let document = try self.parse(svg)
        let points = try #require(try document.nodes(forXPath: "//*[local-name()='polyline']/@points").first?.stringValue)
        // Plot: x from 44 to 188, y from 148 (0) up to 48 (10).
        #expect(points == "44,148 116,98 188,48")
        #expect(try document.nodes(forXPath: "//*[local-name()='text']").compactMap(\.stringValue).contains("受理"))
    }

    @Test func niceMaximums() {
        #expect(SVG.niceMaximum(0) == 1)
        #expect(SVG.niceMaximum(7) == 10)
        #expect(SVG.niceMaximum(42) == 50)
        #expect(SVG.niceMaximum(101) == 200)
        #expect(SVG.niceMaximum(0.83) == 1)
        #expect(SVG.number(.nan) == "0")
        #expect(SVG.number(12.25) == "12.3" || SVG.number(12.25) == "12.2")
    }
}
