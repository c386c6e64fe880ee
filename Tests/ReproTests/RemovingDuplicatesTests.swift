import Testing
import Repro

@Suite struct RemovingDuplicatesTests {
    @Test func keepsEachElementWhereItFirstAppears() {
        #expect(["b", "a", "b", "c", "a"].removingDuplicates() == ["b", "a", "c"])
        #expect([Int]().removingDuplicates().isEmpty)
    }
}
