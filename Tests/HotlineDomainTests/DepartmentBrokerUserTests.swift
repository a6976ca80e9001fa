import Foundation
import Testing

@testable import HotlineDomain

/// `amqpUser` in the catalog (CONTRACTS.md section 9): read onto the department, validated.
@Suite struct DepartmentBrokerUserTests {
    private func load(departments: [[String: Any]]) throws -> Jurisdiction {
        let folder = Fixtures.folder("valid")
        let grids = try Data(contentsOf: folder.appendingPathComponent("grids.geojson"))
        var catalog = try #require(
            JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("catalog.json"))) as? [String: Any]
        )
        var existing = catalog["departments"] as? [[String: Any]] ?? []
        existing.append(contentsOf: departments)
        catalog["departments"] = existing
        return try Jurisdiction.decode(gridsJSON: grids, catalogJSON: try JSONSerialization.data(withJSONObject: catalog))
    }

    @Test func brokerUserIsReadOntoTheDepartment() throws {
        let jurisdiction = try self.load(departments: [["code": "TQ", "name": "测试处", "amqpUser": "dept-tq"]])
        #expect(jurisdiction.catalog.department(code: "TQ")?.amqpUser == "dept-tq")
        #expect(jurisdiction.catalog.department(code: "CG")?.amqpUser == nil)
    }

    @Test(arguments: ["", "有中文", "with space", String(repeating: "a", count: 65), "a/b"])
    func badBrokerUsersAreRefusedNamingTheField(_ user: String) throws {
        do {
            _ = try self.load(departments: [["code": "TQ", "name": "测试处", "amqpUser": user]])
            Issue.record("amqpUser '\(user)' was accepted")
        } catch let error as JurisdictionError {
            #expect(error.issues.map(\.description).contains { $0.contains("code TQ") && $0.contains("amqpUser") }, "\(error.issues)")
        }
    }

    @Test func aNonStringBrokerUserIsRefused() throws {
        #expect(throws: JurisdictionError.self) { try self.load(departments: [["code": "TQ", "name": "测试处", "amqpUser": 7]]) }
    }
}
