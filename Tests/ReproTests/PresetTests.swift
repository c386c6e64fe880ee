import Testing
import Repro

@Suite struct PresetTests {
    @Test func parsesNamesCaseInsensitively() throws {
        #expect(try Preset(parsing: "Quick") == .quick)
        #expect(try Preset(parsing: "paper") == .paper)
    }

    @Test func unknownNameListsTheValidOnes() {
        #expect(throws: PresetError.unknown("fast")) { try Preset(parsing: "fast") }
        #expect(PresetError.unknown("fast").description.contains("tiny, quick, standard, paper"))
    }
}
