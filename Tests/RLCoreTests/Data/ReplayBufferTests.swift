import Testing
@testable import RLCore

@Suite struct ReplayBufferTests {
    private func transition(_ k: Int, buffer: ReplayBuffer, terminal: Bool = false, truncated: Bool = false) {
        buffer.append(observation: [Float(k), -Float(k)], action: [Float(k) / 10], reward: Float(k),
                      nextObservation: [Float(k) + 0.5, -Float(k) - 0.5], terminated: terminal, truncated: truncated)
    }

    @Test func fillsFromADatasetAndAppendsOnline() {
        let view = Transitions(qLearningViewOf: makeSampleDataset())
        let buffer = ReplayBuffer(view, capacity: 20)
        #expect(buffer.count == view.count && buffer.capacity == 20)
        #expect(buffer.transition(at: 0).observation == view.observations.row(0))
        #expect(buffer.transition(at: 2).terminated)
        buffer.append(observation: [9, 9, 9], action: [1, 1], reward: 3, nextObservation: [8, 8, 8], terminated: false, truncated: true)
        let last = buffer.transition(at: buffer.count - 1)
        #expect(last.reward == 3 && last.truncated && !last.terminated && buffer.count == view.count + 1)
    }

    @Test func wrapsAroundOverwritingTheOldest() {
        let buffer = ReplayBuffer(capacity: 3, observationSize: 2, actionSize: 1)
        for k in 0..<5 { transition(k, buffer: buffer) }
        #expect(buffer.count == 3 && buffer.totalAppended == 5)
        #expect((0..<3).map { buffer.transition(at: $0).reward } == [2, 3, 4])
        #expect(buffer.transition(at: 0).nextObservation == [2.5, -2.5])
    }

    @Test func samplesUniformlyIntoAReusedBatchAndNeverMasksTruncation() {
        let buffer = ReplayBuffer(capacity: 4, observationSize: 2, actionSize: 1)
        transition(0, buffer: buffer)
        transition(1, buffer: buffer, terminal: true)
        transition(2, buffer: buffer, truncated: true)
        transition(3, buffer: buffer)
        var batch = TransitionBatch(size: 4000, observationSize: 2, actionSize: 1)
        var rng = RandomStream(seed: 7, for: .sampling)
        let storageBefore = batch.rewards.storage.withUnsafeBufferPointer { $0.baseAddress }
        buffer.sample(into: &batch, using: &rng)
        #expect(batch.rewards.storage.withUnsafeBufferPointer { $0.baseAddress } == storageBefore)
        var counts = [0, 0, 0, 0]
        for b in 0..<batch.size {
            let k = Int(batch.rewards[b, 0])
            counts[k] += 1
            // Every field of a row comes from the same transition.
            #expect(batch.observations[b, 0] == Float(k) && batch.observations[b, 1] == -Float(k))
            #expect(batch.actions[b, 0] == Float(k) / 10 && batch.nextObservations[b, 0] == Float(k) + 0.5)
            #expect(batch.terminals[b, 0] == (k == 1 ? 1 : 0))
        }
        // 1000 expected per transition; 5 standard deviations ≈ 137.
        #expect(counts.allSatisfy { abs($0 - 1000) < 140 })
    }

    @Test func samplingIsDeterministicGivenTheSeed() {
        let buffer = ReplayBuffer(Transitions(qLearningViewOf: makeSampleDataset()))
        var first = TransitionBatch(size: 16, observationSize: 3, actionSize: 2)
        var second = first
        var rngA = RandomStream(seed: 3, for: .sampling), rngB = RandomStream(seed: 3, for: .sampling)
        buffer.sample(into: &first, using: &rngA)
        buffer.sample(into: &second, using: &rngB)
        #expect(first == second)
    }

    @Test func memoryIsWithinTwentyPercentOfTheRawTransitions() throws {
        for task in TaskRegistry.all {
            let shape = task.datasetShape
            let buffer = ReplayBuffer(capacity: 100, observationSize: shape.observation, actionSize: shape.action)
            #expect(Double(buffer.storageBytes) <= 1.2 * Double(buffer.rawTransitionBytes))
        }
    }
}
