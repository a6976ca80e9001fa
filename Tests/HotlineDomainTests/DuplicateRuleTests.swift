import Foundation
import HotlineDomain
import Testing

@Suite struct DuplicateRuleTests {
    let rule = DuplicateRule(radius: 100)
    let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    func candidate(_ id: String, lat: Double? = nil, lon: Double? = nil, key: String? = nil, minutes: Double = 0) -> DuplicateRule.Candidate {
        DuplicateRule.Candidate(
            id: id, number: "12345-20260921-\(id)", createdAt: self.t0.addingTimeInterval(minutes * 60), lat: lat, lon: lon, addressKey: key
        )
    }

    /// Every point within the radius lies in one of the cells the query names, wherever in its
    /// own cell the new ticket sits, at this latitude and far north.
    @Test(arguments: [(36.5123, 104.1234), (36.5000, 104.1000), (36.50199, 104.10199), (60.0, 10.0)])
    func cellsCoverTheRadius(lat: Double, lon: Double) {
        let cells = Set(DuplicateRule.cells(lat: lat, lon: lon, radius: 100))
        for bearing in stride(from: 0.0, to: 360.0, by: 15.0) {
            let dLat = 99 * cos(bearing * .pi / 180) / 111_000
            let dLon = 99 * sin(bearing * .pi / 180) / (111_000 * cos(lat * .pi / 180))
            #expect(cells.contains(DuplicateRule.cell(lat: lat + dLat, lon: lon + dLon)), "bearing \(bearing)")
        }
        #expect(cells.count <= 25, "a radius of 100 m stays a handful of keys, not a scan")
    }

    @Test func locatedTicketsMatchWithinTheRadiusOnly() {
        let near = self.candidate("1", lat: 36.5, lon: 104.1)
        let far = self.candidate("2", lat: 36.5 + 0.002, lon: 104.1)
        #expect(self.rule.matches(near, lat: 36.5005, lon: 104.1, addressKey: nil))
        #expect(!self.rule.matches(far, lat: 36.5, lon: 104.1, addressKey: nil))
    }

    /// Without coordinates on either side, the grid and the words of the address decide.
    @Test func addressesMatchWithoutSpacesAndPunctuation() {
        let key = DuplicateRule.addressKey(grid: "G1", address: "水川花园 3号楼，2单元")
        #expect(key == DuplicateRule.addressKey(grid: "G1", address: "水川花园3号楼2单元"))
        #expect(key != DuplicateRule.addressKey(grid: "G2", address: "水川花园3号楼2单元"))
        #expect(DuplicateRule.addressKey(grid: "G1", address: " ，") == nil)
        let located = self.candidate("1", lat: 36.5, lon: 104.1, key: key)
        #expect(self.rule.matches(located, lat: nil, lon: nil, addressKey: key), "one side unlocated: the address decides")
        #expect(!self.rule.matches(located, lat: 36.6, lon: 104.1, addressKey: key), "both located: the distance decides")
    }

    @Test func theOldestMatchIsTheParent() {
        let key = DuplicateRule.addressKey(grid: "G1", address: "金岸路1号")
        let candidates = [
            self.candidate("3", key: key, minutes: 30), self.candidate("1", key: key, minutes: 10),
            self.candidate("2", key: "G1|other", minutes: 0),
        ]
        #expect(self.rule.parent(among: candidates, lat: nil, lon: nil, addressKey: key)?.id == "1")
        #expect(self.rule.parent(among: candidates, lat: nil, lon: nil, addressKey: "G9|none") == nil)
    }
}
