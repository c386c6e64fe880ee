import Testing
@testable import RLCore

@Suite struct TransitionsTests {
    /// Six rows, one observation dimension equal to the row number: episode A = rows 0–2 ending
    /// in a timeout at row 2, episode B = rows 3–4 ending in a terminal at row 4, row 5 unfinished.
    private func handMade(withNext: Bool) -> D4RLDataset {
        D4RLDataset(
            observations: Matrix((0..<6).map { [Float($0)] }),
            actions: Matrix((0..<6).map { [Float($0) / 10] }),
            rewards: [1, 2, 3, 4, 5, 6],
            terminals: [false, false, false, false, true, false],
            timeouts: [false, false, true, false, false, false],
            nextObservations: withNext ? Matrix((0..<6).map { [Float($0) + 0.5] }) : nil)
    }

    @Test func dropsTimeoutsAndTakesNextObservationsFromTheFile() {
        let view = Transitions(qLearningViewOf: handMade(withNext: true))
        #expect(view.count == 5)
        #expect(view.observations.storage == [0, 1, 3, 4, 5])
        #expect(view.nextObservations.storage == [0.5, 1.5, 3.5, 4.5, 5.5])
        #expect(view.actions.storage == [0, 0.1, 0.3, 0.4, 0.5])
        #expect(view.rewards == [1, 2, 4, 5, 6])
        #expect(view.terminals == [0, 0, 0, 1, 0])
        #expect(view.truncations == [0, 0, 0, 0, 0])
    }

    @Test func withoutNextObservationsUsesTheFollowingRowAndDropsTheLast() {
        let view = Transitions(qLearningViewOf: handMade(withNext: false))
        // D4RL: rows 0..<5, minus the timeout at row 2.
        #expect(view.observations.storage == [0, 1, 3, 4])
        #expect(view.nextObservations.storage == [1, 2, 4, 5])
        #expect(view.rewards == [1, 2, 4, 5])
        #expect(view.terminals == [0, 0, 0, 1])
    }

    @Test func filesWithoutTimeoutsKeepEveryRow() {
        var dataset = handMade(withNext: true)
        dataset.timeouts = nil
        #expect(Transitions(qLearningViewOf: dataset).count == 6)
    }
}
