import Foundation
import RLCore

/// A sweep as Slurm job arrays: one array task per unfinished run, offline phases first and
/// the online arms after them (`--dependency=afterok`), every task one `repro finetune`
/// process with one CPU and one BLAS thread, all writing to one results store on a path every
/// node sees. Written by `repro sweep slurm`; the user runs `sh submit.sh` on the login node.
///
/// The folder holds `offline.txt` and `online.txt` (one run's `repro` arguments per line),
/// `array.sbatch` (the job script: line `SLURM_ARRAY_TASK_ID` of the list it is given) and
/// `submit.sh`. A task whose run another worker holds exits 0 (the run is that worker's), so a
/// resubmitted sweep never fails on runs already under way; finished runs are never redone.
public struct SlurmSweep {
    public var plan: SweepPlan
    /// The `repro` executable on the cluster's nodes.
    public var repro: String
    /// The repository root the nodes run from (datasets; the results store unless `results` is set).
    public var repository: String
    /// The shared results store (`O3F_RESULTS_DIR`); nil: the repository's own.
    public var results: String?
    public var partition: String?

    public init(plan: SweepPlan, repro: String, repository: String, results: String? = nil, partition: String? = nil) {
        self.plan = plan
        self.repro = repro
        self.repository = repository
        self.results = results
        self.partition = partition
    }

    /// Memory per task: the dataset (up to 1M transitions) and the replay buffer.
    public var memory: String {
        switch plan.preset {
        case .tiny: return "1G"
        case .quick: return "2G"
        case .standard: return "4G"
        case .paper: return "8G"
        }
    }

    /// A time limit for tasks whose longest estimate is `seconds`: twice that, plus 10 minutes,
    /// as D-HH:MM:SS.
    public static func timeLimit(seconds: Double) -> String {
        let total = Int((2 * seconds + 600).rounded(.up))
        return String(format: "%d-%02d:%02d:%02d", total / 86_400, total % 86_400 / 3_600, total % 3_600 / 60, total % 60)
    }

    /// The files of the sweep folder, by name, for the runs not yet finished in `store`.
    public func files(store: ResultsStore) -> [String: String] {
        let pending = Set(plan.entries(in: store).filter { $0.status != .done }.map(\.job.runKey.relativePath))
        func list(_ jobs: [FineTuningJob]) -> [FineTuningJob] { jobs.filter { pending.contains($0.runKey.relativePath) } }
        let (offline, online) = (list(plan.offline), list(plan.online))
        func lines(_ jobs: [FineTuningJob]) -> String {
            jobs.map { $0.commandArguments(repository: repository).map(Self.shellQuoted).joined(separator: " ") + "\n" }.joined()
        }
        func limit(_ jobs: [FineTuningJob]) -> String {
            Self.timeLimit(seconds: jobs.map { RunCost.seconds(of: $0, budget: plan.budget(of: $0)) }.max() ?? 0)
        }
        let name = "o3f-\(plan.figure)-\(plan.preset)"
        var script = """
            #!/bin/bash
            # One run of the o3f-repro sweep \(plan.figure) (preset \(plan.preset)) per array task:
            # line SLURM_ARRAY_TASK_ID (counting from 0) of the run list given as the first argument.
            # Written by `repro sweep slurm`; submitted by submit.sh.
            #SBATCH --job-name=\(name)
            #SBATCH --ntasks=1
            #SBATCH --cpus-per-task=1
            #SBATCH --mem=\(memory)
            #SBATCH --output=logs/%x-%A_%a.out

            """
        if let partition { script += "#SBATCH --partition=\(partition)\n" }
        script += """
            set -euo pipefail
            export OPENBLAS_NUM_THREADS=1

            """
        if let results { script += "export O3F_RESULTS_DIR=\(Self.shellQuoted(results))\n" }
        script += """
            line=$(sed -n "$((SLURM_ARRAY_TASK_ID + 1))p" "$1")
            eval "set -- $line"
            status=0
            \(Self.shellQuoted(repro)) "$@" || status=$?
            # 75: another worker holds this run; it is that worker's to finish.
            if [ "$status" -eq 75 ]; then exit 0; fi
            exit "$status"

            """
        var submit = """
            #!/bin/sh
            # Submits the sweep \(plan.figure) (preset \(plan.preset)): \(offline.count) offline run(s), then \(online.count) online run(s).
            set -e
            cd "$(dirname "$0")"
            mkdir -p logs

            """
        if !offline.isEmpty {
            submit += "offline=$(sbatch --parsable --array=0-\(offline.count - 1) --time=\(limit(offline)) array.sbatch offline.txt)\n"
            submit += "echo \"offline runs: job $offline\"\n"
        }
        if !online.isEmpty {
            let dependency = offline.isEmpty ? "" : " --dependency=afterok:$offline"
            submit += "online=$(sbatch --parsable --array=0-\(online.count - 1) --time=\(limit(online))\(dependency) array.sbatch online.txt)\n"
            submit += "echo \"online runs: job $online\"\n"
        }
        if offline.isEmpty && online.isEmpty { submit += "echo 'every run of this sweep has finished'\n" }
        return ["offline.txt": lines(offline), "online.txt": lines(online), "array.sbatch": script, "submit.sh": submit]
    }

    /// Writes the files into `folder` (created if needed); the scripts are executable.
    public func write(to folder: URL, store: ResultsStore) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files(store: store) {
            let url = folder.appendingPathComponent(name)
            try AtomicFile.write(Data(text.utf8), to: url)
            if name.hasSuffix(".sh") || name.hasSuffix(".sbatch") {
                try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
            }
        }
    }

    /// `text` as one shell word: unchanged when it is plain, otherwise in single quotes.
    static func shellQuoted(_ text: String) -> String {
        let plain = text.allSatisfy { $0.isLetter || $0.isNumber || "-_./:=+,@%".contains($0) }
        return plain && !text.isEmpty ? text : "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
