import Testing
@testable import HotlineDomain

@Suite struct ClassifierTests {
    let classifier: Classifier

    init() throws {
        self.classifier = Classifier(categories: try Fixtures.jurisdiction().catalog.categories)
    }

    @Test func picksTheCategoryWithTheMostKeywordCharacters() {
        #expect(self.classifier.classify("小区门口的路灯不亮了")?.code == "streetlight")
        #expect(self.classifier.classify("楼下水管爆管，整栋楼停水")?.code == "water_main")
        // 吵架 (neighbour_dispute, 2 + 邻居 2) beats 吵 (noise, 1).
        #expect(self.classifier.classify("邻居天天吵架")?.code == "neighbour_dispute")
        #expect(self.classifier.classify("楼上很吵")?.code == "noise")
    }

    @Test func tiesGoToCatalogOrder() {
        // 咨询 (policy) and 燃气 (gas_leak) both score 2; policy comes first.
        #expect(self.classifier.classify("咨询燃气")?.code == "policy")
        #expect(self.classifier.classify("燃气咨询")?.code == "policy")
    }

    @Test func reportsTheMatchedKeywords() throws {
        let match = try #require(self.classifier.classification(of: "路灯坏了，灯不亮"))
        #expect(match.category.code == "streetlight")
        #expect(match.keywords == ["路灯", "灯不亮"])
    }

    @Test func nothingMatches() {
        #expect(self.classifier.classify("今天天气很好") == nil)
        #expect(self.classifier.classify("") == nil)
        #expect(Classifier(categories: []).classify("路灯") == nil)
    }

    @Test func ignoresCaseAndSpaces() {
        let classifier = Classifier(categories: [Category(code: "wifi", name: "WiFi", keywords: ["Wi Fi"], handler: .community)])
        #expect(classifier.classify("the WIFI is down")?.code == "wifi")
    }
}
