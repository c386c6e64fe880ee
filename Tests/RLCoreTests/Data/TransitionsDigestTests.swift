import Testing
@testable import RLCore

@Suite struct TransitionsDigestTests {
    /// s = (1.5, −2), a = 0.25, r = 1, s′ = (0, 3), terminal, no time limit.
    private func oneTransition(reward: Float = 1) -> Transitions {
        Transitions(observations: Matrix(rows: 1, columns: 2, storage: [1.5, -2]), actions: Matrix(rows: 1, columns: 1, storage: [0.25]),
                    rewards: [reward], nextObservations: Matrix(rows: 1, columns: 2, storage: [0, 3]), terminals: [1], truncations: [0])
    }

    /// Known answers from an independent implementation (Python: FNV-1a 64 over
    /// `struct.pack('<f', v)` of the eight values in order).
    @Test func theDigestIsFNV1aOverTheArraysInOrder() {
        #expect(oneTransition().digest == "fnv1a64:9d83647ef774c6f2")
        #expect(oneTransition(reward: 1.0000001).digest == "fnv1a64:e87136ee207ed8c3")
        let empty = Transitions(observations: Matrix(rows: 0, columns: 2), actions: Matrix(rows: 0, columns: 1), rewards: [],
                                nextObservations: Matrix(rows: 0, columns: 2), terminals: [], truncations: [])
        #expect(empty.digest == "fnv1a64:cbf29ce484222325")
    }

    /// Equal data give equal digests; moving a flag from one array to the next does not.
    @Test func theDigestTellsChangedDataFromEqual() {
        #expect(oneTransition().digest == oneTransition().digest)
        var moved = oneTransition()
        moved.terminals = [0]
        moved.truncations = [1]
        #expect(moved.digest != oneTransition().digest)
    }
}
