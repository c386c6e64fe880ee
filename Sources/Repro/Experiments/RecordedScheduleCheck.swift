import Foundation
import RLCore

extension ChapterRunner {
    /// Checks that every finished run of the chapter was made with the schedule its preset plans
    /// for it: the same offline and online steps, evaluations and objective schedule (what its
    /// curve means), read from the run's `config.json`. A figure draws a run as what the preset
    /// says it is, so a run made under an older preset, or launched by a stale binary, must not
    /// slip in.
    /// - Throws: `ChapterError.recordedScheduleDiffers`, naming each such run, what differs, and
    ///   the fix.
    public func checkRecordedSchedules() throws {
        var differences: [String] = []
        for job in offlineJobs + onlineJobs {
            let run = store.directory(for: job.runKey)
            // A chapter may draw runs of another experiment (Chapter 2's LAPO arms are Chapter 3's).
            guard run.status == .done, let domain = try? TaskRegistry.task(named: job.task).domain,
                  let budget = ExperimentCatalog.budget(for: job.experiment, preset: job.preset) else { continue }
            let recorded: TrainingSchedule
            do {
                recorded = try run.recordedSchedule()
            } catch {
                differences.append("\(run.configurationURL.path): no readable schedule (\(error))")
                continue
            }
            var planned = job.exploration == nil
                ? budget.offlineSchedule(on: domain, datasetTransitions: 0)
                : budget.onlineSchedule(on: domain, updatesPerStep: recorded.updatesPerStep, datasetTransitions: 0)
            if job.exploration != nil { planned.objective = job.objective }
            let fields = planned.differences(from: recorded)
            if !fields.isEmpty { differences.append("\(run.url.path): " + fields.joined(separator: "; ")) }
        }
        if !differences.isEmpty { throw ChapterError.recordedScheduleDiffers(differences) }
    }
}

extension RunDirectory {
    /// The schedule the run recorded in its `config.json`.
    func recordedSchedule() throws -> TrainingSchedule {
        struct Recorded: Decodable { var schedule: TrainingSchedule }
        return try JSONDecoder().decode(Recorded.self, from: Data(contentsOf: configurationURL)).schedule
    }
}

extension TrainingSchedule {
    /// The fields that decide what a run's curve means, where `recorded` differs from this
    /// (planned) schedule: "onlineSteps recorded 10000, planned 5000". Logging, checkpoints,
    /// buffer size and UTD are left out; the objective schedule counts.
    func differences(from recorded: TrainingSchedule) -> [String] {
        func compare<Value: Equatable>(_ name: String, _ path: KeyPath<TrainingSchedule, Value>, _ show: (Value) -> String) -> String? {
            recorded[keyPath: path] == self[keyPath: path] ? nil : "\(name) recorded \(show(recorded[keyPath: path])), planned \(show(self[keyPath: path]))"
        }
        return [
            compare("offlineSteps", \.offlineSteps, String.init),
            compare("onlineSteps", \.onlineSteps, String.init),
            compare("evaluationInterval", \.evaluationInterval, String.init),
            compare("evaluationEpisodes", \.evaluationEpisodes, String.init),
            compare("objective", \.objective) { $0.map { "\($0)" } ?? "kept" },
        ].compactMap { $0 }
    }
}
