extension SMSTemplate {
    /// To the caller on `ticket.assigned`: who handles it and by when.
    static let assigned = SMSTemplate(
        kind: "assigned", variables: ["number", "handler", "deadline"],
        text: "【12345热线】工单{number}已交{handler}办理，承诺{deadline}前办结，请保持电话畅通。"
    )
}
