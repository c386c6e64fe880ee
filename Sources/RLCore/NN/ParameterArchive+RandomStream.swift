extension RandomStream {
    /// The 256-bit state as four words (for checkpoints).
    public var stateWords: [UInt64] {
        var copy = self
        return withUnsafeBytes(of: &copy) { Array($0.bindMemory(to: UInt64.self)) }
    }

    /// The generator whose state is `words` (four words from `stateWords`).
    public init(stateWords words: [UInt64]) {
        precondition(words.count == 4, "a RandomStream state has four words")
        self.init(seed: 0)
        withUnsafeMutableBytes(of: &self) { raw in
            let target = raw.bindMemory(to: UInt64.self)
            for i in 0..<4 { target[i] = words[i] }
        }
    }
}

extension ParameterArchive {
    /// Stores a random stream's state as four scalars `name.0` … `name.3`.
    public mutating func add(_ stream: RandomStream, name: String) {
        for (i, word) in stream.stateWords.enumerated() { scalars["\(name).\(i)"] = Int64(bitPattern: word) }
    }

    /// The random stream stored under `name`.
    public func randomStream(named name: String) throws -> RandomStream {
        var words: [UInt64] = []
        for i in 0..<4 {
            guard let value = scalars["\(name).\(i)"] else { throw ParameterArchiveError.missingTensor("\(name).\(i)") }
            words.append(UInt64(bitPattern: value))
        }
        return RandomStream(stateWords: words)
    }
}
