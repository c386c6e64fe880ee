import Foundation
import PackagePlugin

/// Writes the commit the kit is being built from, and whether the checkout had uncommitted
/// changes, into the `KitSource` module at every build. Provenance then names the code a binary
/// was compiled from, whatever the checkout holds by the time the binary runs (a sweep keeps
/// starting runs for hours while its user edits and commits).
///
/// Uncommitted changes count only outside `results/` and `figures/`: those hold the runs and
/// renders the kit makes, which are data, not code.
@main
struct KitSourceStamp: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let folder = context.pluginWorkDirectoryURL.appending(path: "Stamp")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let root = context.package.directoryURL
        let commit = git(["rev-parse", "HEAD"], in: root)
        let changes = git(["status", "--porcelain", "--untracked-files=no", "--", ":/", ":(top,exclude)results", ":(top,exclude)figures"], in: root)
        let text = """
            // Generated at build time by Plugins/KitSourceStamp; not a file to edit.
            extension KitSource {
                public static let commit = "\(commit ?? "unknown")"
                public static let treeDirty = \(changes.map { !$0.isEmpty } ?? false)
            }

            """
        let file = folder.appending(path: "KitSource+Stamp.swift")
        // Rewritten only when it changes, so an unchanged checkout rebuilds nothing.
        if (try? String(contentsOf: file, encoding: .utf8)) != text {
            try text.write(to: file, atomically: true, encoding: .utf8)
        }
        // The file is written above; the command only hands the folder to the build.
        return [.prebuildCommand(displayName: "Stamp the kit's commit", executable: URL(filePath: "/bin/true"), arguments: [],
                                 outputFilesDirectory: folder)]
    }

    /// `git -C root …`'s output, trimmed, or nil outside a git checkout.
    private func git(_ arguments: [String], in root: URL) -> String? {
        let process = Process()
        process.executableURL = URL(filePath: "/usr/bin/env")
        process.arguments = ["git", "-C", root.path] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
