import CaseStore
import Foundation
import HotlineDomain
import Hummingbird
import Postgres

/// The jurisdiction as the web UI needs it: the catalog for the form and the filters, the grids'
/// shapes for the maps (drawn locally: no online tiles), address suggestions from the grids'
/// aliases, and the classifier's category for a description as it is typed. Phones of grid
/// workers and secretaries are left out: a wall display is no place for them.
struct JurisdictionController: Sendable {
    let tickets: TicketsController

    private struct Summary: Encodable {
        struct Named: Encodable {
            var code: String
            var name: String
        }
        struct CategoryEntry: Encodable {
            var code, name, handler, urgency: String
            var department: String?
        }
        struct GridEntry: Encodable {
            var code, name, community, communityName, street, streetName: String
        }
        var revision: Int
        var categories: [CategoryEntry]
        var departments: [Named]
        var streets: [Named]
        var grids: [GridEntry]
    }

    private struct Place: Encodable {
        var alias, grid, gridName, communityName, streetName: String
    }

    private struct Suggestion: Encodable {
        var code, name, handler, urgency: String
        var department: String?
        var keywords: [String]
    }

    func add(to router: Hummingbird.Router<BasicRequestContext>) {
        router.get("v1/jurisdiction") { request, _ in try await self.summary(request) }
        router.get("v1/jurisdiction/grids") { request, _ in try await self.grids(request) }
        router.get("v1/jurisdiction/places") { request, _ in try await self.places(request) }
        router.get("v1/classify") { request, _ in try await self.classify(request) }
    }

    private func snapshot(_ request: Request, also: Set<Role> = []) async throws -> JurisdictionSnapshot {
        _ = try await self.tickets.auth.require(request, Set<Role>([.operator_, .admin, .department]).union(also))
        return try await self.tickets.jurisdiction.snapshot()
    }

    private func summary(_ request: Request) async throws -> Response {
        // Codes and names only: the mobile page names the departments a secretary may summon.
        let snapshot = try await self.snapshot(request, also: [.grid, .secretary])
        let catalog = snapshot.jurisdiction.catalog
        var streets: [String: String] = [:]
        for grid in snapshot.jurisdiction.grids { streets[grid.street.code] = grid.street.name }
        return try JSONResponse.make(
            Summary(
                revision: snapshot.revision,
                categories: catalog.categories.map {
                    .init(code: $0.code, name: $0.name, handler: $0.handler.rawValue, urgency: $0.urgency.rawValue, department: $0.department)
                },
                departments: catalog.departments.map { .init(code: $0.code, name: $0.name) },
                streets: streets.sorted { $0.key < $1.key }.map { .init(code: $0.key, name: $0.value) },
                grids: snapshot.jurisdiction.grids.map {
                    .init(
                        code: $0.code, name: $0.name, community: $0.community.code, communityName: $0.community.name,
                        street: $0.street.code, streetName: $0.street.name
                    )
                }
            )
        )
    }

    /// The grids as a GeoJSON FeatureCollection (code, names and shape only).
    private func grids(_ request: Request) async throws -> Response {
        // Shapes and names only: the big screen's `screen` key draws its map from them. A grid
        // worker's or secretary's phone gets its community's grids only (a small download).
        let principal = try await self.tickets.auth.require(request, [.operator_, .admin, .department, .screen, .grid, .secretary])
        let snapshot = try await self.tickets.jurisdiction.snapshot()
        let community = principal.community ?? principal.grid.flatMap { snapshot.grids.grid(code: $0)?.community.code }
        let shown = snapshot.jurisdiction.grids.filter { grid in
            guard principal.role == .grid || principal.role == .secretary else { return true }
            return grid.community.code == community
        }
        func ring(_ coordinates: [Coordinate]) -> JSONValue { .array(coordinates.map { .array([.number($0.lon), .number($0.lat)]) }) }
        let features: [JSONValue] = shown.map { grid in
            let polygons = grid.geometry.polygons.map { JSONValue.array([ring($0.outer)] + $0.holes.map(ring)) }
            return .object([
                "type": "Feature",
                "properties": .object([
                    "code": .string(grid.code), "name": .string(grid.name), "community": .string(grid.community.name),
                    "street": .string(grid.street.code), "streetName": .string(grid.street.name), "district": .string(grid.district.name),
                    "communityCode": .string(grid.community.code),
                ]),
                "geometry": .object(["type": "MultiPolygon", "coordinates": .array(polygons)]),
            ])
        }
        let collection = JSONValue.object(["type": "FeatureCollection", "features": .array(features)])
        return try JSONResponse.make(collection)
    }

    /// Up to 10 aliases containing the text typed so far, or contained in it (a full address).
    private func places(_ request: Request) async throws -> Response {
        let snapshot = try await self.snapshot(request)
        let query = Self.key(request.uri.queryParameters["q"].map { String($0).removingPercentEncoding ?? String($0) } ?? "")
        var places: [(rank: Int, place: Place)] = []
        if !query.isEmpty {
            for grid in snapshot.jurisdiction.grids {
                for alias in grid.aliases {
                    let key = Self.key(alias)
                    guard !key.isEmpty else { continue }
                    // An alias found inside the address ranks first, longest first; then aliases being typed.
                    let rank = query.contains(key) ? 1000 - key.count : key.contains(query) ? 2000 + key.count : nil
                    guard let rank else { continue }
                    places.append(
                        (rank, Place(alias: alias, grid: grid.code, gridName: grid.name, communityName: grid.community.name, streetName: grid.street.name))
                    )
                }
            }
        }
        let best = places.sorted { ($0.rank, $0.place.grid) < ($1.rank, $1.place.grid) }.prefix(10).map(\.place)
        return try JSONResponse.make(["places": Array(best)])
    }

    /// The category the classifier would give `text`, with the keywords that matched; null when none.
    private func classify(_ request: Request) async throws -> Response {
        let snapshot = try await self.snapshot(request)
        let text = request.uri.queryParameters["text"].map { String($0).removingPercentEncoding ?? String($0) } ?? ""
        guard text.count <= 4_000 else { throw APIError.badRequest(field: "text", "over 4000 characters") }
        let suggestion = snapshot.classifier.classification(of: text).map { category, keywords in
            Suggestion(
                code: category.code, name: category.name, handler: category.handler.rawValue, urgency: category.urgency.rawValue,
                department: category.department, keywords: keywords
            )
        }
        return try JSONResponse.make(["category": suggestion])
    }

    /// Matching form of an address: lowercased, without white space.
    private static func key(_ text: String) -> String {
        String(text.lowercased().unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }.map(Character.init))
    }
}
