extension SMSTemplate {
    /// The reply to an inbound SMS that rates nothing and acknowledges nothing.
    static let help = SMSTemplate(
        kind: "help", variables: [],
        text: "【12345热线】请回复1满意、2基本满意、3不满意，或“工单号 分数”评价指定工单；收到一键响应请回复“收到”。咨询请拨打12345。"
    )
}
