extension SMSTemplate {
    /// To the community secretary and the grid worker on `ticket.assigned` for 三重 and secretary matters; urgent.
    static let secretaryAlert = SMSTemplate(
        kind: "secretary_alert", variables: ["number", "major", "grid", "address", "description"],
        text: "【三重事项·{major}】工单{number}，{grid}：{address}，{description}。请书记立即处置，已同步报告街道综治中心。"
    )
}
