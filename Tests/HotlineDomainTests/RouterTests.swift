import Foundation
import Testing
@testable import HotlineDomain

@Suite struct RouterTests {
    let router: Router
    /// Tuesday 2026-09-22 10:00 in Shanghai.
    let now = Fixtures.instant("2026-09-22T10:00:00+08:00")

    init() throws {
        self.router = Router(jurisdiction: try Fixtures.jurisdiction(), timeZone: Fixtures.shanghai)
    }

    @Test func departmentHandlerWithLeadAndAssist() {
        let decision = self.router.route(
            RoutingRequest(description: "路灯不亮", address: "水川花园3号楼2单元401"), at: self.now
        )
        #expect(decision.outcome == .routed)
        #expect(decision.category == "streetlight")
        #expect(decision.grid?.code == "620402002")
        #expect(decision.grid?.community.name == "水川社区")
        #expect(decision.grid?.street.code == "620402")
        #expect(decision.handler == .department)
        #expect(decision.departments == [
            DepartmentAssignment(code: "CG", name: "城市管理局", role: .lead),
            DepartmentAssignment(code: "GD", name: "供电公司", role: .assist),
        ])
        #expect(decision.urgency == .general)
        #expect(decision.level == .community)
        // General: respond P1D, resolve P5D in working days.
        #expect(decision.respondBy == Fixtures.instant("2026-09-23T10:00:00+08:00"))
        // Wed 23, Thu 24, Fri 25, Sun 27 (make-up day), Mon 28.
        #expect(decision.resolveBy == Fixtures.instant("2026-09-28T10:00:00+08:00"))
        #expect(decision.reasons.contains("按地址中的“水川花园3号楼”落入水川社区水川二网格"))
        #expect(decision.rules?.contains(RoutingRule("grid.alias", ["grid": "620402002", "alias": "水川花园3号楼"])) == true)
        #expect(decision.reasons.contains("按关键词“路灯”、“灯不亮”归入分类“路灯不亮”"))
        #expect(decision.reasons.contains("分类“路灯不亮”由城市管理局主办，供电公司协办"))
        #expect(decision.reasons.last == "一般时限：1个工作日内响应，5个工作日内办结")
        #expect(decision.rules?.count == decision.reasons.count)
        #expect(decision.unroutableReason == nil)
    }

    @Test func communityHandlerHasNoDepartments() {
        let decision = self.router.route(
            RoutingRequest(category: "neighbour_dispute", description: "楼上漏水", gridCode: "620402001"), at: self.now
        )
        #expect(decision.outcome == .routed)
        #expect(decision.handler == .community)
        #expect(decision.departments.isEmpty)
        #expect(decision.reasons.first == "按指定的网格编码落入水川社区水川一网格")
        #expect(decision.rules?.first == RoutingRule("grid.code", ["grid": "620402001"]))
        #expect(decision.reasons.contains("分类“邻里纠纷”由来电指定"))
        #expect(decision.reasons.contains("分类“邻里纠纷”由水川社区社区自办"))
    }

    @Test func secretaryHandlerByCategory() {
        let decision = self.router.route(
            RoutingRequest(description: "闻到燃气味，可能泄漏", coordinate: Coordinate(lat: 36.505, lon: 104.025)), at: self.now
        )
        #expect(decision.outcome == .routed)
        #expect(decision.grid?.code == "620402003")
        #expect(decision.grid?.secretary.name == "陈书记")
        #expect(decision.handler == .secretary)
        #expect(decision.urgency == .emergency)
        #expect(decision.respondBy == self.now.addingTimeInterval(1_800))
        #expect(decision.resolveBy == self.now.addingTimeInterval(86_400))
        #expect(decision.reasons.contains("按坐标落入东山社区东山网格"))
    }

    @Test func gridRulesApplyInOrder() {
        // A valid code beats the point and the address.
        let byCode = self.router.route(RoutingRequest(
            description: "路灯", address: "东山路北段", coordinate: Coordinate(lat: 36.501, lon: 104.001), gridCode: "620402002"
        ), at: self.now)
        #expect(byCode.grid?.code == "620402002")
        // An unknown code falls through to the point.
        let byPoint = self.router.route(RoutingRequest(
            description: "路灯", address: "东山路北段", coordinate: Coordinate(lat: 36.501, lon: 104.001), gridCode: "999"
        ), at: self.now)
        #expect(byPoint.grid?.code == "620402001")
        #expect(byPoint.reasons.contains("网格编码“999”不存在"))
        // A point outside every grid falls through to the address.
        let byAddress = self.router.route(RoutingRequest(
            description: "路灯", address: "东山路北段", coordinate: Coordinate(lat: 10, lon: 10)
        ), at: self.now)
        #expect(byAddress.grid?.code == "620402003")
        #expect(byAddress.reasons.contains("坐标（10.0, 10.0）不在任何网格内"))
    }

    @Test func urgencyOverrideChangesDeadlines() {
        let decision = self.router.route(
            RoutingRequest(description: "路灯不亮", gridCode: "620402001", urgency: .urgent), at: self.now
        )
        #expect(decision.urgency == .urgent)
        #expect(decision.respondBy == self.now.addingTimeInterval(7_200))
        #expect(decision.reasons.contains("按来电要求定为较急"))
    }

    @Test func majorMatterGoesToTheSecretary() {
        let decision = self.router.route(
            RoutingRequest(description: "水管爆管淹了半条街", gridCode: "620402001", major: .disaster), at: self.now
        )
        #expect(decision.outcome == .routed)
        #expect(decision.handler == .secretary)
        #expect(decision.urgency == .urgent)
        #expect(decision.reasons.contains("属“三重”事项（重大灾害）：社区书记第一责任，紧急程度保持较急，并报街道综治中心"))
        // The departments still report in to the secretary (吹哨报到).
        #expect(decision.departments.map(\.code) == ["SW", "ZJ", "CG"])
    }

    @Test func majorMatterRaisesGeneralAndKeepsEmergency() {
        let raised = self.router.route(
            RoutingRequest(category: "neighbour_dispute", description: "纠纷", gridCode: "620402001", major: .dispute), at: self.now
        )
        #expect(raised.urgency == .urgent)
        #expect(raised.handler == .secretary)
        #expect(raised.departments.isEmpty)
        #expect(raised.reasons.contains("属“三重”事项（重大纠纷）：社区书记第一责任，紧急程度提升为较急，并报街道综治中心"))
        let kept = self.router.route(
            RoutingRequest(description: "事故", gridCode: "620402001", urgency: .emergency, major: .accident), at: self.now
        )
        #expect(kept.urgency == .emergency)
        #expect(kept.reasons.contains { $0.contains("紧急程度保持紧急") })
    }

    @Test func majorMatterNeedsNoCategory() {
        let decision = self.router.route(
            RoutingRequest(description: "山体滑坡", gridCode: "620402001", major: .disaster), at: self.now
        )
        #expect(decision.outcome == .routed)
        #expect(decision.category == nil)
        #expect(decision.handler == .secretary)
        #expect(decision.resolveBy == self.now.addingTimeInterval(86_400))
    }

    @Test func returnedLeadIsReplacedByTheFirstAssist() {
        let decision = self.router.route(
            RoutingRequest(description: "水管爆了", gridCode: "620402001"), at: self.now, excludingDepartments: ["SW"]
        )
        #expect(decision.outcome == .routed)
        #expect(decision.departments == [
            DepartmentAssignment(code: "ZJ", name: "住建局", role: .lead),
            DepartmentAssignment(code: "CG", name: "城市管理局", role: .assist),
        ])
        #expect(decision.reasons.contains("水务局已退回此单，不再派给它"))
        #expect(decision.rules?.contains(RoutingRule("department.excluded", ["department": "SW"])) == true)
    }

    @Test func returnedAssistIsDropped() {
        let decision = self.router.route(
            RoutingRequest(description: "路灯不亮", gridCode: "620402001"), at: self.now, excludingDepartments: ["GD"]
        )
        #expect(decision.departments.map(\.code) == ["CG"])
        #expect(decision.leadDepartment?.code == "CG")
    }

    @Test func noDepartmentLeftIsUnroutable() {
        let decision = self.router.route(
            RoutingRequest(description: "路灯不亮", gridCode: "620402001"), at: self.now, excludingDepartments: ["CG", "GD"]
        )
        #expect(decision.outcome == .unroutable)
        #expect(decision.unroutableReason == "退回后已没有可派的部门")
        #expect(decision.departments.isEmpty)
        #expect(decision.handler == nil)
        #expect(decision.respondBy == nil)
        #expect(decision.grid?.code == "620402001")
    }

    @Test func unclassifiableIsUnroutable() {
        let decision = self.router.route(RoutingRequest(description: "你好", gridCode: "620402001"), at: self.now)
        #expect(decision.outcome == .unroutable)
        #expect(decision.category == nil)
        #expect(decision.unroutableReason == "无法从描述中识别分类")
    }

    @Test func unknownCategoryIsUnroutable() {
        let decision = self.router.route(
            RoutingRequest(category: "ufo", description: "路灯不亮", gridCode: "620402001"), at: self.now
        )
        #expect(decision.outcome == .unroutable)
        #expect(decision.unroutableReason == "分类编码“ufo”不存在")
    }

    @Test func noGridIsUnroutable() {
        let nowhere = self.router.route(
            RoutingRequest(description: "路灯不亮", address: "火星基地", coordinate: Coordinate(lat: 0, lon: 0)), at: self.now
        )
        #expect(nowhere.outcome == .unroutable)
        #expect(nowhere.grid == nil)
        #expect(nowhere.category == "streetlight")
        #expect(nowhere.unroutableReason == "按所给位置找不到网格")
        let none = self.router.route(RoutingRequest(description: "你好"), at: self.now)
        #expect(none.unroutableReason == "没有给出位置；无法从描述中识别分类")
        let major = self.router.route(RoutingRequest(description: "你好", major: .disaster), at: self.now)
        #expect(major.outcome == .unroutable)
    }

    @Test func decisionRoundTripsAsJSON() throws {
        let decision = self.router.route(RoutingRequest(description: "路灯不亮", gridCode: "620402001"), at: self.now)
        let data = try HotlineJSON.encoder().encode(decision)
        let json = String(decoding: data, as: UTF8.self)
        #expect(json.contains(#""outcome":"routed""#))
        #expect(json.contains(#""respondBy":"2026-09-23T02:00:00.000Z""#))
        #expect(try HotlineJSON.decoder().decode(RoutingDecision.self, from: data) == decision)
    }
}
