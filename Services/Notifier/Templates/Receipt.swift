extension SMSTemplate {
    /// To the caller on `ticket.received` when the category is known: the number and the promised deadline.
    static let receipt = SMSTemplate(
        kind: "receipt", variables: ["number", "deadline"],
        text: "【12345热线】您反映的问题已受理，工单号{number}，承诺于{deadline}前办结。"
    )
}
