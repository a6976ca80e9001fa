import Foundation

/// The message texts, one per kind, with named `{variables}`. Checked when the notifier
/// starts: a kind without a template or a template naming an unknown variable stops the start.
struct SMSTemplates: Sendable {
    /// Every kind the notifier sends, and the variables its template may use.
    static let variables: [String: Set<String>] = [
        "receipt": ["number", "deadline"],
        "receipt_no_deadline": ["number"],
        "assigned": ["number", "handler", "deadline"],
        "grid_task": ["number", "grid", "address", "description", "deadline"],
        "secretary_alert": ["number", "major", "grid", "address", "description"],
        "rating_request": ["number", "note"],
        "reopened": ["number", "deadline"],
        "overdue": ["number", "what", "deadline", "level"],
        "escalated": ["number", "level", "description"],
        "broadcast": ["text"],
        "help": [],
    ]

    /// The default Chinese texts.
    static let defaults: [String: String] = [
        "receipt": "【12345热线】您反映的问题已受理，工单号{number}，承诺于{deadline}前办结。回复本短信可查询进度。",
        "receipt_no_deadline": "【12345热线】您反映的问题已受理，工单号{number}，我们将尽快分派办理。",
        "assigned": "【12345热线】工单{number}已交{handler}办理，承诺{deadline}前办结，请保持电话畅通。",
        "grid_task": "【网格任务】工单{number}：{address}，{description}。请于{deadline}前处置并回复。",
        "secretary_alert": "【三重事项·{major}】工单{number}，{grid}：{address}，{description}。请书记立即处置，已同步报告街道综治中心。",
        "rating_request": "【12345热线】工单{number}已办结：{note}。请评价：回复1满意，2基本满意，3不满意。",
        "reopened": "【12345热线】您对工单{number}不满意，已重新交办，承诺{deadline}前办结。",
        "overdue": "【督办】工单{number}已超过{what}时限（{deadline}），现由{level}督办，请立即处理。",
        "escalated": "【升级督办】工单{number}已升级至{level}：{description}",
        "broadcast": "{text}",
        "help": "【12345热线】请回复1满意、2基本满意、3不满意，或“工单号 分数”评价指定工单。咨询请拨打12345。",
    ]

    let texts: [String: String]

    /// Validates `texts` against the known variables.
    init(texts: [String: String] = SMSTemplates.defaults) throws {
        for (kind, allowed) in Self.variables {
            guard let text = texts[kind] else { throw TemplateError(kind: kind, problem: "no template") }
            for name in Self.names(in: text) where !allowed.contains(name) {
                throw TemplateError(kind: kind, problem: "unknown variable {\(name)}")
            }
        }
        self.texts = texts
    }

    /// The text of `kind` with `values` filled in.
    func render(_ kind: String, _ values: [String: String]) -> String {
        var text = self.texts[kind] ?? ""
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return text
    }

    static func names(in text: String) -> [String] {
        var names: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            names.append(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}

/// A template that cannot be used.
struct TemplateError: Error, CustomStringConvertible {
    var kind: String
    var problem: String
    var description: String { "SMS template '\(self.kind)': \(self.problem)" }
}
