import Foundation
import HotlineDomain

/// The report's figures as CSV for Excel: UTF-8 with a BOM (so Excel reads the Chinese), CRLF
/// line ends, one block per table, each with its title row and header row, blank lines between.
enum ReportCSV {
    static func render(_ f: ReportFigures) -> String {
        var lines: [[String]] = []
        func block(_ title: String, _ header: [String], _ rows: [[String]]) {
            if !lines.isEmpty { lines.append([]) }
            lines.append([title])
            lines.append(header)
            lines += rows
        }
        func rate(_ value: Double?) -> String { value.map { String(format: "%.4f", $0) } ?? "" }
        func score(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "" }
        func int(_ value: Int?) -> String { value.map(String.init) ?? "" }
        let t = f.totals
        block(
            "\(f.kind == "daily" ? "日报" : "月报") \(f.period)", ["受理", "派单", "按时响应", "办结", "按时办结", "评价", "满意", "回访复核", "复核改判", "响应率", "解决率", "满意率"],
            [[t.received, t.dispatched, t.respondedOnTime, t.resolved, t.resolvedOnTime, t.rated, t.satisfied, t.verified, t.overturned].map(String.init)
                + [rate(t.responseRate), rate(t.resolutionRate), rate(t.satisfactionRate)]]
        )
        block(f.kind == "daily" ? "分时受理量" : "每日受理量", ["时段", "受理", "办结"], f.volume.map { [$0.label, String($0.received), String($0.resolved)] })
        for (title, rows) in [("街道考核排名", f.streets), ("部门考核排名", f.departments)] {
            block(
                title, ["排名", "上期排名", "代码", "名称", "受理", "响应率", "解决率", "满意率", "得分", "退单"],
                rows.map { [int($0.rank), int($0.previousRank), $0.code, $0.name ?? "", String($0.received), rate($0.responseRate), rate($0.resolutionRate), rate($0.satisfactionRate), score($0.score), String($0.returns)] }
            )
        }
        block("诉求类别前十", ["代码", "名称", "件数"], f.categories.map { [$0.code, $0.name, String($0.count)] })
        block("热点网格前十", ["代码", "名称", "件数"], f.grids.map { [$0.code, $0.name, String($0.count)] })
        block("逾期未办结（按层级）", ["层级", "件数"], f.overdue.map { [ReportHTML.levelName($0.level), String($0.count)] })
        block("不满意原因", ["原因", "件数"], f.reasons.map { [$0.category.chineseName, String($0.count)] })
        block("历史记录日根哈希", ["日期", "事件数", "根哈希"], f.roots.map { [$0.day, String($0.events), $0.root] })
        return "\u{FEFF}" + lines.map { $0.map(Self.field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// A field, quoted when it holds a comma, quote or line break; a leading `=`, `+`, `-` or `@`
    /// is prefixed with `'` so Excel never runs it as a formula.
    static func field(_ value: String) -> String {
        var value = value
        if let first = value.first, "=+-@".contains(first), Double(value) == nil { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
