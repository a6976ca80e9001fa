/// A grid or secretary key tried to move a household out of its grids (403); nothing was written.
public struct HouseholdOutsideGrids: Error, CustomStringConvertible {
    /// The refusal.
    public init() {}

    /// Why, in words.
    public var description: String { "a grid or secretary key may not move a household out of its grids" }
}
