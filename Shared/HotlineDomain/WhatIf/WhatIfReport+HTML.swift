import Charts
import Foundation

extension WhatIfReport {
    /// The report as a printable HTML page in Chinese: the same tables as the console, and when
    /// `grids` are given (both maps' grids) an inline SVG map coloured by each grid's change.
    /// Self-contained: no script, no external resource.
    public func html(grids: [Grid] = []) -> String {
        var page = """
            <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>规则变更推演报告</title>
            <style>body{font-family:"WenQuanYi Micro Hei","Noto Sans CJK SC",sans-serif;margin:2em;color:#222}
            table{border-collapse:collapse;margin:.5em 0 1.5em}td,th{border:1px solid #999;padding:.25em .6em;text-align:left}
            th{background:#eee}td.n{text-align:right}h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.5em}
            .legend span{display:inline-block;width:1em;height:1em;vertical-align:middle;margin:0 .3em 0 1em}
            @media print{body{margin:0}h2{break-after:avoid}table{break-inside:avoid}}</style></head><body>
            <h1>规则变更推演报告（what-if）</h1>

            """
        page += "<p>回放期间 \(SVG.escape(HotlineJSON.format(self.from))) 至 \(SVG.escape(HotlineJSON.format(self.to)))"
        page += "（\(SVG.escape(self.since))），现行规则版本 \(self.currentVersion.map(String.init) ?? "—")。"
        page += "回放工单 <b>\(self.replayed)</b> 件，派发结果改变 <b>\(self.changedTickets)</b> 件；"
        page += "用时 \(String(format: "%.1f", self.seconds)) 秒。推演不改变任何数据。</p>\n"
        page += self.rulesSection()
        page += "<h2>派发变化</h2>\n" + Self.table(
            ["字段", "原", "新", "件数", "工单（部分）"],
            self.changes.map { change in
                [
                    Self.fieldLabels[change.field] ?? change.field, Self.value(change.from, change.fromName, field: change.field), Self.value(change.to, change.toName, field: change.field),
                    String(change.count), change.tickets.prefix(10).joined(separator: " "),
                ]
            }, numeric: [3]
        )
        page += "<h2>期限变化</h2>\n" + Self.table(
            ["期限", "提前", "推后", "不变", "最少变动", "平均变动", "最多变动"],
            [("办结期限", self.deadlines), ("响应期限", self.respondDeadlines)].map { label, d in
                [label, String(d.earlier), String(d.later), String(d.unchanged), Self.hours(d.minHours), Self.hours(d.meanHours), Self.hours(d.maxHours)]
            }, numeric: [1, 2, 3]
        )
        page += Self.table(["办结期限变动", "件数"], self.deadlines.bands.map { [$0.label, String($0.count)] }, numeric: [1])
        page += "<h2>超期与升级</h2>\n" + Self.table(
            ["", "新规则下会发生而实际未发生", "实际发生而新规则下不会发生"],
            [
                ["超期（办结期限后仍未办结）", Self.tickets(self.overdue.became), Self.tickets(self.overdue.ceased)],
                ["升级到街道或区", Self.tickets(self.escalated.became), Self.tickets(self.escalated.ceased)],
            ]
        )
        page += "<h2>三率（按 /v1/stats 口径）</h2>\n" + Self.table(
            ["", "现行期限", "新期限"],
            [("响应率", \Rates.responseRate), ("解决率", \Rates.resolutionRate), ("满意率", \Rates.satisfactionRate), ("按期办结率", \Rates.onTimeResolutionRate)]
                .map { label, key in [label, Self.percent(self.rates["stored"]?[keyPath: key]), Self.percent(self.rates["proposed"]?[keyPath: key])] }
        )
        page += "<p>满意率取居民的实际评价，新规则无法预测评价，故不变。</p>\n"
        page += "<h2>户色变化（\(self.households.count) 户）</h2>\n" + Self.table(
            ["户编号", "网格", "原颜色", "新颜色"], self.households.prefix(200).map { [$0.code, $0.grid, $0.from, $0.to] }
        )
        page += "<h2>网格员工作量变化最大</h2>\n" + Self.table(
            ["网格", "网格名称", "网格员", "原件数", "新件数", "变化"],
            self.workers.map { [$0.grid, $0.gridName, $0.worker, String($0.before), String($0.after), String(format: "%+d", $0.change)] },
            numeric: [3, 4, 5]
        )
        page += Self.map(self.grids, shapes: grids)
        let unexplained = self.unexplained.sorted { $0.value.count > $1.value.count }
        page += "<h2>现行规则无法复现的工单</h2>\n<p>这些工单的实际派发与现行规则的回放不同，差异并非新规则造成。</p>\n" + Self.table(
            ["原因", "件数", "工单（部分）"], unexplained.map { [Self.reasonLabels[$0.key] ?? $0.key, String($0.value.count), $0.value.tickets.prefix(10).joined(separator: " ")] },
            numeric: [1]
        )
        return page + "</body></html>\n"
    }

    private func rulesSection() -> String {
        let r = self.rules
        var rows: [[String]] = []
        if !r.gridsAdded.isEmpty { rows.append(["新增网格", r.gridsAdded.joined(separator: " ")]) }
        if !r.gridsRemoved.isEmpty { rows.append(["删除网格", r.gridsRemoved.joined(separator: " ")]) }
        if !r.gridsChanged.isEmpty { rows.append(["调整网格", r.gridsChanged.joined(separator: " ")]) }
        for change in r.categories {
            rows.append(["类别 \(change.code)（\(change.name)）", "\(change.field)：\(change.from ?? "—") → \(change.to ?? "—")"])
        }
        if !r.holidaysAdded.isEmpty { rows.append(["新增节假日", r.holidaysAdded.joined(separator: " ")]) }
        if !r.holidaysRemoved.isEmpty { rows.append(["取消节假日", r.holidaysRemoved.joined(separator: " ")]) }
        if !r.workdaysAdded.isEmpty { rows.append(["新增调休上班日", r.workdaysAdded.joined(separator: " ")]) }
        if !r.workdaysRemoved.isEmpty { rows.append(["取消调休上班日", r.workdaysRemoved.joined(separator: " ")]) }
        if !r.slaChanged.isEmpty { rows.append(["时限变化", r.slaChanged.joined(separator: " ")]) }
        if r.escalationChanged { rows.append(["升级阈值", "已变化"]) }
        return "<h2>规则差异</h2>\n" + (rows.isEmpty ? "<p>两份规则文件的派发规则相同。</p>\n" : Self.table(["项目", "变化"], rows))
    }

    /// A grid map as inline SVG: red where a grid gains tickets, blue where it loses them.
    private static func map(_ counts: [GridCount], shapes: [Grid]) -> String {
        let polygons = shapes.flatMap { grid in grid.geometry.polygons.map { (grid.code, $0.outer) } }
        let points = polygons.flatMap(\.1)
        guard let minLon = points.map(\.lon).min(), let maxLon = points.map(\.lon).max(),
            let minLat = points.map(\.lat).min(), let maxLat = points.map(\.lat).max(), maxLon > minLon, maxLat > minLat
        else { return "" }
        let byCode = Dictionary(counts.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let most = max(1, counts.map { max(abs($0.after - $0.before), $0.changed) }.max() ?? 1)
        let (width, height) = (800.0, 800.0 * (maxLat - minLat) / (maxLon - minLon) / cos((minLat + maxLat) / 2 * .pi / 180))
        var svg = "<h2>网格变化地图</h2>\n<p class=\"legend\">颜色越深变化越大：<span style=\"background:#c0392b\"></span>工单增加"
        svg += "<span style=\"background:#2e6da4\"></span>工单减少<span style=\"background:#d68c00\"></span>件数不变但派发改变<span style=\"background:#eee\"></span>不变</p>\n"
        svg += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(min(height, 1200)))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\">\n"
        for (code, ring) in polygons {
            let path = ring.map { String(format: "%.1f,%.1f", ($0.lon - minLon) / (maxLon - minLon) * width, (maxLat - $0.lat) / (maxLat - minLat) * height) }
                .joined(separator: " ")
            let change = byCode[code].map { $0.after - $0.before } ?? 0
            let changed = byCode[code]?.changed ?? 0
            let strength = Double(max(abs(change), changed)) / Double(most)
            let fill = change > 0 ? Self.blend(strength, to: (192, 57, 43)) : change < 0 ? Self.blend(strength, to: (46, 109, 164))
                : changed > 0 ? Self.blend(strength, to: (214, 140, 0)) : "#eeeeee"
            let title = byCode[code].map { "\($0.code) \($0.name)：\($0.before) → \($0.after)，派发改变 \($0.changed)" } ?? code
            svg += "<polygon points=\"\(path)\" fill=\"\(fill)\" stroke=\"#555\" stroke-width=\"0.6\"><title>\(SVG.escape(title))</title></polygon>\n"
        }
        return svg + "</svg>\n"
    }

    private static func blend(_ strength: Double, to colour: (Double, Double, Double)) -> String {
        let t = 0.25 + 0.75 * min(1, strength)
        let (r, g, b) = colour
        func mix(_ c: Double) -> Int { Int(238 + (c - 238) * t) }
        return String(format: "#%02x%02x%02x", mix(r), mix(g), mix(b))
    }

    private static func tickets(_ tickets: Tickets) -> String {
        tickets.count == 0 ? "0" : "\(tickets.count) 件：\(tickets.tickets.prefix(5).joined(separator: " "))\(tickets.count > 5 ? " …" : "")"
    }

    private static func table(_ head: [String], _ rows: [[String]], numeric: Set<Int> = []) -> String {
        guard !rows.isEmpty else { return "<p>无</p>\n" }
        var html = "<table><tr>" + head.map { "<th>\(SVG.escape($0))</th>" }.joined() + "</tr>\n"
        for row in rows {
            html += "<tr>" + row.enumerated().map { index, cell in
                numeric.contains(index) ? "<td class=\"n\">\(SVG.escape(cell))</td>" : "<td>\(SVG.escape(cell))</td>"
            }.joined() + "</tr>\n"
        }
        return html + "</table>\n"
    }
}
