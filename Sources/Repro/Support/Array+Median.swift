extension Array where Element == Double {
    /// The middle value of the sorted elements (the mean of the two middle ones when the count is
    /// even): [3, 1, 100] → 3, [1, 3] → 2. An outlier moves it less than it moves the mean.
    /// - Precondition: the array is not empty.
    public var median: Double {
        precondition(!isEmpty, "the median of no values")
        let sorted = sorted()
        let middle = sorted.count / 2
        return sorted.count.isMultiple(of: 2) ? (sorted[middle - 1] + sorted[middle]) / 2 : sorted[middle]
    }
}
