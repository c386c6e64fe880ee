import Testing
@testable import RLCore

@Suite struct EpisodesTests {
    private let dataset = D4RLDataset(
        observations: Matrix(rows: 7, columns: 1), actions: Matrix(rows: 7, columns: 1),
        rewards: [1, 2, 3, 10, 20, -1, -2],
        terminals: [false, false, true, false, false, false, false],
        timeouts: [false, false, false, false, true, false, false])

    @Test func splitsOnTerminalsAndTimeouts() {
        let summary = EpisodeSummary(of: dataset)
        #expect(summary.episodes == [
            Episode(start: 0, length: 3, episodeReturn: 6, ending: .terminal),
            Episode(start: 3, length: 2, episodeReturn: 30, ending: .timeout),
            Episode(start: 5, length: 2, episodeReturn: -3, ending: .unfinished),
        ])
        #expect(summary.returns == [6, 30, -3])
        #expect(summary.finishedReturns == [6, 30])
        #expect(summary.returnStatistics?.mean == 18)
    }

    @Test func normalisedScoreOfTheBehaviourData() throws {
        let task = try TaskRegistry.task(named: "antmaze-umaze-diverse-v2")
        // Mean finished return 18 on a [0, 1] reference range.
        #expect(EpisodeSummary(of: dataset).normalizedScore(for: task) == 1800)
    }

    @Test func anEmptyDatasetHasNoEpisodes() {
        let empty = D4RLDataset(observations: Matrix(rows: 0, columns: 2), actions: Matrix(rows: 0, columns: 1),
                                rewards: [], terminals: [])
        #expect(EpisodeSummary(of: empty).episodes.isEmpty)
        #expect(EpisodeSummary(of: empty).returnStatistics == nil)
    }
}
