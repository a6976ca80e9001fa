import CaseStore
import Foundation
import HotlineDomain
import Hummingbird
import Postgres

extension HouseholdsController {
    /// What a department may know of a household: its colour (how urgently to treat a call
    /// from it), never its members' names, phones or flags.
    struct ColourView: Encodable {
        var code: String
        var colour: HouseholdColour
    }

    /// A department's read of household `code`: the colour only, recorded like any read.
    func colour(_ code: String, for principal: Principal) async throws -> Response {
        let store = self.households
        let view = try await self.database.transaction { connection -> ColourView in
            guard let record = try store.find(code, on: connection) else { throw APIError.notFound("household \(code) not found") }
            try store.recordRead(code, actor: principal.name, role: principal.role.rawValue, keyId: principal.keyId, on: connection)
            return ColourView(code: code, colour: record.colour)
        }
        return try JSONResponse.make(view)
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

    /// Records who listed or searched households, with which filter, and how many rows came back.
    static func recordSearch(
        _ principal: Principal, action: String, filter: [String: String], rows: Int, on connection: PostgresConnection
    ) throws {
        let json = String(decoding: try JSONSerialization.data(withJSONObject: filter, options: [.sortedKeys]), as: UTF8.self)
        try connection.query(
            "INSERT INTO household_searches (actor, role, key_id, action, filter, rows) VALUES ($1, $2, $3::uuid, $4, $5::jsonb, $6)",
            [principal.name, principal.role.rawValue, principal.keyId, action, json, rows]
        )
    }
}
