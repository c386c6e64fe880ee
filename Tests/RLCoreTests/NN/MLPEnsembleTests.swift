import Foundation
import Testing
@testable import RLCore

@Suite struct MLPEnsembleTests {
    @Test(arguments: [Activation.relu, .tanh, .identity])
    func gradientsMatchFiniteDifferences(activation: Activation) {
        var rng = RandomStream(seed: 3)
        let network = MLP(widths: [4, 6, 5, 2], activation: activation, outputActivation: .tanh, using: &rng)
        #expect(GradientCheck(network: network, rows: 3, seed: 4).maximumRelativeError() < 2e-2)
    }

    @Test func layerNormGradientsMatchFiniteDifferences() {
        var rng = RandomStream(seed: 5)
        // tanh, not ReLU: LayerNorm centres the pre-activations on 0, where ReLU's kink would
        // make central differences meaningless for a few entries.
        let network = MLP(widths: [3, 8, 8, 1], activation: .tanh, layerNorm: true, using: &rng)
        // Move gains and shifts off their initial values so their gradients are exercised.
        for p in network.gains + network.shifts { for i in 0..<p.count { p.values[i] += 0.3 * (rng.nextUniformFloat() - 0.5) } }
        #expect(GradientCheck(network: network, rows: 4, seed: 6).maximumRelativeError() < 2e-2)
    }

    @Test func ensembleGradientsMatchFiniteDifferencesPerMember() {
        var rng = RandomStream(seed: 7)
        let ensemble = MLPEnsemble(widths: [5, 7, 6, 1], members: 3, activation: .tanh, using: &rng)
        #expect(GradientCheck(network: ensemble, rows: 4, seed: 8).maximumRelativeError() < 2e-2)
    }

    @Test func ensembleMembersEqualSeparateNetworksWithTheirWeights() {
        var rng = RandomStream(seed: 9)
        let widths = [4, 6, 3]
        let ensemble = MLPEnsemble(widths: widths, members: 2, using: &rng)
        let x = Matrix(rows: 2, columns: 4, storage: (0..<8).map { Float($0) / 8 - 0.4 })
        let joint = ensemble(x)
        for k in 0..<2 {
            let single = MLP(widths: widths, using: &rng)
            for l in 0..<2 {
                let fanIn = widths[l], fanOut = widths[l + 1]
                for i in 0..<fanIn {
                    for j in 0..<fanOut { single.weights[l].values[i * fanOut + j] = ensemble.weights[l].values[i * 2 * fanOut + k * fanOut + j] }
                }
                for j in 0..<fanOut { single.biases[l].values[j] = ensemble.biases[l].values[k * fanOut + j] }
            }
            let alone = single(x)
            for r in 0..<2 { for j in 0..<3 { #expect(abs(alone[r, j] - joint[r, k * 3 + j]) < 1e-5) } }
        }
    }

    @Test func sameSeedGivesTheSameNetwork() {
        var a = RandomStream(seed: 11), b = RandomStream(seed: 11)
        let x = Matrix([[0.1, -0.2, 0.3]])
        #expect(MLP(widths: [3, 16, 2], using: &a)(x) == MLP(widths: [3, 16, 2], using: &b)(x))
    }

    @Test func dropoutIsOffInInferenceAndDropsAboutPWhileTraining() {
        var rng = RandomStream(seed: 12)
        let network = MLP(widths: [2, 400, 1], activation: .identity, dropout: 0.25, using: &rng)
        let x = Matrix([[0.5, -0.5]])
        network.isTraining = false
        let first = network(x), second = network(x)
        #expect(first == second)
        network.isTraining = true
        _ = network(x)
        let inputGradient = network.backward(Matrix([[1]]))  // the masked backward path
        #expect(inputGradient.storage.contains { $0 != 0 })
        let weightGradient = network.weights[1].gradientArray
        let dropped = weightGradient.filter { $0 == 0 }.count
        #expect(dropped > 60 && dropped < 140)  // ≈ 25% of 400
    }

    @Test func steadyStateCallsReuseTheirWorkspaces() {
        var rng = RandomStream(seed: 13)
        let network = MLPEnsemble(widths: [4, 8, 1], members: 2, using: &rng)
        let x = [Float](repeating: 0.1, count: 16)
        let first = x.withUnsafeBufferPointer { network.forward($0.baseAddress!, rows: 4) }
        let second = x.withUnsafeBufferPointer { network.forward($0.baseAddress!, rows: 4) }
        let smaller = x.withUnsafeBufferPointer { network.forward($0.baseAddress!, rows: 2) }
        #expect(first == second && second == smaller)
    }

    @Test func skippingTheInputGradientLeavesParameterGradientsUnchanged() {
        var rng = RandomStream(seed: 14)
        let network = MLP(widths: [3, 8, 2], using: &rng)
        let x = Matrix([[0.1, 0.2, -0.3], [0.5, -0.1, 0.0]])
        let g: [Float] = [0.3, -0.2, 0.1, 0.4]
        network.zeroGradients(); _ = network(x)
        g.withUnsafeBufferPointer { _ = network.backward($0.baseAddress!) }
        let full = network.parameters.map(\.gradientArray)
        network.zeroGradients(); _ = network(x)
        g.withUnsafeBufferPointer { _ = network.backward($0.baseAddress!, needsInputGradient: false) }
        #expect(network.parameters.map(\.gradientArray) == full)
    }
}
