import Foundation
import RLCore

/// `repro bench data`: how long a 1,000,000-transition D4RL file takes to load into a replay
/// buffer, and how long a uniform batch of 256 takes to sample from it.
///
/// Without a file it first writes a synthetic HalfCheetah-shaped dataset (17-dim Gaussian
/// observations and next observations, 6-dim uniform actions, a timeout every 1000 rows, no
/// infos) to a temporary folder, timing that too, and deletes it afterwards.
public struct DataBenchmark {
    public var transitions: Int
    public var batchSize: Int
    /// Batches drawn for the sampling figure.
    public var batches: Int
    /// A dataset file to load instead of the synthetic one.
    public var file: URL?

    public init(transitions: Int = 1_000_000, batchSize: Int = 256, batches: Int = 20_000, file: URL? = nil) {
        self.transitions = transitions
        self.batchSize = batchSize
        self.batches = batches
        self.file = file
    }

    /// The measured figures, in seconds unless named otherwise.
    public struct Result: Sendable {
        public var transitions: Int
        public var fileBytes: Int
        /// Writing the synthetic file (nil when a file was given).
        public var write: Double?
        /// `D4RLFile.read` (core keys, metadata; no infos).
        public var read: Double
        /// Building the Q-learning view.
        public var view: Double
        /// Filling a replay buffer of the view's size.
        public var fill: Double
        /// Mean time of one `sample(into:)` of `batchSize`, in microseconds.
        public var sampleMicroseconds: Double
        public var batchSize: Int

        /// The report `repro bench data` prints.
        public var report: String {
            var lines = [String(format: "dataset\t%d transitions, %.1f MB on disk", transitions, Double(fileBytes) / 1e6)]
            if let write { lines.append(String(format: "write (gzip 4)\t%.2f s", write)) }
            lines.append(String(format: "read file\t%.2f s", read))
            lines.append(String(format: "q-learning view\t%.2f s", view))
            lines.append(String(format: "fill replay buffer\t%.2f s", fill))
            lines.append(String(format: "load total\t%.2f s (read + view + fill)", read + view + fill))
            lines.append(String(format: "sample batch of %d\t%.1f µs (%.0f batches/s)", batchSize, sampleMicroseconds,
                                1e6 / sampleMicroseconds))
            return lines.joined(separator: "\n")
        }
    }

    public func run() throws -> Result {
        var writeTime: Double?
        var url = file
        var scratch: URL?
        if url == nil {
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("o3f-bench-data-\(UUID().uuidString)")
            scratch = folder
            let target = folder.appendingPathComponent("synthetic.hdf5")
            let dataset = Self.syntheticDataset(transitions: transitions)
            writeTime = try time { try D4RLFile.write(dataset, to: target) }
            url = target
        }
        defer { if let scratch { try? FileManager.default.removeItem(at: scratch) } }
        let fileURL = url!
        let bytes = (try? FileManager.default.attributesOfItem(atPath: fileURL.path)[.size] as? Int) ?? 0

        var dataset: D4RLDataset?
        let readTime = try time { dataset = try D4RLFile.read(at: fileURL) }
        var transitions: Transitions?
        let viewTime = time { transitions = Transitions(qLearningViewOf: dataset!) }
        var buffer: ReplayBuffer?
        let fillTime = time { buffer = ReplayBuffer(transitions!) }
        var batch = TransitionBatch(size: batchSize, observationSize: buffer!.observationSize, actionSize: buffer!.actionSize)
        var rng = RandomStream(seed: 0, for: .sampling)
        buffer!.sample(into: &batch, using: &rng)   // warm up
        let sampleTime = time {
            for _ in 0..<batches { buffer!.sample(into: &batch, using: &rng) }
        }
        return Result(transitions: dataset!.count, fileBytes: bytes, write: writeTime, read: readTime, view: viewTime,
                      fill: fillTime, sampleMicroseconds: sampleTime / Double(batches) * 1e6, batchSize: batchSize)
    }

    /// A HalfCheetah-shaped dataset of random numbers with D4RL's keys (no infos).
    public static func syntheticDataset(transitions n: Int, seed: UInt64 = 0) -> D4RLDataset {
        var rng = RandomStream(seed: seed, for: .dataset)
        var observations = Matrix(rows: n, columns: 17)
        var next = Matrix(rows: n, columns: 17)
        var actions = Matrix(rows: n, columns: 6)
        observations.withUnsafeMutableBufferPointer { rng.fillGaussian($0) }
        next.withUnsafeMutableBufferPointer { rng.fillGaussian($0) }
        actions.withUnsafeMutableBufferPointer { rng.fillUniform($0, low: -1, high: 1) }
        let rewards = (0..<n).map { _ in Float(rng.nextGaussian()) }
        return D4RLDataset(observations: observations, actions: actions, rewards: rewards,
                           terminals: [Bool](repeating: false, count: n),
                           timeouts: (0..<n).map { ($0 + 1) % 1000 == 0 }, nextObservations: next)
    }

    private func time(_ body: () throws -> Void) rethrows -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}
