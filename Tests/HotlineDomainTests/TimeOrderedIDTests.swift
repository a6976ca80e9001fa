import Foundation
import HotlineDomain
import Testing

/// UUIDv7 ids for hot primary keys.
@Suite struct TimeOrderedIDTests {
    @Test func idsCarryVersion7AndTheirMillisecondAndSortByTime() throws {
        let earlier = Date(timeIntervalSince1970: 1_790_000_000.5)
        let later = earlier.addingTimeInterval(0.002)
        let a = TimeOrderedID.make(at: earlier)
        let b = TimeOrderedID.make(at: later)
        #expect(UUID(uuidString: a) != nil)
        #expect(a == a.lowercased())
        #expect(Array(a)[14] == "7", "version nibble: \(a)")
        #expect(["8", "9", "a", "b"].contains(Array(a)[19]), "variant: \(a)")
        #expect(a < b)
        let millis = UInt64(String(a.replacingOccurrences(of: "-", with: "").prefix(12)), radix: 16)
        #expect(millis == 1_790_000_000_500)
        #expect(TimeOrderedID.make(at: earlier) != a)
    }
}
