import Foundation

/// Finds the MuJoCo model files that `scripts/setup.sh` installs.
///
/// The asset folder is `$O3F_ASSET_DIR` when set; otherwise the first `assets/` folder holding
/// the fetched files found in the current directory or one of its parents, or beside the
/// running executable (`…/.build/release/repro` → the package root's `assets/`).
public struct ModelAssets: Sendable {
    /// Candidate folders, in the order they are searched.
    public let searchPath: [URL]

    public init(searchPath: [URL]) { self.searchPath = searchPath }

    /// The default search path for this process.
    public static var standard: ModelAssets {
        let environment = ProcessInfo.processInfo.environment
        if let override = environment["O3F_ASSET_DIR"], !override.isEmpty {
            return ModelAssets(searchPath: [URL(fileURLWithPath: override)])
        }
        var folders: [URL] = []
        var directory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        var executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
            .deletingLastPathComponent()
        for _ in 0..<8 {
            folders.append(directory.appendingPathComponent("assets"))
            directory.deleteLastPathComponent()
        }
        for _ in 0..<6 {
            folders.append(executable.appendingPathComponent("assets"))
            executable.deleteLastPathComponent()
        }
        var seen = Set<String>()
        return ModelAssets(searchPath: folders.filter { seen.insert($0.standardizedFileURL.path).inserted })
    }

    /// The path of `relativePath` (e.g. `gym/hopper.xml`) in the first folder that has it.
    /// - Throws: `ModelAssetError.missing` naming the file, the folders searched and the fix.
    public func url(for relativePath: String) throws -> URL {
        for folder in searchPath {
            let candidate = folder.appendingPathComponent(relativePath)
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
        }
        throw ModelAssetError.missing(relativePath, searched: searchPath.map(\.path))
    }
}

/// A model file that is not installed.
public enum ModelAssetError: Error, CustomStringConvertible, Equatable {
    case missing(String, searched: [String])

    public var description: String {
        switch self {
        case let .missing(file, searched):
            return "MuJoCo model file \(file) not found (looked in \(searched.joined(separator: ", "))). "
                + "Run `make setup` (scripts/setup.sh) to fetch the model files, or set O3F_ASSET_DIR to the folder that holds them."
        }
    }
}
