import Foundation
import Testing

/// Bad input to `repro` fails with a message that names the flag or file and the fix, followed
/// by the usage of the subcommand that was typed (not of `repro` itself), and a non-zero status.
@Suite struct CommandLineErrorTests {
    @Test(arguments: [
        (["dataset", "info", "/no/such/file.hdf5"], "/no/such/file.hdf5: no such file", "repro dataset info"),
        (["dataset", "info", "hopper-mediun-v2"], "did you mean 'hopper-medium-v2'", "repro dataset info"),
        (["env", "demonstrate", "hopper-medium-v2"], "hopper-medium-v2 is not a kitchen task", "repro env demonstrate"),
        (["env", "replay", "hopper-medium-v2", "--actions", "/no/such/actions.txt"], "--actions /no/such/actions.txt: cannot read it", "repro env replay"),
        (["env", "replay", "hopper-medium-v2", "--actions", "/tmp"], "--actions /tmp: cannot read it as a text file", "repro env replay"),
        (["env", "replay", "hoper-medium-v2", "--actions", "/tmp"], "did you mean 'hopper-medium-v2'", "repro env replay"),
        (["env", "demonstrate", "kitchen-mixd-v0"], "did you mean 'kitchen-mixed-v0'", "repro env demonstrate"),
        (["bench", "nn", "--threads", "1,x"], "--threads 1,x: give comma-separated whole numbers", "repro bench nn"),
        (["bench", "agents", "sac", "--threads", "0"], "--threads 0: give comma-separated whole numbers", "repro bench agents"),
        (["finetune", "iql", "hopper-medium-v2", "--watch", "0"], "--watch 0: give a number of episodes, 1 or more", "repro finetune"),
    ])
    func badInputNamesItselfAndTheSubcommandsUsage(arguments: [String], message: String, usage: String) throws {
        let (status, output) = try runRepro(arguments)
        #expect(status != 0)
        #expect(output.contains("Error: ") && output.contains(message), "\(output)")
        #expect(output.contains("Usage: \(usage)"), "\(output)")
    }
}
