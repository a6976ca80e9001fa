extension SMSTemplate {
    /// To every volunteer of the community with the skill on `ticket.offered`: a service order
    /// (群众点单) to take; the first `接单 <number>` wins.
    static let volunteerOffer = SMSTemplate(
        kind: "volunteer_offer", variables: ["number", "category", "address", "description", "deadline"],
        text: "【志愿服务】新订单{number}（{category}）：{address}，{description}。愿意接单请回复“接单 {number}”，先接先得，请于{deadline}前完成。"
    )

    /// To the volunteer whose take won (sent as kind `command_ack`).
    static let volunteerTaken = SMSTemplate(
        kind: "volunteer_taken", variables: ["number", "deadline"],
        text: "【志愿服务】订单{number}已由您接单，请于{deadline}前完成，完成后回复“{number} 办结 服务情况”。"
    )

    /// To the taker whose progress or resolve was applied (sent as kind `command_ack`).
    static let volunteerAck = SMSTemplate(
        kind: "volunteer_ack", variables: ["number", "what"],
        text: "【志愿服务】订单{number}已{what}，感谢您的服务！群众满意评价后将计入您的积分。"
    )

    /// To a later taker: somebody was first; nothing changed (sent as kind `command_ack`).
    static let volunteerLate = SMSTemplate(
        kind: "volunteer_late", variables: ["number"],
        text: "【志愿服务】订单{number}已由其他志愿者接单，感谢您的热心，欢迎接下一单。"
    )

    /// To the other volunteers an order was offered to, once it is taken.
    static let offerClosed = SMSTemplate(
        kind: "offer_closed", variables: ["number"],
        text: "【志愿服务】订单{number}已有志愿者接单，无需再回复。感谢您的热心！"
    )

    /// To a volunteer a secretary gave an order to by hand.
    static let volunteerAssigned = SMSTemplate(
        kind: "volunteer_assigned", variables: ["number", "category", "address", "description", "deadline"],
        text: "【志愿服务】社区书记将订单{number}（{category}）派给您：{address}，{description}。请于{deadline}前完成，完成后回复“{number} 办结 服务情况”。"
    )

    /// To the community secretary when nobody took an order within the catalog's respond time
    /// (sent as kind `secretary_alert`).
    static let volunteerUnanswered = SMSTemplate(
        kind: "volunteer_unanswered", variables: ["number", "category", "address"],
        text: "【志愿服务·无人接单】订单{number}（{category}，{address}）超过响应时限仍无志愿者接单，请书记指派志愿者。"
    )

    /// To the community secretary when no volunteer of the community has the skill (sent as kind
    /// `secretary_alert`).
    static let volunteerUnoffered = SMSTemplate(
        kind: "volunteer_unoffered", variables: ["number", "category", "address"],
        text: "【志愿服务·无人可派】订单{number}（{category}，{address}）社区暂无有此技能的志愿者在岗，请书记指派。"
    )

    /// The reply to a volunteer's SMS that is no command (sent as kind `help`).
    static let volunteerHelp = SMSTemplate(
        kind: "volunteer_help", variables: [],
        text: "【志愿服务】未能识别。请回复：接单 订单号；订单号 办结 服务情况；进展 情况。如“12345-20261128-000001 办结 已送餐”。"
    )

    /// To a household's 专属观察员 when its check-in was missed, before the grid worker's ticket.
    static let observerAlert = SMSTemplate(
        kind: "observer_alert", variables: ["name", "address", "sent"],
        text: "【专属观察员】您关注的{name}（{address}）今天{sent}的平安打卡未回复，请您先电话或上门看看，网格员随后也会到场。"
    )
}
