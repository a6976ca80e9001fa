import Foundation

/// A choropleth map of grids as an inline SVG element: each grid's polygons filled by its
/// value (hot grids dark), the hottest labelled with their name and value, and a legend. The
/// coordinates are longitude/latitude, drawn in an equirectangular projection corrected by the
/// cosine of the middle latitude (true shapes at a city's scale).
///
/// ```swift
/// GridMap(title: "热点网格", regions: [
///     .init(label: "一网格", rings: [[(116.30, 39.90), (116.31, 39.90), (116.31, 39.91), (116.30, 39.90)]], value: 12),
/// ]).svg()
/// ```
public struct GridMap: Sendable {
    /// One grid: its polygons' rings (outer rings and holes alike, drawn even-odd) and value.
    public struct Region: Sendable {
        /// Its name, shown when it is among the hottest.
        public var label: String
        /// Closed rings of (longitude, latitude).
        public var rings: [[(lon: Double, lat: Double)]]
        /// Its count (negative counts as 0).
        public var value: Double

        /// A region.
        public init(label: String, rings: [[(lon: Double, lat: Double)]], value: Double) {
            self.label = label
            self.rings = rings
            self.value = value
        }
    }

    /// The map's title and accessible name.
    public var title: String
    /// The grids.
    public var regions: [Region]
    /// Appended to values in labels and the legend (`件`).
    public var unit: String
    /// How many of the hottest regions are labelled.
    public var labelled: Int
    /// Width in px of the whole element.
    public var width: Int
    /// Height in px of the whole element (title and legend included).
    public var height: Int

    /// A map.
    public init(title: String, regions: [Region], unit: String = "", labelled: Int = 5, width: Int = 700, height: Int = 420) {
        self.title = title
        self.regions = regions
        self.unit = unit
        self.labelled = labelled
        self.width = width
        self.height = height
    }

    /// The fill of each of the five classes, from cold (nothing) to hot.
    public static let palette = ["#eef2f6", "#fde0c5", "#f9a66c", "#e8603c", "#b2182b"]
    static let top = 30.0, legendHeight = 26.0, margin = 6.0

    /// The class (0...4) of a value against the largest: 0 only for nothing, then quarters of
    /// the largest ((0, ¼] is 1, (¾, 1] is 4).
    public static func level(_ value: Double, maximum: Double) -> Int {
        guard value > 0, maximum > 0 else { return 0 }
        return min(4, max(1, Int((value / maximum * 4).rounded(.up))))
    }

    /// The SVG element.
    public func svg() -> String {
        let width = Double(self.width), height = Double(self.height)
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" class="chart grid-map" width="\(self.width)" height="\(self.height)" \
            viewBox="0 0 \(self.width) \(self.height)" role="img" aria-label="\(SVG.escape(self.title))">\
            <title>\(SVG.escape(self.title))</title>\
            <text x="0" y="18" font-size="15" font-weight="bold">\(SVG.escape(self.title))</text>
            """
        let points = self.regions.flatMap { $0.rings.flatMap { $0 } }
        guard let minLon = points.map(\.lon).min(), let maxLon = points.map(\.lon).max(),
            let minLat = points.map(\.lat).min(), let maxLat = points.map(\.lat).max()
        else {
            return out + "<text x=\"0\" y=\"\(SVG.number(Self.top + 16))\" font-size=\"13\" fill=\"#666\">无网格数据</text></svg>"
        }
        // Equirectangular, x shrunk by cos(latitude), fitted into the plot with its aspect kept.
        let squeeze = cos((minLat + maxLat) / 2 * .pi / 180)
        let spanX = max((maxLon - minLon) * squeeze, 1e-9), spanY = max(maxLat - minLat, 1e-9)
        let plotWidth = width - 2 * Self.margin, plotHeight = height - Self.top - Self.legendHeight - 2 * Self.margin
        let scale = min(plotWidth / spanX, plotHeight / spanY)
        let offsetX = Self.margin + (plotWidth - spanX * scale) / 2
        let offsetY = Self.top + Self.margin + (plotHeight - spanY * scale) / 2
        func x(_ lon: Double) -> Double { offsetX + (lon - minLon) * squeeze * scale }
        func y(_ lat: Double) -> Double { offsetY + (maxLat - lat) * scale }
        let maximum = self.regions.map(\.value).max() ?? 0
        for region in self.regions {
            let path = region.rings.filter { $0.count >= 3 }.map { ring in
                "M" + ring.map { "\(SVG.number(x($0.lon))) \(SVG.number(y($0.lat)))" }.joined(separator: "L") + "Z"
            }.joined()
            let fill = Self.palette[Self.level(region.value, maximum: maximum)]
            out += "<path d=\"\(path)\" fill=\"\(fill)\" fill-rule=\"evenodd\" stroke=\"#6b7c93\" stroke-width=\"0.8\">"
                + "<title>\(SVG.escape(region.label + " " + SVG.label(region.value) + self.unit))</title></path>"
        }
        // The hottest, labelled at the mean of their outer ring's vertices.
        let hottest = self.regions.filter { $0.value > 0 }.sorted { $0.value > $1.value }.prefix(self.labelled)
        for region in hottest {
            guard let ring = region.rings.first, !ring.isEmpty else { continue }
            let cx = ring.map { x($0.lon) }.reduce(0, +) / Double(ring.count)
            let cy = ring.map { y($0.lat) }.reduce(0, +) / Double(ring.count)
            out += "<text x=\"\(SVG.number(cx))\" y=\"\(SVG.number(cy))\" font-size=\"11\" text-anchor=\"middle\" "
                + "stroke=\"#ffffff\" stroke-width=\"3\" paint-order=\"stroke\">"
                + SVG.escape(region.label + " " + SVG.label(region.value) + self.unit) + "</text>"
        }
        // Legend: the five classes with their lower bounds.
        let legendY = height - Self.legendHeight + 6
        for (index, colour) in Self.palette.enumerated() {
            let lx = Double(index) * 110
            let text = index == 0 ? "无" : "≥" + SVG.label(((maximum * Double(index - 1) / 4).rounded(.down)) + 1) + self.unit
            out += "<rect x=\"\(SVG.number(lx))\" y=\"\(SVG.number(legendY))\" width=\"14\" height=\"14\" fill=\"\(colour)\" stroke=\"#6b7c93\" stroke-width=\"0.5\"/>"
                + "<text x=\"\(SVG.number(lx + 18))\" y=\"\(SVG.number(legendY + 12))\" font-size=\"11\">\(SVG.escape(text))</text>"
        }
        return out + "</svg>"
    }
}
