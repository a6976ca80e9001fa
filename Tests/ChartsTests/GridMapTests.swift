import Charts
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// The hot-grid map: well-formed SVG without script, true shapes, classes by value, labels on
/// the hottest.
@Suite struct GridMapTests {
    /// Two unit squares side by side at the equator and one far square with a hole.
    static func regions(_ values: [Double]) -> [GridMap.Region] {
        func square(_ lon: Double, _ lat: Double, _ size: Double = 1) -> [(lon: Double, lat: Double)] {
            [(lon, lat), (lon + size, lat), (lon + size, lat + size), (lon, lat + size), (lon, lat)]
        }
        return [
            .init(label: "一网格", rings: [square(0, 0)], value: values[0]),
            .init(label: "二网格", rings: [square(1, 0)], value: values[1]),
            .init(label: "三<网格>", rings: [square(3, 0), square(3.25, 0.25, 0.5)], value: values[2]),
        ]
    }

    func parse(_ svg: String) throws -> XMLDocument {
        try XMLDocument(xmlString: svg, options: [])
    }

    @Test func classesAreQuartersOfTheLargest() {
        #expect(GridMap.level(0, maximum: 8) == 0)
        #expect(GridMap.level(1, maximum: 8) == 1)
        #expect(GridMap.level(2, maximum: 8) == 1)
        #expect(GridMap.level(3, maximum: 8) == 2)
        #expect(GridMap.level(6, maximum: 8) == 3)
        #expect(GridMap.level(7, maximum: 8) == 4)
        #expect(GridMap.level(8, maximum: 8) == 4)
        #expect(GridMap.level(5, maximum: 0) == 0)
    }

    @Test func gridsAreFilledByTheirValueAndTheHottestLabelled() throws {
        let svg = GridMap(title: "热点网格", regions: Self.regions([8, 0, 3]), unit: "件", labelled: 1, width: 400, height: 200).svg()
        #expect(!svg.contains("<script"))
        let document = try self.parse(svg)
        let fills = try document.nodes(forXPath: "//*[local-name()='path']/@fill").compactMap(\.stringValue)
        #expect(fills == [GridMap.palette[4], GridMap.palette[0], GridMap.palette[2]])
        let texts = try document.nodes(forXPath: "//*[local-name()='text']").compactMap(\.stringValue)
        #expect(texts.contains("热点网格"))
        #expect(texts.contains("一网格 8件"))
        // Only the hottest one is labelled on the map (the others in their tooltips).
        #expect(!texts.contains("三<网格> 3件"))
        let tooltips = try document.nodes(forXPath: "//*[local-name()='path']/*[local-name()='title']").compactMap(\.stringValue)
        #expect(tooltips == ["一网格 8件", "二网格 0件", "三<网格> 3件"])
        // The hole is a second ring of the same path, drawn even-odd.
        let third = try document.nodes(forXPath: "//*[local-name()='path']/@d").compactMap(\.stringValue)[2]
        #expect(third.filter { $0 == "M" }.count == 2)
    }

    @Test func shapesKeepTheirAspect() throws {
        // 4 degrees wide and 1 high at the equator: fitted into 400 wide, the squares stay square.
        let svg = GridMap(title: "t", regions: Self.regions([1, 1, 1]), width: 412, height: 400).svg()
        let d = try self.parse(svg).nodes(forXPath: "//*[local-name()='path']/@d").compactMap(\.stringValue)[0]
        let numbers = d.split(whereSeparator: { "MLZ ".contains($0) }).compactMap { Double($0) }
        let xs = stride(from: 0, to: numbers.count, by: 2).map { numbers[$0] }
        let ys = stride(from: 1, to: numbers.count, by: 2).map { numbers[$0] }
        let w = xs.max()! - xs.min()!, h = ys.max()! - ys.min()!
        #expect(abs(w - 100) < 0.2)
        #expect(abs(h - 100) < 0.2)
    }

    @Test func noGridsSaysSo() throws {
        let svg = GridMap(title: "空", regions: []).svg()
        let texts = try self.parse(svg).nodes(forXPath: "//*[local-name()='text']").compactMap(\.stringValue)
        #expect(texts.contains("无网格数据"))
    }
}
