/// SMS length conventions: 70 characters in one segment of UCS-2 text (Chinese), 67 per
/// segment when split; 160/153 for plain GSM text.
enum SMSText {
    /// Segments `text` takes on a handset.
    static func segments(_ text: String) -> Int {
        let isPlain = text.unicodeScalars.allSatisfy { $0.isASCII }
        let count = isPlain ? text.utf8.count : text.utf16.count
        let (single, multi) = isPlain ? (160, 153) : (70, 67)
        return count <= single ? 1 : (count + multi - 1) / multi
    }
}
