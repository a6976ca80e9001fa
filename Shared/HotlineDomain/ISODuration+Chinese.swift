extension ISODuration {
    /// The duration as people say it: `5个工作日`, `24小时`, `2小时30分钟`, `30分钟`, `1天`.
    ///
    /// With `workingDays`, whole days are 工作日; the time part is always clock time.
    public func chineseText(workingDays: Bool) -> String {
        var parts: [String] = []
        if self.days > 0 {
            parts.append(workingDays ? "\(self.days)个工作日" : "\(self.days)天")
        }
        if self.hours > 0 {
            parts.append("\(self.hours)小时")
        }
        if self.minutes > 0 {
            parts.append("\(self.minutes)分钟")
        }
        if self.secondsPart > 0 {
            parts.append("\(Int(self.secondsPart.rounded()))秒")
        }
        return parts.isEmpty ? "0分钟" : parts.joined()
    }
}
