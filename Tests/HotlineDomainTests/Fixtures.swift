import Foundation
@testable import HotlineDomain

/// Test fixtures, found next to this file so that they work in any package that compiles it.
enum Fixtures {
    /// The folder holding the fixture folders.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// A fixture folder by name (`valid`, `invalid`).
    static func folder(_ name: String) -> URL {
        self.root.appendingPathComponent(name)
    }

    /// The valid fixture jurisdiction: three grids (one with a hole, one a MultiPolygon whose
    /// island fills that hole), four departments, six categories.
    static func jurisdiction() throws -> Jurisdiction {
        try Jurisdiction.load(folder: self.folder("valid"))
    }

    /// Shanghai time, the default business time zone.
    static let shanghai = TimeZone(identifier: "Asia/Shanghai")!

    /// An instant from ISO 8601 text with an offset, e.g. `2026-09-25T10:00:00+08:00`.
    static func instant(_ text: String) -> Date {
        guard let date = HotlineJSON.parse(text) else {
            fatalError("bad test instant \(text)")
        }
        return date
    }
}
