/// A line chart as an inline SVG element: one or more series over the same labelled x axis
/// (days of a month, hours of a day), with a y axis from 0 to a nice maximum and a legend.
public struct LineChart: Sendable {
    /// One line.
    public struct Series: Sendable, Equatable {
        /// Its name in the legend.
        public var name: String
        /// One value per x label.
        public var values: [Double]
        /// Its stroke colour.
        public var colour: String

        /// A series.
        public init(name: String, values: [Double], colour: String = "#2f6fb0") {
            self.name = name
            self.values = values
            self.colour = colour
        }
    }

    /// The chart's title.
    public var title: String
    /// The x labels; every `labelEvery`-th one is written.
    public var labels: [String]
    /// The lines.
    public var series: [Series]
    /// Write every n-th x label.
    public var labelEvery: Int
    /// Size in px.
    public var width: Int, height: Int

    /// A chart.
    public init(title: String, labels: [String], series: [Series], labelEvery: Int = 1, width: Int = 640, height: Int = 240) {
        self.title = title
        self.labels = labels
        self.series = series
        self.labelEvery = max(1, labelEvery)
        self.width = width
        self.height = height
    }

    static let left = 44.0, right = 12.0, top = 48.0, bottom = 28.0

    /// The x of point `index` of `count`.
    func x(_ index: Int, _ count: Int) -> Double {
        let plot = Double(self.width) - Self.left - Self.right
        return count <= 1 ? Self.left + plot / 2 : Self.left + plot * Double(index) / Double(count - 1)
    }

    /// The SVG element.
    public func svg() -> String {
        let plotHeight = Double(self.height) - Self.top - Self.bottom
        let maximum = SVG.niceMaximum(self.series.flatMap(\.values).max() ?? 0)
        func y(_ value: Double) -> Double { Self.top + plotHeight - max(0, value) / maximum * plotHeight }
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" class="chart line-chart" width="\(self.width)" height="\(self.height)" \
            viewBox="0 0 \(self.width) \(self.height)" role="img" aria-label="\(SVG.escape(self.title))">\
            <title>\(SVG.escape(self.title))</title>\
            <text x="0" y="18" font-size="15" font-weight="bold">\(SVG.escape(self.title))</text>
            """
        // Axes with 0, half and the maximum marked.
        for fraction in [0.0, 0.5, 1.0] {
            let value = maximum * fraction
            out += "<line x1=\"\(SVG.number(Self.left))\" x2=\"\(SVG.number(Double(self.width) - Self.right))\" y1=\"\(SVG.number(y(value)))\" "
                + "y2=\"\(SVG.number(y(value)))\" stroke=\"#ddd\"/>"
            out += "<text x=\"\(SVG.number(Self.left - 4))\" y=\"\(SVG.number(y(value) + 4))\" font-size=\"11\" text-anchor=\"end\">\(SVG.label(value))</text>"
        }
        for (index, label) in self.labels.enumerated() where index % self.labelEvery == 0 {
            out += "<text x=\"\(SVG.number(self.x(index, self.labels.count)))\" y=\"\(SVG.number(Double(self.height) - 8))\" "
                + "font-size=\"11\" text-anchor=\"middle\">\(SVG.escape(label))</text>"
        }
        for (number, series) in self.series.enumerated() {
            let points = series.values.enumerated().map { "\(SVG.number(self.x($0.offset, series.values.count))),\(SVG.number(y($0.element)))" }
            if !points.isEmpty {
                out += "<polyline fill=\"none\" stroke=\"\(SVG.escape(series.colour))\" stroke-width=\"2\" points=\"\(points.joined(separator: " "))\"/>"
            }
            let legendX = Self.left + Double(number) * 120
            out += "<rect x=\"\(SVG.number(legendX))\" y=\"28\" width=\"12\" height=\"4\" fill=\"\(SVG.escape(series.colour))\"/>"
            out += "<text x=\"\(SVG.number(legendX + 16))\" y=\"34\" font-size=\"12\">\(SVG.escape(series.name))</text>"
        }
        return out + "</svg>"
    }
}
