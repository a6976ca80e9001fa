extension SMSTemplate {
    /// Reserved for `ticket.escalated` notices (not sent by the current rules; kept validated).
    static let escalated = SMSTemplate(
        kind: "escalated", variables: ["number", "level", "description"],
        text: "【升级督办】工单{number}已升级至{level}：{description}"
    )
}
