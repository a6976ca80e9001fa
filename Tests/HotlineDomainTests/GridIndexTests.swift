import Foundation
import Testing
@testable import HotlineDomain

@Suite struct GridIndexTests {
    let index: GridIndex

    init() throws {
        self.index = GridIndex(grids: try Fixtures.jurisdiction().grids)
    }

    private func code(_ lat: Double, _ lon: Double) -> String? {
        self.index.grid(containing: Coordinate(lat: lat, lon: lon))?.code
    }

    @Test func findsByCode() {
        #expect(self.index.grid(code: "620402002")?.name == "水川二网格")
        #expect(self.index.grid(code: "nope") == nil)
    }

    @Test func findsPointsInside() {
        #expect(self.code(36.501, 104.001) == "620402001")
        #expect(self.code(36.509, 104.015) == "620402002")
        #expect(self.code(36.505, 104.025) == "620402003")
    }

    @Test func holeBelongsToTheMultiPolygonIsland() {
        // The hole of 620402001 is filled by the second polygon of 620402003.
        #expect(self.code(36.505, 104.005) == "620402003")
        // Just outside the hole is 620402001 again.
        #expect(self.code(36.5035, 104.005) == "620402001")
    }

    @Test func holeWithoutFillerIsOutside() {
        let grids = try! Fixtures.jurisdiction().grids.filter { $0.code == "620402001" }
        let index = GridIndex(grids: grids)
        #expect(index.grid(containing: Coordinate(lat: 36.505, lon: 104.005)) == nil)
        #expect(index.grid(containing: Coordinate(lat: 36.502, lon: 104.005))?.code == "620402001")
        // On the hole's edge the point touches the grid's boundary, which belongs to it.
        #expect(index.grid(containing: Coordinate(lat: 36.504, lon: 104.005))?.code == "620402001")
    }

    @Test func sharedBorderGoesToTheSmallestCode() {
        // Edge between 620402001 and 620402002.
        #expect(self.code(36.505, 104.01) == "620402001")
        // Vertex shared by 620402001 and 620402002.
        #expect(self.code(36.51, 104.01) == "620402001")
        // Vertex shared by 620402002 and 620402003.
        #expect(self.code(36.50, 104.02) == "620402002")
        // Hole edge of 620402001 = island edge of 620402003.
        #expect(self.code(36.506, 104.005) == "620402001")
        // An outer corner touched by one grid only.
        #expect(self.code(36.50, 104.03) == "620402003")
    }

    @Test func borderRuleDoesNotDependOnFileOrder() throws {
        let reversed = GridIndex(grids: try Fixtures.jurisdiction().grids.reversed())
        #expect(reversed.grid(containing: Coordinate(lat: 36.505, lon: 104.01))?.code == "620402001")
        #expect(reversed.grid(containing: Coordinate(lat: 36.50, lon: 104.02))?.code == "620402002")
    }

    @Test func outsideEverything() {
        #expect(self.code(36.52, 104.005) == nil)
        #expect(self.code(36.505, 104.031) == nil)
        #expect(self.code(-36.505, -104.005) == nil)
        #expect(GridIndex(grids: []).grid(containing: Coordinate(lat: 0, lon: 0)) == nil)
    }

    @Test func insideTheBoxButOutsideTheTriangle() {
        let triangle = Self.grid("T", rings: [[(0, 0), (0, 10), (10, 0), (0, 0)]])
        let index = GridIndex(grids: [triangle])
        #expect(index.grid(containing: Coordinate(lat: 1, lon: 1))?.code == "T")
        #expect(index.grid(containing: Coordinate(lat: 9, lon: 9)) == nil)
        #expect(index.grid(containing: Coordinate(lat: 5, lon: 5))?.code == "T")  // on the hypotenuse
        // A ray through the vertex (0, 10) must not count twice.
        #expect(index.grid(containing: Coordinate(lat: 10, lon: -1)) == nil)
    }

    @Test func manyGridsAreFoundThroughBuckets() {
        // A 100 x 60 board of 0.01-degree squares.
        var grids: [Grid] = []
        for row in 0..<60 {
            for column in 0..<100 {
                let lon = 100 + Double(column) * 0.01
                let lat = 30 + Double(row) * 0.01
                let code = String(format: "G%03d%03d", row, column)
                grids.append(Self.grid(code, rings: [[(lon, lat), (lon + 0.01, lat), (lon + 0.01, lat + 0.01), (lon, lat + 0.01), (lon, lat)]]))
            }
        }
        let index = GridIndex(grids: grids)
        for (row, column) in [(0, 0), (59, 99), (31, 47), (12, 88)] {
            let point = Coordinate(lat: 30 + (Double(row) + 0.5) * 0.01, lon: 100 + (Double(column) + 0.3) * 0.01)
            #expect(index.grid(containing: point)?.code == String(format: "G%03d%03d", row, column))
            #expect(index.buckets.candidates(near: point).count <= 9)
        }
        #expect(index.grid(containing: Coordinate(lat: 30.3, lon: 101.0))?.code == "G029099")
    }

    @Test func longestAliasWins() {
        let match = self.index.grid(matchingAddress: "白银区水川花园3号楼2单元401")
        #expect(match?.grid.code == "620402002")
        #expect(match?.alias == "水川花园3号楼")
        #expect(self.index.grid(matchingAddress: "水川花园5号楼")?.grid.code == "620402001")
        #expect(self.index.grid(matchingAddress: "东山路北段12号")?.alias == "东山路北段")
        #expect(self.index.grid(matchingAddress: "东山路12号")?.grid.code == "620402002")
    }

    @Test func aliasesIgnoreCaseAndWhitespace() {
        let match = self.index.grid(matchingAddress: "Building 3, sunny  garden")
        #expect(match?.grid.code == "620402001")
        #expect(match?.alias == "Sunny Garden")
        #expect(self.index.grid(matchingAddress: "水川 花园 1号")?.alias == "水川花园")
    }

    @Test func aliasTiesGoToTheSmallestCode() {
        // 新村 (620402002) and 村路 (620402003) both match with two characters.
        #expect(self.index.grid(matchingAddress: "新村路8号")?.grid.code == "620402002")
        #expect(self.index.grid(matchingAddress: "无名路") == nil)
        #expect(self.index.grid(matchingAddress: "") == nil)
    }

    /// A grid with made-up people and the given rings as (lon, lat) pairs, outer ring first.
    static func grid(_ code: String, rings: [[(Double, Double)]], aliases: [String] = []) -> Grid {
        let coordinates = rings.map { ring in ring.map { Coordinate(lat: $0.1, lon: $0.0) } }
        let area = Area(code: "A", name: "A")
        return Grid(
            code: code, name: code, community: area, street: area, district: area,
            worker: Contact(name: "w", phone: "13900000000"), secretary: Contact(name: "s", phone: "13900000001"),
            aliases: aliases,
            geometry: GridGeometry(polygons: [GridPolygon(outer: coordinates[0], holes: Array(coordinates.dropFirst()))])
        )
    }
}
