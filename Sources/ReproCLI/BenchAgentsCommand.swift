import ArgumentParser
import Repro

/// `repro bench agents [sac|iql|cql|awac|lapo|all]`: updates per second at the reference sizes (LAPO: environment steps per second at UTD 20).
struct BenchAgentsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agents",
        abstract: "Time SAC, IQL, CQL and AWAC updates (HalfCheetah sizes) and LAPO's UTD-20 environment step against their targets and the sgemm peak."
    )

    @Argument(help: "sac, iql, cql, awac, lapo or all.")
    var agent: String = "all"

    @Option(help: "BLAS thread counts to measure, comma-separated.")
    var threads: String = "1,2"

    func validate() throws {
        if agent != "all" && AgentBenchmark.Agent(rawValue: agent) == nil { throw ValidationError("\(agent): use sac, iql, cql, awac, lapo or all") }
        _ = try validating { try ThreadCounts.parse(threads) }
    }

    func run() throws {
        let counts = try ThreadCounts.parse(threads)
        let agents = agent == "all" ? AgentBenchmark.Agent.allCases : [AgentBenchmark.Agent(rawValue: agent)!]
        for count in counts {
            print(AgentBenchmark().run(agents: agents, threads: count).report)
            print()
        }
    }
}
