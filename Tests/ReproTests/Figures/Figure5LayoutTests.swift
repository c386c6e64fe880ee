import Foundation
import Testing
@testable import Repro

/// Figure 5's panels (one per algorithm and task) stay in one row up to three; past that, IQL's
/// go on one row and LAPO's below, rather than six panels side by side once the AntMaze and
/// Kitchen tasks join. Rendered by gnuplot from made-up curves in a scratch repository.
@Suite struct Figure5LayoutTests {
    /// The pixel size of the PNG `figures/<name>.png` (its IHDR chunk).
    private func pngSize(_ url: URL) throws -> (width: Int, height: Int) {
        let bytes = [UInt8](try Data(contentsOf: url))
        let number = { (offset: Int) in bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (number(16), number(20))
    }

    @Test func moreThanThreePanelsGoOnTwoRows() throws {
        let sandbox = try ChapterSandbox()
        defer { sandbox.remove() }
        let data = sandbox.repository.appendingPathComponent("figures/data/figure5")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        let tasks = ["halfcheetah-medium-v2", "antmaze-large-diverse-v2", "kitchen-mixed-v0"]
        for task in tasks {
            for arm in ["iql+o3f", "iql+noise", "lapo+o3f", "lapo+noise"] {
                try Data("step\tmean\tmin\tmax\tstderr\tseeds\n0\t10\t9\t11\t0.5\t2\n500\t20\t18\t22\t1\t2\n".utf8)
                    .write(to: data.appendingPathComponent("\(task)-\(arm)-tiny.tsv"))
            }
        }
        let runner = ChapterRunner(experiment: "figure5", preset: .tiny, tasks: tasks, offlineJobs: [], onlineJobs: [],
                                   budget: .tinyWithLAPO(iqlCritics: 2), repository: sandbox.repository, jobs: 1,
                                   repro: URL(fileURLWithPath: "/bin/false"))
        let figure = sandbox.repository.appendingPathComponent("figures/figure5-tiny.png")

        _ = try runner.render(script: "figures/figure5.gp", tasks: [tasks[0]], variables: ["lapo_tasks": tasks[0]])
        let two = try pngSize(figure)
        _ = try runner.render(script: "figures/figure5.gp", tasks: tasks, variables: ["lapo_tasks": tasks.prefix(2).joined(separator: " ")])
        let five = try pngSize(figure)
        #expect(two.height == 440 && five.height == 2 * 440, "one row for two panels, two rows for five")
        #expect(five.width == 460 * 3 + 80, "three columns: IQL's three tasks above LAPO's two")
        #expect(try sandbox.hasRenderedFigure("figures/figure5-tiny"))
    }
}
