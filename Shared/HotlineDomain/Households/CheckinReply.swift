import Foundation

/// Whether an SMS answers the daily check-in (平安打卡): a short "I am fine".
public enum CheckinReply {
    /// The words that count, compared after trimming and lowercasing.
    static let words: Set<String> = ["1", "平安", "安好", "好", "我很好", "很好", "没事", "在", "ok", "好的"]

    /// Whether `text` confirms the check-in.
    public static func confirms(_ text: String) -> Bool {
        let trimmed = text.trimmingWhitespace().lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "。.!！"))
        return self.words.contains(trimmed)
    }
}
