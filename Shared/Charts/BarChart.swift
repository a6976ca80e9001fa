/// A horizontal bar chart as an inline SVG element: one bar per label, the value written at its
/// end. Horizontal, so long Chinese labels (street and category names) stay readable.
///
/// ```swift
/// BarChart(title: "受理量前五的诉求", bars: [.init(label: "路灯不亮", value: 42)]).svg()
/// ```
public struct BarChart: Sendable {
    /// One bar.
    public struct Bar: Sendable, Equatable {
        /// Its label, left of the bar.
        public var label: String
        /// Its value (negative values draw as 0).
        public var value: Double

        /// A bar.
        public init(label: String, value: Double) {
            self.label = label
            self.value = value
        }
    }

    /// The chart's title, drawn above the bars and used as the accessible name.
    public var title: String
    /// The bars, top to bottom.
    public var bars: [Bar]
    /// The axis maximum; default: a nice bound above the largest value.
    public var maximum: Double?
    /// Appended to each value label (`%`, `件`).
    public var unit: String
    /// Width in px.
    public var width: Int

    /// A chart.
    public init(title: String, bars: [Bar], maximum: Double? = nil, unit: String = "", width: Int = 640) {
        self.title = title
        self.bars = bars
        self.maximum = maximum
        self.unit = unit
        self.width = width
    }

    /// Height of one bar row, and the space for the title and the labels.
    static let row = 24.0, top = 32.0, labelWidth = 150.0, valueWidth = 70.0

    /// The SVG element.
    public func svg() -> String {
        let height = Self.top + Double(max(self.bars.count, 1)) * Self.row + 8
        let plot = Double(self.width) - Self.labelWidth - Self.valueWidth
        let maximum = self.maximum ?? SVG.niceMaximum(self.bars.map(\.value).max() ?? 0)
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" class="chart bar-chart" width="\(self.width)" height="\(SVG.number(height))" \
            viewBox="0 0 \(self.width) \(SVG.number(height))" role="img" aria-label="\(SVG.escape(self.title))">\
            <title>\(SVG.escape(self.title))</title>\
            <text x="0" y="18" font-size="15" font-weight="bold">\(SVG.escape(self.title))</text>
            """
        if self.bars.isEmpty {
            out += "<text x=\"0\" y=\"\(SVG.number(Self.top + 16))\" font-size=\"13\" fill=\"#666\">无数据</text>"
        }
        for (index, bar) in self.bars.enumerated() {
            let y = Self.top + Double(index) * Self.row
            let length = maximum > 0 ? max(0, min(bar.value, maximum)) / maximum * plot : 0
            out += "<text x=\"\(SVG.number(Self.labelWidth - 6))\" y=\"\(SVG.number(y + 16))\" font-size=\"13\" text-anchor=\"end\">"
                + SVG.escape(bar.label) + "</text>"
            out += "<rect x=\"\(SVG.number(Self.labelWidth))\" y=\"\(SVG.number(y + 4))\" width=\"\(SVG.number(length))\" height=\"16\" fill=\"#2f6fb0\"/>"
            out += "<text x=\"\(SVG.number(Self.labelWidth + length + 4))\" y=\"\(SVG.number(y + 16))\" font-size=\"12\">"
                + SVG.escape(SVG.label(bar.value) + self.unit) + "</text>"
        }
        return out + "</svg>"
    }
}
