import Testing
@testable import RLCore

@Suite struct RandomStreamTests {
    @Test func sameSeedGivesSameNumbers() {
        var a = RandomStream(seed: 42), b = RandomStream(seed: 42)
        for _ in 0..<100 { #expect(a.next() == b.next()) }
    }

    @Test func differentSeedsDiffer() {
        var a = RandomStream(seed: 1), b = RandomStream(seed: 2)
        #expect((0..<8).map { _ in a.next() } != (0..<8).map { _ in b.next() })
    }

    @Test func splitGivesAStreamDistinctFromTheParent() {
        var parent = RandomStream(seed: 7)
        var child = parent.split()
        let fromChild = (0..<16).map { _ in child.next() }
        let fromParent = (0..<16).map { _ in parent.next() }
        #expect(Set(fromChild).isDisjoint(with: Set(fromParent)))
        // The child continues the parent's pre-split sequence.
        var reference = RandomStream(seed: 7)
        #expect(fromChild == (0..<16).map { _ in reference.next() })
    }

    @Test func purposesAreDistinctStreamsOfOneSeed() {
        let firsts = RandomStream.Purpose.allCases.map { purpose -> UInt64 in
            var rng = RandomStream(seed: 3, for: purpose)
            return rng.next()
        }
        #expect(Set(firsts).count == firsts.count)
    }

    @Test func gaussianHasUnitMomentsAndCodableStateResumes() throws {
        var rng = RandomStream(seed: 11)
        var values = [Float](repeating: 0, count: 100_001)
        values.withUnsafeMutableBufferPointer { rng.fillGaussian($0, mean: 2, std: 3) }
        let mean = values.reduce(0, +) / Float(values.count)
        let variance = values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Float(values.count)
        #expect(abs(mean - 2) < 0.05)
        #expect(abs(variance - 9) < 0.2)

        var copy = rng
        #expect(copy == rng)
        #expect(copy.next() == rng.next())
    }

    @Test func indexIsInRangeAndCoversIt() {
        var rng = RandomStream(seed: 5)
        var seen = Set<Int>()
        for _ in 0..<1000 {
            let i = rng.nextIndex(below: 7)
            #expect((0..<7).contains(i))
            seen.insert(i)
        }
        #expect(seen.count == 7)
    }
}
