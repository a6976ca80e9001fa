/// The age bands a community counts its residents in.
public enum AgeBand: String, Codable, Sendable, CaseIterable {
    case infant = "0-3"
    case child = "4-12"
    case teen = "13-17"
    case adult = "18-59"
    case senior = "60-79"
    case elderly = "80+"

    /// The band of an age in whole years; negative ages (a birth year in the future) are 0-3.
    public init(age: Int) {
        switch age {
        case ..<4: self = .infant
        case 4...12: self = .child
        case 13...17: self = .teen
        case 18...59: self = .adult
        case 60...79: self = .senior
        default: self = .elderly
        }
    }

    /// The band of someone born in `birthYear`, counted in `year` (age = year - birth year, as
    /// community ledgers count it).
    public init(birthYear: Int, in year: Int) {
        self.init(age: year - birthYear)
    }
}
