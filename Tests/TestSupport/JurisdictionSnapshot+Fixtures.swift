import CaseStore
import Foundation
import HotlineDomain

extension JurisdictionSnapshot {
    /// The test jurisdiction (Tests/HotlineDomainTests/Fixtures/valid), revision 1, in China's
    /// time zone: grids `620402001` (community `620402101`), `620402002` (community
    /// `620402101`), `620402003` (community `620402102`); departments `CG`, `GD`, `SW`, `ZJ`.
    public static let testFixture: JurisdictionSnapshot = {
        let folder = StackEnvironment.repositoryRoot().appendingPathComponent("Tests/HotlineDomainTests/Fixtures/valid")
        return JurisdictionSnapshot(jurisdiction: try! Jurisdiction.load(folder: folder), revision: 1, timeZone: WorkingCalendar.chinaTimeZone)
    }()
}
