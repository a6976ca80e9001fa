import Foundation
import HotlineDomain

/// Realistic tickets spread over the jurisdiction's grids and categories: an address built on
/// a grid alias, a description built on the category's words, a fresh mobile number.
struct TicketFactory: Sendable {
    let grids: [Grid]
    let categories: [HotlineDomain.Category]

    init(jurisdiction: Jurisdiction) {
        self.grids = jurisdiction.grids.filter { !$0.aliases.isEmpty }
        self.categories = jurisdiction.catalog.categories
    }

    func make() -> [String: Any] {
        var random = SystemRandomNumberGenerator()
        let grid = self.grids.randomElement(using: &random)!
        let category = self.categories.randomElement(using: &random)!
        let keyword = category.keywords.randomElement(using: &random) ?? category.name
        let phone = "13" + String(Int.random(in: 5...9)) + String(format: "%08d", Int.random(in: 0..<100_000_000))
        return [
            "channel": ["phone", "app", "web", "walk_in"].randomElement(using: &random)!,
            "caller": ["name": "压测居民", "phone": phone],
            "description": "\(grid.aliases[0])附近\(keyword)，\(category.name)，请尽快处理（压测）",
            "location": ["address": "\(grid.aliases.randomElement(using: &random)!)\(Int.random(in: 1...200))号楼\(Int.random(in: 1...6))单元"],
        ]
    }
}
