import ZichtCore

extension CivilDate {
    /// Monday = 0 … Sunday = 6, the index into a ``WeekPattern``.
    var weekdayIndex: Int { isoWeekday - 1 }
}

/// `value` in decimal, padded with zeros to `width` digits.
func zeroPadded(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}
