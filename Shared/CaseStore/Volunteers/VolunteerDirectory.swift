/// The volunteers' phones, read where the notifier plans the SMS about a service order (the
/// events name volunteers by code only).
public protocol VolunteerDirectory {
    /// The phones of the volunteers `codes`, in the order of their codes (unknown codes skipped).
    func phones(of codes: [String]) throws -> [String]
    /// The volunteer `code`, if any.
    func volunteer(code: String) throws -> VolunteerRecord?
}
