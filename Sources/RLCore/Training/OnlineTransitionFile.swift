import Foundation

/// The online part of a run's replay buffer, appended to a file as it grows so a checkpoint
/// does not rewrite it: each record is (s, a, r, s', terminated, truncated) as Float32. A
/// checkpoint records how many records it covers; resuming truncates the file to that count.
final class OnlineTransitionFile {
    let url: URL
    let recordFloats: Int
    private let observationSize: Int
    private let actionSize: Int
    private var pending: [Float] = []
    private let handle: FileHandle

    init(url: URL, observationSize: Int, actionSize: Int, keepingRecords count: Int) throws {
        self.url = url
        self.observationSize = observationSize
        self.actionSize = actionSize
        recordFloats = 2 * observationSize + actionSize + 3
        if !FileManager.default.fileExists(atPath: url.path) {
            _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        }
        handle = try FileHandle(forUpdating: url)
        let bytes = UInt64(count * recordFloats * MemoryLayout<Float>.size)
        let size = try handle.seekToEnd()
        guard size >= bytes else {
            throw TrainingError.unusableCheckpoint(path: url.path, reason: "it holds \(size) bytes, fewer than the \(count) online transitions the checkpoint needs")
        }
        try handle.truncate(atOffset: bytes)
        try handle.seek(toOffset: bytes)
    }

    deinit { try? handle.close() }

    /// Reads the first `count` records into `buffer`.
    func load(_ count: Int, into buffer: ReplayBuffer) throws {
        guard count > 0 else { return }
        try handle.seek(toOffset: 0)
        let data = try handle.read(upToCount: count * recordFloats * MemoryLayout<Float>.size) ?? Data()
        try handle.seekToEnd()
        guard data.count == count * recordFloats * MemoryLayout<Float>.size else {
            throw TrainingError.unusableCheckpoint(path: url.path, reason: "it ends before record \(count)")
        }
        let o = observationSize, n = actionSize
        data.withUnsafeBytes { raw in
            let floats = raw.bindMemory(to: Float.self)
            for i in 0..<count {
                let base = i * recordFloats
                buffer.append(observation: UnsafeBufferPointer(rebasing: floats[base..<(base + o)]),
                              action: UnsafeBufferPointer(rebasing: floats[(base + 2 * o)..<(base + 2 * o + n)]),
                              reward: floats[base + 2 * o + n],
                              nextObservation: UnsafeBufferPointer(rebasing: floats[(base + o)..<(base + 2 * o)]),
                              terminated: floats[base + 2 * o + n + 1] != 0, truncated: floats[base + 2 * o + n + 2] != 0)
            }
        }
    }

    /// Queues one record.
    func append(observation: [Float], action: [Float], reward: Float, nextObservation: [Float], terminated: Bool, truncated: Bool) {
        pending += observation
        pending += nextObservation
        pending += action
        pending += [reward, terminated ? 1 : 0, truncated ? 1 : 0]
    }

    /// Writes the queued records and flushes them to disk.
    func flush() throws {
        guard !pending.isEmpty else { return }
        try pending.withUnsafeBytes { try handle.write(contentsOf: Data($0)) }
        try handle.synchronize()
        pending.removeAll(keepingCapacity: true)
    }
}
