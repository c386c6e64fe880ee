import RLCore

extension DatasetLocator {
    /// This locator for the datasets of `preset`'s budget: `standard` and `paper` use
    /// full-size datasets (`datasets/<file>`); `quick` and `tiny` generate their reduced ones
    /// into `datasets/quick/` and `datasets/tiny/`, so a reduced dataset never replaces a
    /// full-size one (a full-size one still serves them when they have none of their own).
    public func forDatasets(of preset: Preset) -> DatasetLocator {
        var locator = self
        locator.reducedBudget = preset == .standard || preset == .paper ? nil : preset.rawValue
        return locator
    }
}
