/// Who handles a category of problem.
public enum HandlerKind: String, Codable, Sendable, CaseIterable {
    /// 社区自办: handled inside the grid and community.
    case community
    /// 部门转办: transferred to a lead department, with optional assisting ones (1+N).
    case department
    /// 有事找书记: the community party secretary is first responsible.
    case secretary
    /// 群众点单、志愿者接单: a service from the community's menu, offered to its volunteers with the
    /// skill; the first who takes it handles it (docs/volunteers.md).
    case volunteer
}
