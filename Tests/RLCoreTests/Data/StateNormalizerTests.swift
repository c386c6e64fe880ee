import Testing
@testable import RLCore

@Suite struct StateNormalizerTests {
    @Test func fitsMeanAndStdAndNormalises() {
        var observations = Matrix([[1, 5], [3, 5], [5, 5]])
        let normalizer = StateNormalizer(fitting: observations, epsilon: 1e-3)
        #expect(normalizer.mean == [3, 5])
        #expect(abs(normalizer.std[0] - (8.0 / 3.0).squareRoot()) < 1e-6 && normalizer.std[1] == 0)
        normalizer.normalize(&observations)
        let scale = 1 / ((8.0 / 3.0).squareRoot() + 1e-3)
        #expect(abs(Double(observations[0, 0]) + 2 * scale) < 1e-5)
        #expect(observations[1, 0] == 0)
        // A constant dimension maps to 0, not NaN.
        #expect(observations[2, 1] == 0)
        #expect(normalizer.normalized([5, 6]) == [observations[2, 0], 1 / 1e-3])
    }

    @Test func identityLeavesObservationsAlone() {
        var observations = Matrix([[1, -2]])
        StateNormalizer(identityOfSize: 2).normalize(&observations)
        #expect(observations == Matrix([[1, -2]]))
    }
}
