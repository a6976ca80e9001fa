extension String {
    /// The string without leading and trailing white space, without needing Foundation.
    func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace {
            scalars.removeFirst()
        }
        while let last = scalars.last, last.isWhitespace {
            scalars.removeLast()
        }
        return String(scalars)
    }

    /// The string lowercased (for Latin text) with all white space removed, for matching
    /// aliases and keywords the way people type them.
    func matchingKey() -> String {
        String(self.lowercased().unicodeScalars.filter { !$0.properties.isWhitespace })
    }
}
