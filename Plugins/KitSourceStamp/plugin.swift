import Foundation
import PackagePlugin

/// Stamps the commit the kit is being built from, and whether its compiled files had
/// uncommitted changes, into the `KitSource` module (`stamp.sh` writes the file). Provenance
/// then names the code a binary was compiled from, whatever the checkout holds by the time the
/// binary runs (a sweep keeps starting runs for hours while its user edits and commits).
///
/// The stamp is a build command whose inputs are git's record of HEAD and its index, and every
/// compiled source file of the package's non-test targets: the build system reruns it after a
/// commit, a checkout or an edit, and at no other time.
@main
struct KitSourceStamp: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) async throws -> [Command] {
        let root = context.package.directoryURL
        let output = context.pluginWorkDirectoryURL.appending(path: "KitSource+Stamp.swift")
        let script = root.appending(path: "Plugins/KitSourceStamp/stamp.sh")
        // The compiled files of the kit's modules and executables: not the test targets, whose
        // resources (git-ignored fixtures that `make fixtures` writes) a fresh clone lacks, and
        // a missing input fails the build.
        let sources = context.package.targets.compactMap { $0 as? SourceModuleTarget }.filter { $0.kind != .test }
            .flatMap { $0.sourceFiles.filter { $0.type == .source || $0.type == .header }.map(\.url) }
        let gitRecords = ["HEAD", "logs/HEAD", "index"].compactMap { gitPath($0, in: root) }
        if gitRecords.isEmpty {
            Diagnostics.warning("KitSourceStamp: \(root.path) is not a git checkout (or git is missing), so runs will record their "
                                + "commit as \"unknown\"; build from a `git clone` of the kit, with git installed, to record it")
        }
        return [.buildCommand(displayName: "Stamp the kit's commit", executable: URL(filePath: "/bin/sh"),
                              arguments: [script.path, root.path, output.path],
                              inputFiles: [script, root.appending(path: "Package.swift")] + gitRecords + sources,
                              outputFiles: [output])]
    }

    /// Where git keeps `name` for this checkout (`git rev-parse --git-path`; in a worktree the
    /// worktree's own HEAD and index), if the file exists.
    private func gitPath(_ name: String, in root: URL) -> URL? {
        let process = Process()
        process.executableURL = URL(filePath: "/usr/bin/env")
        process.arguments = ["git", "-C", root.path, "rev-parse", "--path-format=absolute", "--git-path", name]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let path = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard process.terminationStatus == 0, FileManager.default.fileExists(atPath: path) else { return nil }
        return URL(filePath: path)
    }
}
