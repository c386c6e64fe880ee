import Foundation
import RLCore

/// Makes a D4RL kitchen dataset (`kitchen-complete-v0`, `-partial-v0`, `-mixed-v0`) from the
/// kit's scripted demonstrations, in the shape of D4RL's files. D4RL's are human teleoperation
/// demonstrations that cannot be downloaded here; these are not human, and the file says so.
///
/// Demonstrations follow `KitchenDemonstrationScheme` (the task's own sequence for complete, the
/// 24 Relay Policy Learning sequences in turn for partial and mixed). Each starts from the
/// environment's reset and runs `KitchenDemonstrator` through its four elements; one that leaves
/// any of its elements undone is discarded and its sequence tried again (the counts go into the
/// file), so every kept demonstration completes its own four elements, as D4RL's did. Whole
/// demonstrations are added until the rows reach `size`.
///
/// How well they do (`repro env demonstrate TASK --episodes 20`, seed 0, commit 8ce1a12): every
/// element's skill alone 20/20; kitchen-mixed's sequence 20/20 complete, done after 271 steps on
/// average and within the 280-step episode in 16 of 20; kitchen-partial's (also complete's)
/// 20/20, 257 steps, 19 of 20 within 280. The standard kitchen-mixed-v0 file (seed 0, commit
/// 9a80b2b): 470 demonstrations kept of 485 (97%), 136,968 rows; rewards 0, 1, 2 and 3 on
/// 28,267, 45,557, 48,061 and 15,083 rows, never 4 (as in D4RL's, no demonstration does all
/// four of the task's elements); demonstrations of 213–367 steps, 291 on average, 38% of them
/// within the 280-step episode: slower than the task's own sequence (the 24 sequences include
/// the longer hinge-cabinet and kettle skills), and a faster hand barely shortens them (with
/// `baseSpeed` 0.08 in a trial build of d648611, `repro env demonstrate kitchen-mixed-v0`, seed 0,
/// 20 episodes: 263 steps to finish instead of 271, all complete, 16 within 280): the fine
/// alignment at handles and knobs, not the travel, sets their length.
///
/// Row i, as in D4RL's kitchen files:
/// - `observations` f32[N, 60]: the environment's observation (noisy positions, then the
///   task's goal) the action was chosen from;
/// - `actions` f32[N, 9]: the action as executed;
/// - `rewards` f32[N]: the number of the *task's* elements within 0.3 of their goals in
///   observation i — D4RL's relabelling (`_get_reward_n_score` on each stored observation with
///   `REMOVE_TASKS_WHEN_COMPLETE = False`, a Markovian count that stays up once an element is
///   done), not the environment's once-per-element reward;
/// - `terminals` bool[N]: true on the last row of each demonstration (D4RL's
///   `np.arange(len) >= len - 1`);
/// - `timeouts` bool[N]: all false (D4RL's kitchen files carry the key with no time limit cut);
/// - `infos/qpos`, `infos/qvel` f32 (the simulator state before the action) and
///   `infos/demonstration` int32 (the demonstration's index), where D4RL stores a flat `infos`
///   vector of indices within each demonstration folder. No `next_observations`, as in D4RL's.
///
/// Randomness: resets (the observation noise) come from `RandomStream(seed:for: .environment)`,
/// the demonstrations' variation (waypoints, speeds, holds, turn ends) from
/// `RandomStream(seed:for: .dataset)`: same seed and MuJoCo version, same file.
public struct KitchenDatasetGenerator {
    public var task: D4RLTask
    public var preset: Preset
    public var seed: UInt64
    /// Transitions to reach (whole demonstrations are kept, so the file may hold a few more);
    /// nil means `defaultSize`.
    public var size: Int?
    /// Discarded demonstrations allowed per kept one before generation gives up.
    public var maxFailuresPerDemonstration = 5

    public init(task: D4RLTask, preset: Preset, seed: UInt64 = 0, size: Int? = nil) {
        self.task = task
        self.preset = preset
        self.seed = seed
        self.size = size
    }

    /// D4RL's sizes at `standard` and `paper` (complete 3,680, partial and mixed 136,950);
    /// `quick` about four demonstrations of complete and one of each of the 24 sequences for
    /// partial and mixed (1,200 and 7,200); `tiny` one and two demonstrations' worth.
    public static func defaultSize(for task: D4RLTask, preset: Preset) -> Int {
        let complete = task.datasetKind == "complete"
        switch preset {
        case .tiny: return complete ? 250 : 500
        case .quick: return complete ? 1200 : 7200
        case .standard, .paper: return complete ? 3680 : 136_950
        }
    }

    /// Demonstrates in `environment` (the task's kitchen) until the rows reach the size.
    /// - Parameter progress: rows recorded so far, after each kept demonstration.
    /// - Throws: `DatasetGenerationError.notGeneratable` for a non-kitchen task or environment,
    ///   `.demonstrationsFailing` when too many demonstrations fail, environment errors as they come.
    public func generate(in environment: any Environment, progress: ((Int) -> Void)? = nil) throws -> D4RLDataset {
        guard let kitchen = environment as? KitchenEnvironment else {
            throw DatasetGenerationError.notGeneratable(task: task.name, kind: task.datasetKind)
        }
        let scheme = try KitchenDemonstrationScheme(for: task)
        let target = size ?? Self.defaultSize(for: task, preset: preset)
        let demonstrator = try KitchenDemonstrator(environment: kitchen)
        var resets = RandomStream(seed: seed, for: .environment)
        var variation = RandomStream(seed: seed, for: .dataset)
        var kept: [KitchenDemonstration] = [], rows = 0, failed = 0
        var skillAttempts: [KitchenTaskElement: (done: Int, tried: Int)] = [:]
        while rows < target {
            let sequence = scheme.sequences[kept.count % scheme.sequences.count]
            let demonstration = try demonstrator.demonstrate(sequence, resets: &resets, variation: &variation)
            for (element, done) in zip(sequence, demonstration.completedBySkill) {
                skillAttempts[element, default: (0, 0)].tried += 1
                if done { skillAttempts[element, default: (0, 0)].done += 1 }
            }
            guard demonstration.succeeded else {
                failed += 1
                if failed > maxFailuresPerDemonstration * (kept.count + 1) {
                    throw DatasetGenerationError.demonstrationsFailing(task: task.name, kept: kept.count, failed: failed)
                }
                continue
            }
            kept.append(demonstration)
            rows += demonstration.count
            progress?(rows)
        }
        var dataset = Self.dataset(of: kept, goals: kitchen.taskElements)
        let attempts = kept.count + failed
        var extra: [String: MetadataValue] = [
            "origin": .string("generated by o3f-repro from scripted demonstrations (not human teleoperation as D4RL's), not downloaded from D4RL"),
            "algorithm": .string("scripted"),
            "behavior_policy": .string("scripted waypoint skills per task element driven by a damped-least-squares end-effector "
                                       + "controller on MuJoCo's site Jacobian, with noise in waypoints, speeds and timing; not human"),
            "demonstration_scheme": .string(scheme.summary),
            "reward": .string("number of the task's elements within 0.3 of their goal in each row's observation "
                              + "(D4RL's relabelling, elements not removed once done)"),
            "demonstrations": .integer(Int64(kept.count)),
            "demonstrations_discarded": .integer(Int64(failed)),
            "demonstration_success_rate": .real(Double(kept.count) / Double(attempts)),
            "preset": .string(preset.rawValue),
        ]
        for (element, counts) in skillAttempts {
            extra["element_success_rate/" + element.rawValue.replacingOccurrences(of: " ", with: "_")] = .real(Double(counts.done) / Double(counts.tried))
        }
        let sizeFlag = size.map { " --size \($0)" } ?? ""
        dataset.metadata = DatasetRecorder.metadata(
            task: task, seed: seed, size: dataset.count, maxEpisodeSteps: environment.maxEpisodeSteps,
            command: "repro dataset generate \(task.name) --preset \(preset) --seed \(seed)\(sizeFlag)", extra: extra)
        return dataset
    }

    /// The rows of `demonstrations` in D4RL's kitchen layout, rewards counted over `goals`.
    static func dataset(of demonstrations: [KitchenDemonstration], goals: [KitchenTaskElement]) -> D4RLDataset {
        let n = demonstrations.reduce(0) { $0 + $1.count }
        let observationSize = demonstrations.first?.observations.first?.count ?? 60
        var observations = Matrix(rows: n, columns: observationSize)
        var actions = Matrix(rows: n, columns: KitchenRobot.jointCount)
        var rewards = [Float](repeating: 0, count: n), terminals = [Bool](repeating: false, count: n)
        var qpos: [Double] = [], qvel: [Double] = [], index: [Double] = []
        var row = 0
        for (d, demonstration) in demonstrations.enumerated() {
            for i in 0..<demonstration.count {
                let observation = demonstration.observations[i]
                for j in 0..<observationSize { observations[row, j] = observation[j] }
                for j in 0..<KitchenRobot.jointCount { actions[row, j] = demonstration.actions[i][j] }
                let positions = observation.prefix(KitchenRobot.qposCount).map(Double.init)
                rewards[row] = Float(goals.filter { $0.isComplete(positions) }.count)
                terminals[row] = i == demonstration.count - 1
                qpos += demonstration.qpos[i].map { Double(Float($0)) }
                qvel += demonstration.qvel[i].map { Double(Float($0)) }
                index.append(Double(d))
                row += 1
            }
        }
        let nq = demonstrations.first?.qpos.first?.count ?? KitchenRobot.qposCount
        let nv = demonstrations.first?.qvel.first?.count ?? 29
        return D4RLDataset(
            observations: observations, actions: actions, rewards: rewards, terminals: terminals,
            timeouts: [Bool](repeating: false, count: n),
            infos: ["qpos": .float32(rows: n, columns: nq, values: qpos), "qvel": .float32(rows: n, columns: nv, values: qvel),
                    "demonstration": NumericArray(elementType: .int32, shape: [n], values: index)])
    }
}
