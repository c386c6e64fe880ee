import Foundation
import Testing
import Repro
import RLCore

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

    /// A chapter's flags take no value; a flag it does not take is an error like an unknown option.
    @Test func flagsTakeNoValue() throws {
        let options = try ChapterOptions(arguments: ["chapter02", "--finished-only", "--preset", "standard"], flags: ["--finished-only"])
        #expect(options.isSet("--finished-only") && options.preset == .standard)
        #expect(try !ChapterOptions(arguments: ["chapter02", "--preset", "standard"], flags: ["--finished-only"]).isSet("--finished-only"))
        #expect(throws: ChapterError.self) { try ChapterOptions(arguments: ["chapter04", "--finished-only"]) }
    }

    /// `--tasks` picks some of the preset's tasks in its own order; a task the registry does not
    /// know, or one the preset does not have, is an error naming it.
    @Test func tasksSelectsPartOfThePreset() throws {
        let options = try ChapterOptions(arguments: ["chapter03", "--preset", "standard", "--tasks", "kitchen-mixed-v0, halfcheetah-medium-v2"])
        let preset = ["halfcheetah-medium-v2", "kitchen-mixed-v0"]
        #expect(try options.selectedTasks(from: preset) == ["kitchen-mixed-v0", "halfcheetah-medium-v2"])
        #expect(try ChapterOptions(arguments: ["chapter03"]).selectedTasks(from: preset) == preset)
        #expect(throws: ChapterError.badArgument("--tasks: hopper-random-v2 is not a task of the standard preset here; it has halfcheetah-medium-v2, kitchen-mixed-v0")) {
            try ChapterOptions(arguments: ["chapter03", "--preset", "standard", "--tasks", "hopper-random-v2"]).selectedTasks(from: preset)
        }
        #expect(throws: TaskLookupError.self) { try ChapterOptions(arguments: ["chapter03", "--tasks", "halfcheetah-fast-v9"]) }
        #expect(throws: ChapterError.self) { try ChapterOptions(arguments: ["chapter03", "--tasks", ","]) }
    }
}
