import Foundation
import HotlineDomain

/// The households registry as intake's routes use it (一户一档): every read of a file and every
/// list is recorded with the read, in the same transaction. `grids` limits what a grid
/// worker's or secretary's key sees (nil: everything); outside them a household is not there.
public protocol HouseholdRepository: Sendable {
    /// A page of households, in code order; the search is recorded (who, `action`, `filter`, rows).
    func list(_ filter: HouseholdStore.Filter, by reader: HouseholdReader, action: String, audit filter: [String: String]) async throws
        -> [HouseholdRecord]
    /// The household's page, its read recorded; nil when unknown or outside `grids`.
    func file(_ code: String, within grids: [String]?, by reader: HouseholdReader) async throws -> HouseholdFile?
    /// The household's colour, its read recorded (a department's read); nil when unknown.
    func colour(_ code: String, by reader: HouseholdReader) async throws -> HouseholdColour?
    /// Who read the household's file, newest first; nil when unknown.
    func reads(of code: String) async throws -> [HouseholdStore.Read]?
    /// Every household, the export recorded in the registry's history.
    func export(by actor: String) async throws -> [Household]
    /// Replaces a household's file and recolours it; nil when unknown or outside `grids`,
    /// ``HouseholdOutsideGrids`` when the new grid is outside them.
    func update(_ household: Household, rules: HouseholdRules, within grids: [String]?, by actor: String) async throws -> HouseholdRecord?
    /// Sets (or with nil clears) an operator's colour override; nil when unknown.
    func overrideColour(_ code: String, colour: HouseholdColour?, reason: String, by actor: String) async throws -> HouseholdRecord?
    /// Records a visit and opens its ticket, if any; nil when unknown or outside `grids`.
    func visit(_ code: String, _ visit: HouseholdVisitReport, within grids: [String]?, recordedBy actor: String) async throws
        -> (visit: HouseholdVisits.Visit, ticket: Ticket?)?
    /// Households (of `grids`, or all) whose visit is overdue at `now`, most overdue first.
    func overdueVisits(grids: [String]?, visitEvery: [HouseholdColour: ISODuration], at now: Date) async throws -> [HouseholdVisits.Due]
}
