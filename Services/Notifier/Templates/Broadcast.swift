extension SMSTemplate {
    /// To every grid worker in scope on `broadcast.created`; `ack` asks for a 收到 reply when the broadcast requires one. Urgent.
    static let broadcast = SMSTemplate(
        kind: "broadcast", variables: ["text", "ack"],
        text: "【一键响应】{text}{ack}"
    )
}
