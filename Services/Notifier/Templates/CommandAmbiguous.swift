extension SMSTemplate {
    /// To a grid worker or secretary who sent a command without a number while several tasks
    /// are open: nothing changed, here they are (sent as kind `command_ack`).
    static let commandAmbiguous = SMSTemplate(
        kind: "command_ambiguous", variables: ["count", "numbers", "what"],
        text: "【网格任务】您有{count}件待办工单：{numbers}。未作处理，请回复“工单号 {what}”指明工单。"
    )
}
