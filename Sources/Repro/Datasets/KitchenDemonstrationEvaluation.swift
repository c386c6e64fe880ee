import RLCore

/// How well the kit's scripted kitchen demonstrations do, measured over seeded episodes: each
/// element's skill alone from D4RL's reset, and the task's four elements in the task's order
/// (what `kitchen-complete` demonstrates). `repro env demonstrate` prints it.
///
/// Episode k resets from `RandomStream(seed: seed, stream: k)` and varies its waypoints with
/// `RandomStream(seed: seed, stream: 1000 + k)`. A skill succeeds when its element's joints end
/// within D4RL's 0.3 of the goal (true positions); a task episode when all four do. `finishedBy`
/// is the first step whose observation has all four done: where the environment, whose reward
/// reads the observation, would end the episode (D4RL's time limit is 280).
public struct KitchenDemonstrationEvaluation: Sendable {
    /// One element's skill, alone from the reset.
    public struct ElementResult: Sendable {
        public var element: KitchenTaskElement
        public var successes: Int
        public var episodes: Int
        public var meanSteps: Double
    }

    public var task: D4RLTask
    public var elements: [ElementResult]
    /// Task episodes in which all four elements were done at the end.
    public var taskSuccesses: Int
    public var taskEpisodes: Int
    /// Per task episode, the step at which the observation first showed all four done (nil: never).
    public var finishedBy: [Int?]

    /// Runs `episodes` of every element in `skills` and of the task in `environment` (`task`'s kitchen).
    /// - Throws: environment errors as they come.
    public init(task: D4RLTask, environment: KitchenEnvironment, episodes: Int, seed: UInt64,
                skills: [KitchenTaskElement] = KitchenTaskElement.allCases) throws {
        let demonstrator = try KitchenDemonstrator(environment: environment)
        self.task = task
        elements = try skills.map { element in
            var successes = 0, steps = 0
            for k in 0..<episodes {
                let demonstration = try Self.demonstrate([element], with: demonstrator, episode: k, seed: seed)
                if demonstration.succeeded { successes += 1 }
                steps += demonstration.count
            }
            return ElementResult(element: element, successes: successes, episodes: episodes, meanSteps: Double(steps) / Double(episodes))
        }
        let sequence = environment.taskElements
        var successes = 0, finished: [Int?] = []
        for k in 0..<episodes {
            let demonstration = try Self.demonstrate(sequence, with: demonstrator, episode: k, seed: seed)
            if demonstration.succeeded { successes += 1 }
            finished.append(demonstration.observations.firstIndex { observation in
                let positions = observation.prefix(KitchenRobot.qposCount).map(Double.init)
                return sequence.allSatisfy { $0.isComplete(positions) }
            })
        }
        taskSuccesses = successes
        taskEpisodes = episodes
        finishedBy = finished
    }

    private static func demonstrate(_ elements: [KitchenTaskElement], with demonstrator: KitchenDemonstrator, episode: Int,
                                    seed: UInt64) throws -> KitchenDemonstration {
        var resets = RandomStream(seed: seed, stream: episode), variation = RandomStream(seed: seed, stream: 1000 + episode)
        return try demonstrator.demonstrate(elements, resets: &resets, variation: &variation)
    }

    /// The printed table: one line per element, then the task's line.
    public var report: String {
        var lines = ["skill\tsuccesses\tepisodes\tmean steps"]
        for result in elements {
            lines.append("\(result.element.rawValue)\t\(result.successes)\t\(result.episodes)\t\(Int(result.meanSteps.rounded()))")
        }
        let steps = finishedBy.compactMap { $0 }
        let within = steps.filter { $0 <= task.maxEpisodeSteps }.count
        let mean = steps.isEmpty ? "–" : String(Int((Double(steps.reduce(0, +)) / Double(steps.count)).rounded()))
        lines.append("\(task.name): \(environmentSequence)\t\(taskSuccesses)\t\(taskEpisodes)\t\(mean) to finish; "
                     + "\(within) of \(taskEpisodes) within the \(task.maxEpisodeSteps)-step limit")
        return lines.joined(separator: "\n")
    }

    private var environmentSequence: String {
        (KitchenTaskElement.elements(ofEnvironment: task.environmentName) ?? []).map(\.rawValue).joined(separator: " → ")
    }
}
