import Foundation

/// A grid worker's or community secretary's reply by SMS: `接单`, `进展 <说明>`, `办结 <说明>`,
/// `退回 <原因>`, with an optional ticket number before or after the verb
/// (`12345-20261128-000001 办结 已修复`, `办结 12345-20261128-000001 已修复`).
///
/// Parsing is forgiving of how people type on a phone: full-width digits, letters and dashes,
/// ideographic spaces, no space at all (`接单12345-…`), punctuation between the parts
/// (`办结：已修复。`), a number typed without its dashes (`1234520261128000001`).
public struct GridCommand: Equatable, Sendable {
    /// What the command asks for.
    public enum Verb: String, Sendable, CaseIterable {
        /// 接单: accept the task.
        case accept
        /// 进展: report progress.
        case progress
        /// 办结: resolved.
        case resolve
        /// 退回: give it back, with the reason.
        case `return`

        /// The verb as the acknowledgement names it.
        public var chineseName: String {
            switch self {
            case .accept: "接单"
            case .progress: "进展"
            case .resolve: "办结"
            case .return: "退回"
            }
        }
    }

    /// The action.
    public var verb: Verb
    /// The ticket number `12345-yyyyMMdd-NNNNNN`, when given.
    public var ticketNumber: String?
    /// The note (说明 or 原因), when given.
    public var note: String?

    /// Creates a command.
    public init(verb: Verb, ticketNumber: String? = nil, note: String? = nil) {
        self.verb = verb
        self.ticketNumber = ticketNumber
        self.note = note
    }

    /// The words that name each verb, longest first so that `已办结` wins over `办结`.
    static let words: [(String, Verb)] = [
        ("已办结", .resolve), ("已完成", .resolve), ("已处理", .resolve), ("办结", .resolve), ("完成", .resolve),
        ("已接单", .accept), ("接单", .accept), ("受理", .accept),
        ("退回", .return), ("退单", .return),
        ("进展", .progress), ("进度", .progress),
    ]

    /// The command in `text`, or nil when it is not one (the caller then answers with help).
    public static func parse(_ text: String) -> GridCommand? {
        var rest = Self.trimSeparators(Self.normalize(text))
        let number = Self.takeNumber(from: &rest)
        rest = Self.trimSeparators(rest)
        guard let match = Self.words.first(where: { rest.hasPrefix($0.0) }) else { return nil }
        let (word, verb) = match
        rest = String(rest.dropFirst(word.count))
        var ticketNumber = number
        if ticketNumber == nil {
            rest = Self.trimSeparators(rest)
            ticketNumber = Self.takeNumber(from: &rest)
        }
        var note = Self.trimSeparators(rest)
        while let last = note.last, Self.closing.contains(last) { note.removeLast() }
        // A bare number after the note or a second number is not a command anyone types.
        return GridCommand(verb: verb, ticketNumber: ticketNumber, note: note.isEmpty ? nil : note)
    }

    /// ASCII for full-width digits and letters, one kind of dash, single spaces.
    static func normalize(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            // Full-width digits, letters and the dash become ASCII; full-width punctuation stays,
            // so that a note keeps the words as typed (the separators know both forms).
            case 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A, 0xFF0D: scalars.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
            case 0x3000, 0x00A0, 0x0009, 0x000A, 0x000D: scalars.append(" ")
            case 0x2010...0x2015, 0x2212, 0xFE63, 0x30FC: scalars.append("-")
            default: scalars.append(scalar)
            }
        }
        return String(scalars).split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    /// Characters people put between the number, the verb and the note.
    static let separators: Set<Character> = [" ", ",", ".", ":", ";", "!", "?", "-", "、", "，", "。", "：", "；", "！", "？", "#", "【", "】", "[", "]", "(", ")", "（", "）", "~", "…"]

    /// Punctuation that may end a note and is dropped (brackets stay: `已修复（见照片）`).
    static let closing: Set<Character> = [" ", ",", ".", ";", "!", "?", "，", "。", "；", "！", "？", "、", "~", "…"]

    /// `text` without separators in front.
    static func trimSeparators(_ text: String) -> String {
        String(text.drop(while: { Self.separators.contains($0) }))
    }

    /// Removes a leading ticket number from `text`, returned as `12345-yyyyMMdd-NNNNNN`.
    static func takeNumber(from text: inout String) -> String? {
        var digits = ""
        var consumed = 0
        for character in text {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else if character == "-" || character == " " || character == "_" {
                // Dashes and spaces inside a number.
            } else {
                break
            }
            consumed += 1
            if digits.count == 19 { break }
        }
        guard digits.count == 19, digits.hasPrefix("12345") else { return nil }
        // A 20th digit means this was some other number.
        let after = text.dropFirst(consumed)
        if let next = after.first, next.isASCII, next.isNumber { return nil }
        text = String(after)
        let d = Array(digits)
        return "12345-" + String(d[5..<13]) + "-" + String(d[13..<19])
    }
}
