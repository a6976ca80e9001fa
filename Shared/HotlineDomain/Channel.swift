/// How a request reached the hotline.
public enum Channel: String, Codable, Sendable, CaseIterable {
    /// A call to 12345.
    case phone
    /// The web form or Open311.
    case web
    /// The mobile app or mini-program.
    case app
    /// 网格员上报: reported by a grid worker on patrol.
    case gridPatrol = "grid_patrol"
    /// In person at a service counter.
    case walkIn = "walk_in"
}
