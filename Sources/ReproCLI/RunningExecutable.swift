import Foundation

/// This `repro` executable's own file, for the child processes a sweep starts and the Slurm
/// scripts it writes: the kernel's answer (`Bundle.main.executableURL`, read from
/// /proc/self/exe), which holds also when `repro` was found through `PATH`, where the first
/// command-line argument is a bare name.
func runningExecutable() -> URL {
    (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])).resolvingSymlinksInPath()
}
