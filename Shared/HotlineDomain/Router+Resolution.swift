extension Router {
    /// The grid by explicit code, then point in polygon, then address alias; each rule tried
    /// leaves a sentence, a failure leaves a problem.
    func resolveGrid(_ request: RoutingRequest, why: inout RoutingExplanation, problems: inout [String]) -> Grid? {
        if let code = request.gridCode?.trimmingWhitespace(), !code.isEmpty {
            if let grid = self.grids.grid(code: code) {
                why.add("grid.code", ["grid": grid.code], "按指定的网格编码落入\(Self.label(grid))")
                return grid
            }
            why.add("grid.code_unknown", ["grid": code], "网格编码“\(code)”不存在")
        }
        if let point = request.coordinate {
            let values = ["lat": String(point.lat), "lon": String(point.lon)]
            if !point.isValid {
                why.add("grid.point_invalid", values, "坐标（\(point.lat), \(point.lon)）不是有效位置")
            } else if let grid = self.grids.grid(containing: point) {
                why.add("grid.point", values.merging(["grid": grid.code]) { a, _ in a }, "按坐标落入\(Self.label(grid))")
                return grid
            } else {
                why.add("grid.point_outside", values, "坐标（\(point.lat), \(point.lon)）不在任何网格内")
            }
        }
        if let address = request.address, !address.trimmingWhitespace().isEmpty {
            if let match = self.grids.grid(matchingAddress: address) {
                why.add("grid.alias", ["grid": match.grid.code, "alias": match.alias], "按地址中的“\(match.alias)”落入\(Self.label(match.grid))")
                return match.grid
            }
            why.add("grid.alias_none", [:], "地址未匹配到任何网格")
        }
        let tried = request.gridCode != nil || request.coordinate != nil || request.address != nil
        problems.append(tried ? "按所给位置找不到网格" : "没有给出位置")
        return nil
    }

    /// The category given (if known) or classified from the description.
    func resolveCategory(_ request: RoutingRequest, why: inout RoutingExplanation, problem: inout String?) -> Category? {
        if let code = request.category?.trimmingWhitespace(), !code.isEmpty {
            if let category = self.categories[code] ?? Category.builtIn[code] {
                why.add("category.given", ["category": category.code], "分类“\(category.name)”由来电指定")
                return category
            }
            why.add("category.unknown", ["category": code], "分类编码“\(code)”不存在")
            problem = "分类编码“\(code)”不存在"
            return nil
        }
        if let match = self.classifier.classification(of: request.description) {
            let keywords = match.keywords.map { "“\($0)”" }.joined(separator: "、")
            why.add(
                "category.classified", ["category": match.category.code, "keywords": match.keywords.joined(separator: ",")],
                "按关键词\(keywords)归入分类“\(match.category.name)”"
            )
            return match.category
        }
        why.add("category.none", [:], "描述中没有可识别分类的关键词")
        problem = "无法从描述中识别分类"
        return nil
    }

    /// The lead and assisting departments of a category, without the excluded ones; the first
    /// remaining department leads.
    func assignDepartments(
        _ category: Category, excluding excluded: Set<String>, why: inout RoutingExplanation
    ) -> [DepartmentAssignment] {
        var codes: [String] = []
        for code in [category.department].compactMap({ $0 }) + category.assist where !codes.contains(code) {
            codes.append(code)
        }
        var chosen: [Department] = []
        for code in codes {
            if excluded.contains(code) {
                why.add("department.excluded", ["department": code], "\(self.departments[code]?.name ?? code)已退回此单，不再派给它")
            } else if let department = self.departments[code] {
                chosen.append(department)
            } else {
                why.add("department.unknown", ["department": code], "部门编码“\(code)”不存在，已跳过")
            }
        }
        guard let lead = chosen.first else {
            return []
        }
        if lead.code != category.department {
            let original = category.department.map { self.departments[$0]?.name ?? $0 } ?? "原主办部门"
            why.add(
                "department.substitute", ["department": lead.code, "replaces": category.department ?? ""],
                "\(lead.name)代替\(original)主办"
            )
        }
        let assists = chosen.dropFirst()
        let assistText = assists.isEmpty ? "" : "，\(assists.map(\.name).joined(separator: "、"))协办"
        why.add(
            "department.lead", ["category": category.code, "department": lead.code, "assist": assists.map(\.code).joined(separator: ",")],
            "分类“\(category.name)”由\(lead.name)主办\(assistText)"
        )
        return chosen.enumerated().map { index, department in
            DepartmentAssignment(code: department.code, name: department.name, role: index == 0 ? .lead : .assist)
        }
    }

    /// A grid as people name it: its name, with the community's in front unless the name already
    /// starts with it (`水川路社区第2网格`).
    static func label(_ grid: Grid) -> String {
        grid.name.hasPrefix(grid.community.name) ? grid.name : grid.community.name + grid.name
    }
}
