import Foundation
import Testing
@testable import HotlineDomain

@Suite struct HouseholdRulesTests {
    let rules = HouseholdRules(
        colours: [
            .init(colour: .yellow, flags: [.unemployed]),
            .init(colour: .red, flags: [.alone], minAge: 70),
            .init(colour: .yellow, flags: [], minAge: 80),
        ],
        visitEvery: [.red: ISODuration(days: 7)]
    )

    func household(_ members: [Household.Member]) -> Household {
        Household(code: "H-1", address: "水川花园1号楼", grid: "620402001", members: members)
    }

    @Test func aloneAndSeventyIsRedWhateverTheRuleOrder() {
        let assessment = self.rules.assess(
            self.household([.init(name: "甲", birthYear: 1990, flags: [.unemployed]), .init(name: "乙", birthYear: 1950, flags: [.alone])]),
            in: 2026
        )
        #expect(assessment.colour == .red)
        #expect(assessment.member == "乙")
        #expect(assessment.reason == "red: 独居 + 70岁以上 (乙)")
    }

    @Test func ageBoundaryIsInclusive() {
        #expect(self.rules.assess(self.household([.init(name: "甲", birthYear: 1956, flags: [.alone])]), in: 2026).colour == .red)
        #expect(self.rules.assess(self.household([.init(name: "甲", birthYear: 1957, flags: [.alone])]), in: 2026).colour == .green)
    }

    @Test func unknownBirthYearNeverMeetsAnAgeRule() {
        #expect(self.rules.assess(self.household([.init(name: "甲", flags: [.alone])]), in: 2026).colour == .green)
    }

    @Test func flagsMustMeetOnOneMember() {
        let rules = HouseholdRules(colours: [.init(colour: .red, flags: [.alone, .disability])])
        let split = self.household([.init(name: "甲", flags: [.alone]), .init(name: "乙", flags: [.disability])])
        let together = self.household([.init(name: "甲", flags: [.disability, .alone, .chronic])])
        #expect(rules.assess(split, in: 2026).colour == .green)
        #expect(rules.assess(together, in: 2026).colour == .red)
    }

    @Test func ageOnlyRuleAndNoMembersIsGreen() {
        #expect(self.rules.assess(self.household([.init(name: "甲", birthYear: 1940)]), in: 2026).colour == .yellow)
        #expect(self.rules.assess(self.household([]), in: 2026) == .init(colour: .green, rule: nil, member: nil))
    }

    @Test func catalogRulesAreValidatedWithTheirField() throws {
        let catalog = try String(contentsOf: Fixtures.folder("valid").appendingPathComponent("catalog.json"), encoding: .utf8)
        let bad = catalog.replacingOccurrences(
            of: "{\"colour\": \"red\", \"flags\": [\"alone\"], \"minAge\": 70}",
            with: "{\"colour\": \"red\", \"flags\": [\"lonely\"]}, {\"colour\": \"green\", \"minAge\": 1}"
        )
        let grids = try Data(contentsOf: Fixtures.folder("valid").appendingPathComponent("grids.geojson"))
        #expect(throws: JurisdictionError.self) { try Jurisdiction.decode(gridsJSON: grids, catalogJSON: Data(bad.utf8)) }
        do {
            _ = try Jurisdiction.decode(gridsJSON: grids, catalogJSON: Data(bad.utf8))
        } catch let error as JurisdictionError {
            let text = error.issues.map(\.description)
            #expect(text.contains { $0.contains("households: colours[0].flags[0]: unknown flag 'lonely'") })
            #expect(text.contains { $0.contains("colours[1].colour: green is what matches no rule") })
        }
        let jurisdiction = try Fixtures.jurisdiction()
        #expect(jurisdiction.catalog.householdRules.colours == [.init(colour: .red, flags: [.alone], minAge: 70)])
        #expect(jurisdiction.catalog.householdRules.visitEvery[.red] == ISODuration(days: 7))
    }
}

@Suite struct AgeBandTests {
    @Test func bandsCoverEveryAgeAtTheirEdges() {
        let cases: [(Int, AgeBand)] = [
            (-1, .infant), (0, .infant), (3, .infant), (4, .child), (12, .child), (13, .teen), (17, .teen), (18, .adult),
            (59, .adult), (60, .senior), (79, .senior), (80, .elderly), (104, .elderly),
        ]
        for (age, band) in cases { #expect(AgeBand(age: age) == band, "age \(age)") }
        #expect(AgeBand(birthYear: 1946, in: 2026) == .elderly)
        #expect(AgeBand.allCases.map(\.rawValue) == ["0-3", "4-12", "13-17", "18-59", "60-79", "80+"])
    }
}

@Suite struct HouseholdFileReaderTests {
    let grids: GridIndex

    init() throws {
        self.grids = GridIndex(grids: try Fixtures.jurisdiction().grids)
    }

    func read(_ text: String, file: String = "households.json") throws -> [Household] {
        try HouseholdFileReader.read(Data(text.utf8), file: file, grids: self.grids, currentYear: 2026)
    }

    func issues(_ text: String, file: String = "households.json") -> [String] {
        do {
            _ = try self.read(text, file: file)
            return []
        } catch let error as HouseholdFileError {
            return error.issues.map(\.description)
        } catch {
            return ["\(error)"]
        }
    }

    @Test func placesByGridCoordinateOrAddress() throws {
        let households = try self.read(
            """
            [{"code": "H-1", "address": "某处", "grid": "620402003", "kind": "commercial"},
             {"code": "H-2", "address": "某处", "lat": 36.505, "lon": 104.015, "checkin": true,
              "watcher": {"name": "李", "phone": "139 0931 0301"},
              "members": [{"name": "曹", "birthYear": 1946, "flags": ["alone"]}]},
             {"code": "H-3", "address": "水川花园3号楼2单元401"}]
            """
        )
        #expect(households.map(\.grid) == ["620402003", "620402002", "620402002"])
        #expect(households[0].kind == .commercial)
        #expect(households[1].checkinRecipient == "13909310301")
        #expect(households[1].members[0].flags == [.alone])
    }

    @Test func everyProblemNamesEntryAndField() {
        let issues = self.issues(
            """
            [{"code": "H-1", "address": "x", "grid": "nope", "members": [{"name": "甲", "phone": "123", "flags": ["alone", "rich"]}]},
             {"address": "y", "lat": 36.5},
             {"code": "H-3", "address": "z", "grid": "620402001", "checkin": true, "birthYear": 1},
             {"code": "H-1", "address": "x", "grid": "620402001", "members": [{"name": "乙", "birthYear": 2099}]}]
            """
        )
        #expect(issues.contains("households.json: household 0 (code H-1): grid: unknown grid 'nope'"))
        #expect(issues.contains { $0.hasPrefix("households.json: household 0 (code H-1): members[0].phone: ") })
        #expect(issues.contains { $0.hasPrefix("households.json: household 0 (code H-1): members[0].flags[1]: unknown flag 'rich'") })
        #expect(issues.contains("households.json: household 1: code: required"))
        #expect(issues.contains("households.json: household 1: lon: lat and lon go together"))
        #expect(issues.contains("households.json: household 2 (code H-3): checkin: needs a member's or the watcher's phone to send the check-in to"))
        #expect(issues.contains("households.json: household 3 (code H-1): members[0].birthYear: 2099 is in the future"))
        #expect(!issues.contains { $0.contains("123") }, "a phone number is never echoed in full")
    }

    @Test func notJSONOrNotAnArray() {
        #expect(self.issues("{").first?.hasPrefix("households.json: not valid JSON") == true)
        #expect(self.issues("{}") == ["households.json: must be a JSON array of households, not object"])
    }

    @Test func csvGroupsRowsByCodeWithQuotes() throws {
        let lines = [
            "code,address,grid,kind,checkin,watcher_name,watcher_phone,member_name,member_phone,birth_year,flags",
            #"H-1,"水川花园1号楼, 2单元",620402001,residential,yes,李,13909310301,曹,13909310302,1946,alone;chronic"#,
            #"H-1,,,,,,,"王 ""小二""",,2010,"#,
            "H-2,东山路5号,,commercial,,,,,,,",
        ]
        let households = try self.read(lines.joined(separator: "\r\n") + "\r\n", file: "households.csv")
        #expect(households.count == 2)
        #expect(households[0].address == "水川花园1号楼, 2单元")
        #expect(households[0].checkin)
        #expect(households[0].members.map(\.name) == ["曹", "王 \"小二\""])
        #expect(households[0].members[0].flags == [.alone, .chronic])
        #expect(households[1].grid == "620402002")
        #expect(households[1].members.isEmpty)
    }

    @Test func csvIssuesNameRowAndColumn() {
        let issues = self.issues(
            """
            code,address,grid,member_name,member_phone,birth_year,flags,colour
            H-1,水川花园,620402001,曹,12,19x6,alone
            H-1,,,王,,1950,lonely
            ,x,620402001,赵,,,
            """,
            file: "households.csv"
        )
        #expect(issues.contains("households.csv: row 1: colour: unknown column (expected: \(HouseholdFileReader.csvColumns.joined(separator: ",")))"))
        #expect(issues.contains { $0.hasPrefix("households.csv: row 2 (code H-1): member_phone: ") })
        #expect(issues.contains("households.csv: row 2 (code H-1): birth_year: must be an integer >= 1880"))
        #expect(issues.contains { $0.hasPrefix("households.csv: row 3 (code H-1): flags: unknown flag 'lonely'") })
        #expect(issues.contains("households.csv: row 4: code: required"))
    }
}

@Suite struct HouseholdRoutingTests {
    let router: Router
    let now = Fixtures.instant("2026-09-22T10:00:00+08:00")

    init() throws {
        self.router = Router(jurisdiction: try Fixtures.jurisdiction(), timeZone: Fixtures.shanghai)
    }

    @Test func redRaisesToUrgentAndSaysWhichRule() {
        let tag = HouseholdTag(code: "H-1", colour: .red, reason: "red: 独居 + 70岁以上 (曹)", matchedBy: "caller phone")
        let decision = self.router.route(RoutingRequest(description: "路灯不亮", address: "水川花园3号楼", household: tag), at: self.now)
        #expect(decision.urgency == .urgent)
        #expect(decision.household == tag)
        #expect(decision.reasons.contains("来电号码属红色户H-1（独居 + 70岁以上），紧急程度提升为较急"))
        #expect(!decision.reasons.joined().contains("曹"), "no member is named in a reason")
    }

    @Test func redNeverLowersAndYellowOnlyShows() {
        let red = HouseholdTag(code: "H-1", colour: .red, reason: "r", matchedBy: "address")
        let emergency = self.router.route(RoutingRequest(description: "燃气泄漏", address: "水川花园3号楼", urgency: .emergency, household: red), at: self.now)
        #expect(emergency.urgency == .emergency)
        let yellow = HouseholdTag(code: "H-2", colour: .yellow, reason: "yellow: 失业 (甲)", matchedBy: "address")
        let decision = self.router.route(RoutingRequest(description: "路灯不亮", address: "水川花园3号楼", household: yellow), at: self.now)
        #expect(decision.urgency == .general)
        #expect(decision.reasons.contains("来电地址属黄色户H-2（失业），已提示办理人"))
    }

    @Test func wellbeingCheckIsBuiltInWhenTheCatalogLacksIt() {
        let decision = self.router.route(
            RoutingRequest(category: Category.wellbeingCheck, description: "平安打卡未回复", gridCode: "620402001"), at: self.now
        )
        #expect(decision.outcome == .routed)
        #expect(decision.handler == .community)
        #expect(decision.urgency == .urgent)
    }

    @Test func checkinReplies() {
        for text in ["1", " 平安 ", "平安。", "OK", "好"] { #expect(CheckinReply.confirms(text), "\(text)") }
        for text in ["2", "不好", "收到了吗", ""] { #expect(!CheckinReply.confirms(text), "\(text)") }
    }
}
