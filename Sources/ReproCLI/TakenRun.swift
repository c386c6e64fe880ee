import ArgumentParser
import Foundation
import RLCore

/// Runs `body`; when its run is held by another worker, says so on stderr and exits with
/// `RunLockError.exitStatus` (75), which sweeps read as "try again later".
func exitingWhenRunIsTaken<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as RunLockError {
        guard case .heldElsewhere = error else { throw error }
        FileHandle.standardError.write(Data("repro: \(error)\n".utf8))
        throw ExitCode(RunLockError.exitStatus)
    }
}
