extension Adam {
    /// Adds the moments and the step count to `archive`, names prefixed by `prefix`.
    public func save(into archive: inout ParameterArchive, prefix: String) {
        archive.add(stateTensors, prefix: prefix)
        archive.scalars[prefix + "step"] = Int64(step)
    }

    /// Restores what `save(into:prefix:)` wrote.
    public func restore(from archive: ParameterArchive, prefix: String) throws {
        try archive.load(into: stateTensors, prefix: prefix)
        guard let step = archive.scalars[prefix + "step"] else { throw ParameterArchiveError.missingTensor(prefix + "step") }
        restoreStep(Int(step))
    }
}
