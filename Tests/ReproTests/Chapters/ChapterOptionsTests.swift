import Foundation
import Testing
import Repro

@Suite struct ChapterOptionsTests {
    @Test func parsesTheSharedOptionsAndChapterOnesWithDefaults() throws {
        let options = try ChapterOptions(arguments: ["/bin/chapter01", "--preset", "Standard", "--figure", "2", "--repository", "/tmp/kit"],
                                         extraOptions: ["--figure"])
        #expect(options.preset == .standard && options.jobs == 2 && options.repository.path == "/tmp/kit")
        #expect(options.value(of: "--figure") == "2" && options.value(of: "--seeds") == nil)
        #expect(options.repro.path == "/bin/repro")
        #expect(try ChapterOptions(arguments: ["chapter02"]).preset == .quick)
    }

    @Test func badValuesNameTheFlag() {
        #expect(throws: ChapterError.badArgument("--jobs: give a positive number of parallel runs")) {
            try ChapterOptions(arguments: ["chapter02", "--jobs", "0"])
        }
        #expect(throws: PresetError.unknown("fast")) { try ChapterOptions(arguments: ["chapter02", "--preset", "fast"]) }
    }

    /// An option the chapter does not take is an error, not a silent full run (a mistyped
    /// `--figur 2` used to start every run of the chapter).
    @Test func unknownOptionsAndMissingValuesAreErrors() {
        #expect(throws: ChapterError.self) { try ChapterOptions(arguments: ["chapter02", "--figure", "2"]) }
        #expect(throws: ChapterError.self) { try ChapterOptions(arguments: ["chapter01", "--figur", "2"], extraOptions: ["--figure"]) }
        #expect(throws: ChapterError.self) { try ChapterOptions(arguments: ["chapter01", "--preset"]) }
        #expect(throws: ChapterError.self) { try ChapterOptions(arguments: ["chapter01", "standard"]) }
    }
}
