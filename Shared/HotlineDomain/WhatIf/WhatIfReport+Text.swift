import Foundation

extension WhatIfReport {
    /// Labels of the report's fields, in Chinese, shared by the text and HTML renderings.
    static let fieldLabels = ["grid": "网格", "community": "社区", "handler": "办理方式", "department": "牵头部门", "urgency": "紧急程度"]

    /// The label of an `unexplained` reason.
    static let reasonLabels = [
        "routedByEarlierVersion": "由更早的规则版本派发", "routedBeforeVersionsWereKept": "派发时尚未记录规则版本",
        "returned": "曾被部门退回后改派", "routingDiffers": "派发与现行规则不同（如人工派单）", "duplicate": "重复件", "deadlineDiffers": "期限已延期或计算方式变化",
    ]

    /// A rate as a percentage with one decimal, or "—".
    static func percent(_ rate: Double?) -> String {
        rate.map { String(format: "%.1f%%", $0 * 100) } ?? "—"
    }

    /// Hours with one decimal, or "—".
    static func hours(_ value: Double?) -> String {
        value.map { String(format: "%+.1f 小时", $0) } ?? "—"
    }

    /// `code（name）` or the code; for none, 不转部门 (a department) or 无法派发 (unroutable).
    static func value(_ code: String?, _ name: String?, field: String = "") -> String {
        guard let code else { return field == "department" ? "无（不转部门）" : "无（无法派发）" }
        return name.map { "\(code)（\($0)）" } ?? code
    }

    /// The report as plain-text tables for a terminal (`dispatcher import --what-if`).
    public func text() -> String {
        var out = "规则变更推演（what-if）：\(HotlineJSON.format(self.from)) 至 \(HotlineJSON.format(self.to))，回放 \(self.replayed) 件工单"
        out += "，其中 \(self.changedTickets) 件派发结果改变；用时 \(String(format: "%.1f", self.seconds)) 秒（\(Int(self.ticketsPerSecond)) 件/秒）\n"
        out += "当前规则版本：\(self.currentVersion.map(String.init) ?? "—")\n\n"
        out += "派发变化（字段：原 → 新，件数）\n"
        if self.changes.isEmpty { out += "  无\n" }
        for change in self.changes {
            out += "  \(Self.fieldLabels[change.field] ?? change.field)：\(Self.value(change.from, change.fromName, field: change.field)) → \(Self.value(change.to, change.toName, field: change.field))  \(change.count) 件"
            out += change.tickets.isEmpty ? "\n" : "  例：\(change.tickets.prefix(3).joined(separator: "、"))\n"
        }
        for (title, deadlines) in [("办结期限", self.deadlines), ("响应期限", self.respondDeadlines)] {
            out += "\n\(title)：提前 \(deadlines.earlier) 件，推后 \(deadlines.later) 件，不变 \(deadlines.unchanged) 件"
            out += deadlines.unmatched > 0 ? "，仅一方有期限 \(deadlines.unmatched) 件" : ""
            out += "；变动 最少 \(Self.hours(deadlines.minHours))，平均 \(Self.hours(deadlines.meanHours))，最多 \(Self.hours(deadlines.maxHours))\n"
        }
        out += "\n超期：新增 \(self.overdue.became.count) 件，不再超期 \(self.overdue.ceased.count) 件\n"
        out += "升级（街道/区）：新增 \(self.escalated.became.count) 件，不再升级 \(self.escalated.ceased.count) 件\n\n"
        out += "三率（现行期限 → 新期限）\n"
        let (stored, proposed) = (self.rates["stored"], self.rates["proposed"])
        for (label, key) in [("响应率", \Rates.responseRate), ("解决率", \Rates.resolutionRate), ("满意率", \Rates.satisfactionRate), ("按期办结率", \Rates.onTimeResolutionRate)] {
            out += "  \(label)：\(Self.percent(stored?[keyPath: key])) → \(Self.percent(proposed?[keyPath: key]))\n"
        }
        out += "\n户色变化：\(self.households.count) 户\n"
        for household in self.households.prefix(20) { out += "  \(household.code)（网格 \(household.grid)）：\(household.from) → \(household.to)\n" }
        out += "\n网格员工作量变化最大（社区自办件数）\n"
        if self.workers.isEmpty { out += "  无\n" }
        for worker in self.workers.prefix(10) {
            out += "  \(worker.grid) \(worker.gridName) \(worker.worker)：\(worker.before) → \(worker.after)（\(worker.change > 0 ? "+" : "")\(worker.change)）\n"
        }
        let unexplained = self.unexplained.values.reduce(0) { $0 + $1.count }
        out += "\n现行规则无法复现的工单：\(unexplained) 件\n"
        for (reason, tickets) in self.unexplained.sorted(by: { $0.value.count > $1.value.count }) {
            out += "  \(Self.reasonLabels[reason] ?? reason)：\(tickets.count) 件\n"
        }
        return out
    }
}
