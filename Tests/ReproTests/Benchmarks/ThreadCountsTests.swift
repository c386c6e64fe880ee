import Testing
@testable import Repro

@Suite struct ThreadCountsTests {
    @Test func readsCommaSeparatedCountsInOrder() throws {
        #expect(try ThreadCounts.parse("1,2") == [1, 2])
        #expect(try ThreadCounts.parse(" 2 , 1 ") == [2, 1])
        #expect(try ThreadCounts.parse("4") == [4])
    }

    @Test(arguments: ["1,x", "", "0", "1,,2", "-1", "1.5"])
    func refusesAnythingButWholeNumbersOfAtLeastOne(text: String) {
        #expect(throws: ThreadCountsError.unreadable(text)) { try ThreadCounts.parse(text) }
    }
}
