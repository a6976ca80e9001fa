import Charts
import Foundation
import HotlineCrypto
import HotlineDomain

/// The report as one printable HTML page: figures, tables and inline SVG charts; no script, no
/// external resource (it prints, saves and opens anywhere).
enum ReportHTML {
    /// The page's one stylesheet, inline so the report stays one self-contained file. The
    /// console opens a report from a blob, which inherits the console's Content-Security-Policy:
    /// that policy allows exactly this stylesheet by its hash (``styleHash``).
    static let stylesheet = """
        body { font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif; margin: 24px; color: #222; }
        h1 { font-size: 22px; } h2 { font-size: 17px; margin-top: 24px; }
        table { border-collapse: collapse; margin: 8px 0; font-size: 13px; }
        th, td { border: 1px solid #bbb; padding: 4px 8px; text-align: right; } th { background: #f0f3f7; }
        td:nth-child(3), .summary td { text-align: right; } .hash { font-family: monospace; font-size: 11px; text-align: left; }
        .muted { color: #666; font-size: 12px; } section { margin: 16px 0; page-break-inside: avoid; }
        .pair { display: flex; flex-wrap: wrap; gap: 16px; }
        @media print { body { margin: 0; } @page { size: A4; margin: 12mm; } }
        """

    /// `'sha256-…'` of ``stylesheet``, for a `style-src` directive.
    static let styleHash = "'sha256-" + Data(SHA256Digest.hash(Array(Self.stylesheet.utf8))).base64EncodedString() + "'"

    /// The Chinese name of a responsibility level.
    static func levelName(_ level: String) -> String {
        ["community": "社区", "street": "街道", "district": "区"][level] ?? level
    }

    /// A rate as a percentage with one decimal, `—` without one.
    static func percent(_ value: Double?) -> String {
        value.map { String(format: "%.1f%%", $0 * 100) } ?? "—"
    }

    /// The whole page; times in `zone`.
    static func render(_ f: ReportFigures, zone: TimeZone) -> String {
        let e = SVG.escape
        let title = "12345热线\(f.kind == "daily" ? "日报" : "月报")（\(f.period)）"
        let t = f.totals
        var body = "<h1>\(e(title))</h1>"
        let formatter = DateFormatter()
        formatter.timeZone = zone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        body += "<p class=\"muted\">统计口径：\(e(formatter.string(from: f.from))) 至 \(e(formatter.string(from: f.to))) 受理的工单；生成于 \(e(formatter.string(from: Date())))。"
            + "响应率 = 按时响应 / 派单，解决率 = 办结 / 派单，满意率 = 满意（含基本满意）/ 评价，经回访复核的以复核结果计；时限按批准的延期和挂起顺延。</p>"
        body += "<table class=\"summary\"><tr><th>受理</th><th>派单</th><th>办结</th><th>按时办结</th><th>评价</th><th>回访复核（改判）</th><th>响应率</th><th>解决率</th><th>满意率</th></tr><tr>"
            + [String(t.received), String(t.dispatched), String(t.resolved), String(t.resolvedOnTime), String(t.rated), "\(t.verified)（\(t.overturned)）", self.percent(t.responseRate), self.percent(t.resolutionRate), self.percent(t.satisfactionRate)]
                .map { "<td>\(e($0))</td>" }.joined() + "</tr></table>"
        body += "<section>" + LineChart(
            title: f.kind == "daily" ? "分时受理与办结" : "每日受理与办结", labels: f.volume.map(\.label),
            series: [
                .init(name: "受理", values: f.volume.map { Double($0.received) }),
                .init(name: "办结", values: f.volume.map { Double($0.resolved) }, colour: "#3a9a5b"),
            ],
            labelEvery: f.kind == "daily" ? 2 : 3, width: 700
        ).svg() + "</section>"
        body += "<section>" + BarChart(
            title: "各街道满意率", bars: f.streets.map { .init(label: $0.name ?? $0.code, value: ($0.satisfactionRate ?? 0) * 100) },
            maximum: 100, unit: "%", width: 700
        ).svg() + "</section>"
        for (heading, rows) in [("街道考核排名", f.streets), ("部门考核排名", f.departments)] {
            body += "<h2>\(e(heading))</h2><table><tr><th>排名</th><th>上期</th><th>名称</th><th>受理</th><th>响应率</th><th>解决率</th><th>满意率</th><th>得分</th><th>退单</th></tr>"
            for row in rows {
                let trend: String
                switch (row.rank, row.previousRank) {
                case let (now?, before?) where now < before: trend = "↑"
                case let (now?, before?) where now > before: trend = "↓"
                case (.some, .some): trend = "＝"
                default: trend = ""
                }
                body += "<tr>" + [
                    row.rank.map(String.init) ?? "—", (row.previousRank.map(String.init) ?? "—") + trend, row.name ?? row.code, String(row.received),
                    self.percent(row.responseRate), self.percent(row.resolutionRate), self.percent(row.satisfactionRate),
                    row.score.map { String(format: "%.2f", $0) } ?? "—", String(row.returns),
                ].map { "<td>\(e($0))</td>" }.joined() + "</tr>"
            }
            if rows.isEmpty { body += "<tr><td colspan=\"9\">无数据</td></tr>" }
            body += "</table>"
        }
        body += "<section>" + GridMap(title: "热点网格分布（受理量）", regions: f.gridMap, unit: "件", width: 940, height: 520).svg() + "</section>"
        body += "<section class=\"pair\">" + BarChart(title: "诉求类别前十", bars: f.categories.map { .init(label: $0.name, value: Double($0.count)) }, unit: "件", width: 460).svg()
        body += BarChart(title: "热点网格前十", bars: f.grids.map { .init(label: $0.name, value: Double($0.count)) }, unit: "件", width: 460).svg() + "</section>"
        body += "<section class=\"pair\">" + BarChart(title: "逾期未办结（按层级）", bars: f.overdue.map { .init(label: self.levelName($0.level), value: Double($0.count)) }, unit: "件", width: 460).svg()
        body += BarChart(title: "不满意原因", bars: f.reasons.map { .init(label: $0.category.chineseName, value: Double($0.count)) }, unit: "件", width: 460).svg() + "</section>"
        body += "<h2>历史记录防篡改日根</h2>"
        if f.roots.isEmpty {
            body += "<p class=\"muted\">本期尚无已封存的日根（每日结束后由调度服务封存，可用 dispatcher verify 校验）。</p>"
        } else {
            body += "<table><tr><th>日期</th><th>事件数</th><th>根哈希（SHA-256）</th></tr>"
                + f.roots.map { "<tr><td>\(e($0.day))</td><td>\($0.events)</td><td class=\"hash\">\(e($0.root))</td></tr>" }.joined() + "</table>"
        }
        return """
            <!DOCTYPE html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>\(e(title))</title>
            <style>\(Self.stylesheet)</style></head><body>
            \(body)
            </body></html>
            """
    }
}
