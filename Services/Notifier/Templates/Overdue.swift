extension SMSTemplate {
    /// To the lead department (or the grid worker of a community matter) on `ticket.overdue`; urgent.
    static let overdue = SMSTemplate(
        kind: "overdue", variables: ["number", "what", "deadline", "level"],
        text: "【督办】工单{number}已超过{what}时限（{deadline}），现由{level}督办，请立即处理。"
    )
}
