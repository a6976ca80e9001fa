extension SMSTemplate {
    /// To a grid worker or secretary whose SMS command (接单, 办结, 退回, 进展) was applied.
    static let commandAck = SMSTemplate(
        kind: "command_ack", variables: ["number", "what", "deadline"],
        text: "【网格任务】工单{number}已{what}，办结时限{deadline}。"
    )
}
