import Foundation
import Testing
@testable import HotlineDomain

/// What `deploy/demo/generate.py` writes, read by the loaders the services use: the demo
/// district and its households, the other city of `Tests/Fixtures/othercity`, and the deliberately
/// broken `Tests/Fixtures/invalid`. A generator change that the Swift side would refuse fails here.
@Suite struct GeneratedJurisdictionTests {
    /// The repository's root, three levels above this file.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func demoDistrictLoads() throws {
        let jurisdiction = try Jurisdiction.load(folder: Self.root.appendingPathComponent("deploy/demo"))
        #expect(jurisdiction.grids.count == 49)
        #expect(Set(jurisdiction.grids.map(\.community.code)).count == 12)
        #expect(Set(jurisdiction.grids.map(\.street.code)).count == 4)
        #expect(jurisdiction.catalog.departments.count == 14)
        #expect(jurisdiction.catalog.categories.count == 33)
        // Every category's departments exist, and every grid has people to tell.
        let departments = Set(jurisdiction.catalog.departments.map(\.code))
        for category in jurisdiction.catalog.categories {
            for code in [category.department].compactMap({ $0 }) + category.assist {
                #expect(departments.contains(code), "\(category.code) names unknown department \(code)")
            }
        }
        #expect(jurisdiction.grids.allSatisfy { !$0.worker.phone.isEmpty && !$0.secretary.phone.isEmpty })
    }

    @Test func demoHouseholdsAllPlaceAndValidate() throws {
        let jurisdiction = try Jurisdiction.load(folder: Self.root.appendingPathComponent("deploy/demo"))
        let data = try Data(contentsOf: Self.root.appendingPathComponent("deploy/demo/households.json"))
        let households = try HouseholdFileReader.read(data, file: "households.json", grids: GridIndex(grids: jurisdiction.grids), currentYear: 2026)
        #expect(households.count > 3_000)
        let grids = Set(jurisdiction.grids.map(\.code))
        #expect(households.allSatisfy { grids.contains($0.grid) })
    }

    @Test func otherCityLoads() throws {
        let jurisdiction = try Jurisdiction.load(folder: Self.root.appendingPathComponent("Tests/Fixtures/othercity"))
        #expect(jurisdiction.grids.count == 10)
        #expect(jurisdiction.grids.allSatisfy { $0.district.code == "HZ-XH" })
        #expect(jurisdiction.catalog.categories.count == 10)
        #expect(jurisdiction.catalog.departments.count == 8)
    }

    @Test func invalidFixtureIsRefusedWithItsProblems() throws {
        do {
            _ = try Jurisdiction.load(folder: Self.root.appendingPathComponent("Tests/Fixtures/invalid"))
            Issue.record("the invalid fixture loaded")
        } catch let error as JurisdictionError {
            #expect(error.issues.count >= 5, "\(error)")
            #expect(error.issues.allSatisfy { !$0.description.isEmpty })
        }
    }
}
