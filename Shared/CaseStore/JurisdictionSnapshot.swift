import Foundation
import HotlineDomain

/// One loaded revision of the jurisdiction with everything the hot paths need prebuilt:
/// the grid index, the router, the classifier and the working-day calendar.
public struct JurisdictionSnapshot: Sendable {
    /// The map and rules.
    public let jurisdiction: Jurisdiction
    /// Import revision it came from.
    public let revision: Int
    /// Grid lookup by code, point and address.
    public let grids: GridIndex
    /// The routing rules.
    public let router: Router
    /// Category from free text.
    public let classifier: Classifier
    /// Working days of the business calendar.
    public let calendar: WorkingCalendar
    let categoriesByCode: [String: HotlineDomain.Category]
    let departmentsByCode: [String: Department]

    /// Builds the indexes of `jurisdiction`.
    public init(jurisdiction: Jurisdiction, revision: Int, timeZone: TimeZone) {
        self.jurisdiction = jurisdiction
        self.revision = revision
        self.grids = GridIndex(grids: jurisdiction.grids)
        self.router = Router(jurisdiction: jurisdiction, timeZone: timeZone)
        self.classifier = Classifier(categories: jurisdiction.catalog.categories)
        self.calendar = WorkingCalendar(rules: jurisdiction.catalog.calendar, timeZone: timeZone)
        self.categoriesByCode = Dictionary(jurisdiction.catalog.categories.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        self.departmentsByCode = Dictionary(jurisdiction.catalog.departments.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The category with `code`.
    public func category(_ code: String) -> HotlineDomain.Category? { self.categoriesByCode[code] }

    /// The department with `code`.
    public func department(_ code: String) -> Department? { self.departmentsByCode[code] }

    /// Respond-by and resolve-by for `urgency`, counted from `start` on the calendar.
    public func deadlines(for urgency: Urgency, from start: Date) -> (respondBy: Date, resolveBy: Date) {
        let terms = self.jurisdiction.catalog.sla.terms(for: urgency)
        return (
            self.calendar.deadline(from: start, adding: terms.respond, workingDays: terms.workingDays),
            self.calendar.deadline(from: start, adding: terms.resolve, workingDays: terms.workingDays)
        )
    }
}
