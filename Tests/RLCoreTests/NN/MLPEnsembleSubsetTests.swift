import Foundation
import Testing
@testable import RLCore

@Suite struct MLPEnsembleSubsetTests {
    /// Evaluating only some members gives exactly their columns of the full pass.
    @Test(arguments: [false, true])
    func subsetColumnsEqualTheFullPass(layerNorm: Bool) {
        var rng = RandomStream(seed: 3)
        let ensemble = MLPEnsemble(widths: [7, 9, 8, 2], members: 5, layerNorm: layerNorm, using: &rng)
        let rows = 6
        var x = [Float](repeating: 0, count: rows * 7)
        for i in x.indices { x[i] = 2 * rng.nextUniformFloat() - 1 }
        let full = Array(UnsafeBufferPointer(start: ensemble.forward(x, rows: rows), count: rows * 10))
        for subset in [[1, 3], [0], [4, 2, 0]] {
            let partial = Array(UnsafeBufferPointer(start: ensemble.forward(x, rows: rows, members: subset), count: rows * 10))
            for r in 0..<rows {
                for k in subset {
                    #expect(partial[r * 10 + 2 * k] == full[r * 10 + 2 * k] && partial[r * 10 + 2 * k + 1] == full[r * 10 + 2 * k + 1])
                }
            }
        }
    }
}
