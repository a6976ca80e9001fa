import Foundation
import Histogram

/// Latency percentiles in milliseconds, from a histogram of microseconds.
struct Percentiles: Codable {
    var count: UInt64
    var p50, p90, p99, max: Double

    init(_ histogram: Histogram<UInt64>) {
        self.count = histogram.totalCount
        func ms(_ us: UInt64) -> Double { (Double(us) / 10).rounded() / 100 }
        self.p50 = histogram.totalCount == 0 ? 0 : ms(histogram.valueAtPercentile(50))
        self.p90 = histogram.totalCount == 0 ? 0 : ms(histogram.valueAtPercentile(90))
        self.p99 = histogram.totalCount == 0 ? 0 : ms(histogram.valueAtPercentile(99))
        self.max = histogram.totalCount == 0 ? 0 : ms(histogram.max)
    }
}

/// An SVG of the latency distributions: latency (log scale) against percentile.
enum LatencyPlot {
    static func svg(_ series: [(String, Histogram<UInt64>)], title: String) -> String {
        let width = 900.0, height = 480.0, left = 70.0, bottom = 50.0, top = 40.0, right = 200.0
        let percentiles = [0.0, 25, 50, 75, 90, 95, 99, 99.5, 99.9, 99.99, 100]
        let colors = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"]
        // x: percentile on a "nines" scale; y: log10(ms).
        func x(_ p: Double) -> Double {
            let nines = -log10(max(1e-4, 1 - p / 100))
            return left + (width - left - right) * nines / 4
        }
        func y(_ ms: Double) -> Double {
            let v = log10(max(0.1, ms))
            return top + (height - top - bottom) * (1 - (v + 1) / 5)  // 0.1 ms .. 10 s
        }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" font-family=\"sans-serif\" font-size=\"12\">"
        out += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/><text x=\"\(left)\" y=\"24\" font-size=\"15\">\(title)</text>"
        for ms in [0.1, 1, 10, 100, 1000, 10000] {
            out += "<line x1=\"\(left)\" x2=\"\(width - right)\" y1=\"\(y(ms))\" y2=\"\(y(ms))\" stroke=\"#ddd\"/>"
            out += "<text x=\"\(left - 8)\" y=\"\(y(ms) + 4)\" text-anchor=\"end\">\(ms < 1 ? String(ms) : String(Int(ms))) ms</text>"
        }
        for p in [0.0, 90, 99, 99.9, 99.99] {
            out += "<line x1=\"\(x(p))\" x2=\"\(x(p))\" y1=\"\(top)\" y2=\"\(height - bottom)\" stroke=\"#ddd\"/>"
            out += "<text x=\"\(x(p))\" y=\"\(height - bottom + 18)\" text-anchor=\"middle\">p\(p == 0 ? "0" : String(p))</text>"
        }
        for (index, (name, histogram)) in series.enumerated() where histogram.totalCount > 0 {
            let points = percentiles.map { p in
                let ms = Double(p == 100 ? histogram.max : histogram.valueAtPercentile(p)) / 1000
                return "\(x(min(p, 99.99))),\(y(ms))"
            }
            let color = colors[index % colors.count]
            out += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" points=\"\(points.joined(separator: " "))\"/>"
            out += "<text x=\"\(width - right + 10)\" y=\"\(top + 20 + Double(index) * 18)\" fill=\"\(color)\">\(name)</text>"
        }
        return out + "</svg>\n"
    }
}
