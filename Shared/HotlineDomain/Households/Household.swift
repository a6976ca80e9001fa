/// One household's file (一户一档): where it is, who lives there and who watches over them.
public struct Household: Codable, Sendable, Hashable {
    /// One person of the household.
    public struct Member: Codable, Sendable, Hashable {
        public var name: String
        /// Normalized mobile number, if the member has one.
        public var phone: String?
        public var birthYear: Int?
        public var flags: [MemberFlag]

        public init(name: String, phone: String? = nil, birthYear: Int? = nil, flags: [MemberFlag] = []) {
            self.name = name
            self.phone = phone
            self.birthYear = birthYear
            self.flags = flags
        }

        /// Age in `year`, if the birth year is known.
        public func age(in year: Int) -> Int? {
            self.birthYear.map { year - $0 }
        }
    }

    /// Unique code, e.g. `H-0001`.
    public var code: String
    public var address: String
    /// The grid the household belongs to (given, or placed from coordinates or address).
    public var grid: String
    public var coordinate: Coordinate?
    public var kind: HouseholdKind
    /// Whether the household gets the daily check-in SMS (平安打卡).
    public var checkin: Bool
    /// Who looks in on the household (a neighbour, a relative): told when a check-in is missed.
    public var watcher: Contact?
    public var members: [Member]

    public init(
        code: String, address: String, grid: String, coordinate: Coordinate? = nil, kind: HouseholdKind = .residential,
        checkin: Bool = false, watcher: Contact? = nil, members: [Member] = []
    ) {
        self.code = code
        self.address = address
        self.grid = grid
        self.coordinate = coordinate
        self.kind = kind
        self.checkin = checkin
        self.watcher = watcher
        self.members = members
    }

    /// Where the check-in SMS goes: the first member with a phone, else the watcher.
    public var checkinRecipient: String? {
        self.members.lazy.compactMap(\.phone).first ?? self.watcher?.phone
    }

    /// Phones whose reply counts as a check-in: every member's and the watcher's.
    public var checkinPhones: [String] {
        self.members.compactMap(\.phone) + (self.watcher.map { [$0.phone] } ?? [])
    }
}

extension Household {
    /// The address as households and tickets are matched on it: without white space, lowercased.
    public static func addressKey(_ address: String) -> String {
        String(address.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init)).lowercased()
    }
}
