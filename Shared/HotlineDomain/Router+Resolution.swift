extension Router {
    /// The grid by explicit code, then point in polygon, then address alias; each rule tried
    /// leaves a reason, a failure leaves a problem.
    func resolveGrid(_ request: RoutingRequest, reasons: inout [String], problems: inout [String]) -> Grid? {
        if let code = request.gridCode?.trimmingWhitespace(), !code.isEmpty {
            if let grid = self.grids.grid(code: code) {
                reasons.append("grid \(grid.code) by explicit grid code")
                return grid
            }
            reasons.append("grid code '\(code)' unknown")
        }
        if let point = request.coordinate {
            if !point.isValid {
                reasons.append("coordinate (\(point.lat), \(point.lon)) is not a valid position")
            } else if let grid = self.grids.grid(containing: point) {
                reasons.append("grid \(grid.code) by point in polygon")
                return grid
            } else {
                reasons.append("point (\(point.lat), \(point.lon)) lies in no grid")
            }
        }
        if let address = request.address, !address.trimmingWhitespace().isEmpty {
            if let match = self.grids.grid(matchingAddress: address) {
                reasons.append("grid \(match.grid.code) by address alias '\(match.alias)'")
                return match.grid
            }
            reasons.append("address matches no grid alias")
        }
        let tried = request.gridCode != nil || request.coordinate != nil || request.address != nil
        problems.append(tried ? "no grid found for the location" : "no location given")
        return nil
    }

    /// The category given (if known) or classified from the description.
    func resolveCategory(_ request: RoutingRequest, reasons: inout [String], problem: inout String?) -> Category? {
        if let code = request.category?.trimmingWhitespace(), !code.isEmpty {
            if let category = self.categories[code] ?? Category.builtIn[code] {
                reasons.append("category \(category.code) given")
                return category
            }
            reasons.append("category '\(code)' unknown")
            problem = "unknown category '\(code)'"
            return nil
        }
        if let match = self.classifier.classification(of: request.description) {
            reasons.append("category \(match.category.code) classified from keywords \(match.keywords.joined(separator: ", "))")
            return match.category
        }
        reasons.append("no category keyword in the description")
        problem = "category could not be classified from the description"
        return nil
    }

    /// The lead and assisting departments of a category, without the excluded ones; the first
    /// remaining department leads.
    func assignDepartments(
        _ category: Category, excluding excluded: Set<String>, reasons: inout [String]
    ) -> [DepartmentAssignment] {
        var codes: [String] = []
        for code in [category.department].compactMap({ $0 }) + category.assist where !codes.contains(code) {
            codes.append(code)
        }
        var chosen: [Department] = []
        for code in codes {
            if excluded.contains(code) {
                reasons.append("department \(code) excluded (returned)")
            } else if let department = self.departments[code] {
                chosen.append(department)
            } else {
                reasons.append("department \(code) unknown, skipped")
            }
        }
        guard let lead = chosen.first else {
            return []
        }
        if lead.code != category.department {
            reasons.append("department \(lead.code) leads in place of \(category.department ?? "none")")
        }
        let assists = chosen.dropFirst().map(\.code)
        let assistText = assists.isEmpty ? "" : ", assisted by \(assists.joined(separator: ", "))"
        reasons.append("department \(lead.code) leads\(assistText)")
        return chosen.enumerated().map { index, department in
            DepartmentAssignment(code: department.code, name: department.name, role: index == 0 ? .lead : .assist)
        }
    }
}
