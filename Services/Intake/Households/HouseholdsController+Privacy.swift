import CaseStore
import Foundation
import HotlineDomain
import Hummingbird

extension HouseholdsController {
    /// What a department may know of a household: its colour (how urgently to treat a call
    /// from it), never its members' names, phones or flags.
    struct ColourView: Encodable {
        var code: String
        var colour: HouseholdColour
    }

    /// A department's read of household `code`: the colour only, recorded like any read.
    func colour(_ code: String, for principal: Principal) async throws -> Response {
        guard let colour = try await self.households.colour(code, by: Self.reader(principal)) else {
            throw APIError.notFound("household \(code) not found")
        }
        return try JSONResponse.make(ColourView(code: code, colour: colour))
    }

    /// The filter of a list or search as it is audited: the query's parameters as given.
    static func describe(_ filter: HouseholdStore.Filter, query: some Sequence<(key: Substring, value: Substring)>) -> [String: String] {
        var described: [String: String] = [:]
        // PostgreSQL text and jsonb hold no NUL: the audit keeps what was asked without them.
        func clean(_ text: some StringProtocol) -> String {
            String((String(text).removingPercentEncoding ?? String(text)).unicodeScalars.filter { $0 != "\u{0}" }.map(Character.init))
        }
        for (key, value) in query { described[clean(key)] = clean(value) }
        if let grids = filter.grids { described["scope"] = grids.joined(separator: ",") }
        return described
    }

}
