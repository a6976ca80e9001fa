/// Fits a direct answer into the caller's SMS: at most two segments of a concatenated
/// Chinese SMS (UCS-2, 67 characters each), the title first, the answer cut with "…".
enum AnswerText {
    /// Characters two concatenated UCS-2 segments hold.
    static let limit = 134

    /// The values of the `answer` template, the answer (then the title) shortened so that
    /// the rendered text holds at most `limit` characters.
    static func values(title: String, answer: String, number: String, templates: SMSTemplates) -> [String: String] {
        var title = title
        let frame = templates.render("answer", ["title": "", "answer": "", "number": number]).count
        if frame + title.count > limit - 20 { title = String(title.prefix(max(limit - 20 - frame - 1, 4))) + "…" }
        let room = limit - frame - title.count
        let clean = answer.split(whereSeparator: \.isNewline).joined(separator: " ")
        let short = clean.count <= room ? clean : String(clean.prefix(max(room - 1, 0))) + "…"
        return ["title": title, "answer": short]
    }
}
