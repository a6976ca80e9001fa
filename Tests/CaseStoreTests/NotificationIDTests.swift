import CaseStore
import Foundation
import Testing

/// The derived notification id: the same source gives the same id, ids sort by the source's
/// time, and each is a valid UUIDv7 carrying that time.
@Suite struct NotificationIDTests {
    let time = Date(timeIntervalSince1970: 1_795_000_000.123)

    @Test func theSameSourceGivesTheSameId() {
        let a = NotificationID.derive(at: self.time, sourceEvent: "e1", kind: "receipt", recipient: "13800000001")
        #expect(a == NotificationID.derive(at: self.time, sourceEvent: "e1", kind: "receipt", recipient: "13800000001"))
        #expect(a != NotificationID.derive(at: self.time, sourceEvent: "e2", kind: "receipt", recipient: "13800000001"))
        #expect(a != NotificationID.derive(at: self.time, sourceEvent: "e1", kind: "assigned", recipient: "13800000001"))
        #expect(a != NotificationID.derive(at: self.time, sourceEvent: "e1", kind: "receipt", recipient: "13800000002"))
        // The parts are kept apart: ("e1r", "eceipt") is another source than ("e1", "receipt").
        #expect(a != NotificationID.derive(at: self.time, sourceEvent: "e1r", kind: "eceipt", recipient: "13800000001"))
    }

    /// The id must not change between versions: a source planned before an upgrade and
    /// replanned after it is recognised by its id alone.
    @Test func theIdOfASourceIsFixed() {
        #expect(
            NotificationID.derive(at: self.time, sourceEvent: "e1", kind: "receipt", recipient: "13800000001")
                == "01a1ee56-5e7b-76c7-8635-fa05b6a49a52"
        )
    }

    @Test func idsSortByTheSourcesTime() {
        let earlier = NotificationID.derive(at: self.time, sourceEvent: "z", kind: "z", recipient: "z")
        let later = NotificationID.derive(at: self.time.addingTimeInterval(0.001), sourceEvent: "a", kind: "a", recipient: "a")
        #expect(earlier < later)
        let nextMonth = NotificationID.derive(at: self.time.addingTimeInterval(31 * 86_400), sourceEvent: "a", kind: "a", recipient: "a")
        #expect(later < nextMonth)
    }

    @Test func anIdIsAValidUUIDv7OfTheSourcesMillisecond() throws {
        let id = NotificationID.derive(at: self.time, sourceEvent: "e1", kind: "receipt", recipient: "13800000001")
        let uuid = try #require(UUID(uuidString: id))
        #expect(uuid.uuidString.lowercased() == id)
        let bytes = withUnsafeBytes(of: uuid.uuid) { Array($0) }
        #expect(bytes[6] >> 4 == 7, "version 7")
        #expect(bytes[8] >> 6 == 0b10, "variant 10")
        #expect(id.hasPrefix(String(format: "%08x-%04x", 1_795_000_000_123 >> 16, 1_795_000_000_123 & 0xFFFF)))
        #expect(NotificationID.time(of: id) == Date(timeIntervalSince1970: 1_795_000_000.123).addingTimeInterval(0))
        #expect(NotificationID.time(of: UUID().uuidString) == nil, "a random (v4) id carries no time")
    }
}
