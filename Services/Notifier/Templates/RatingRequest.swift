extension SMSTemplate {
    /// To the caller on `ticket.resolved`: the handler's note and how to rate by reply.
    static let ratingRequest = SMSTemplate(
        kind: "rating_request", variables: ["number", "note"],
        text: "【12345热线】工单{number}已办结：{note}。请评价：回复1满意，2基本满意，3不满意（可在3后附原因）。"
    )
}
