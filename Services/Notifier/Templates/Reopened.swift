extension SMSTemplate {
    /// To the caller on `ticket.reopened` (重办 after a dissatisfied rating).
    static let reopened = SMSTemplate(
        kind: "reopened", variables: ["number", "deadline"],
        text: "【12345热线】您对工单{number}不满意，已重新交办，承诺{deadline}前办结。"
    )
}
