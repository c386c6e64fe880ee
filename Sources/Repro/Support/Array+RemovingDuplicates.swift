extension Array where Element: Equatable {
    /// The elements without repeats, each where it first appears: [b, a, b, c] → [b, a, c].
    /// (Tasks, methods, commits and offline phases are listed in the order experiments give them.)
    public func removingDuplicates() -> [Element] {
        reduce(into: []) { kept, element in if !kept.contains(element) { kept.append(element) } }
    }
}
