import Foundation
import RLCore

/// Updates per second of the agents at the reference sizes (HalfCheetah: 17 observations,
/// 6 actions; 256×256 networks; batch 256), each update including its minibatch draw from a
/// replay buffer, set against the sgemm peak measured in the same process.
///
/// FLOPs per update are counted analytically from the passes each update makes (a forward
/// pass f = 2·B·Σ fanIn·fanOut per member; a full backward 2f; an input-only backward f):
///
/// - SAC: actor forward on s' and s, actor backward, target critics forward, critics forward
///   twice, critics full backward, critics input-only backward → 4·f_actor + 6·f_critics;
/// - IQL: target critics forward; value forward ×3 (s, s again, s') and backward; actor
///   forward and backward; critics forward and backward → 4·f_value + 3·f_actor + 4·f_critics.
///
/// - CQL: SAC's passes plus its penalty (the policy on 2·B·N states; the critics forward and
///   backward on B·3N proposals and forward on the data);
/// - AWAC (batch 1024): 4·f_actor + 6·f_critics.
/// - LAPO as O3F runs it online (5 Q-functions, 3×256, batch 512, 20 calls per environment
///   step of which the last also updates the CVAE and latent policy): a critic-only call is
///   f_π + f_D + f_K + 3·f_Q + 4·f_V (target policy and decoder forward, the drawn pair of
///   target critics forward, f_K = (2/5)·f_Q; V on s' and s, forward and backward; Q forward and
///   backward), a full call adds 4·f_π + 6·f_D + f_K + 2·f_Q + f_V + 3·f_E. Its row is one environment step (20 calls), and its target is 3 × the
///   PyTorch CPU time of the same step measured by `bench/pytorch_lapo_step.py`.
///
/// Targets (from the issues; PyTorch CPU / JAX medians measured on a 2-core machine like this
/// one): SAC ≥ 162 updates/s (3 × PyTorch's 54); IQL ≥ 201 (3 × PyTorch's 67) and ≥ 195
/// (1.5 × jit-compiled JAX's 130). CQL and AWAC have none yet.
public struct AgentBenchmark {
    public struct Measurement: Sendable {
        public var name: String
        public var secondsPerUpdate: Double
        public var flops: Double
        public var target: Double
        public var updatesPerSecond: Double { 1 / secondsPerUpdate }
    }

    public struct Result: Sendable {
        public var threads: Int
        public var gemmPeak: Double
        public var measurements: [Measurement]

        public var report: String {
            var lines = ["BLAS threads\t\(threads)",
                         "sgemm 256×256×256\t\(String(format: "%.1f", gemmPeak)) GFLOP/s (the peak below)",
                         "agent\tupdates/s\tms/update\tMFLOP/update\tachieved\tfraction of peak\ttarget"]
            for m in measurements {
                let gflops = m.flops / m.secondsPerUpdate / 1e9
                let rate = m.updatesPerSecond < 10 ? "%.2f" : "%.0f"
                let verdict = m.target > 0 ? String(format: "≥ \(rate) per s: %@", m.target, m.updatesPerSecond >= m.target ? "met" : "MISSED") : "no target"
                lines.append(String(format: "%@\t\(rate)\t%.2f\t%.1f\t%.1f GFLOP/s\t%.0f%%\t%@",
                                    m.name, m.updatesPerSecond, m.secondsPerUpdate * 1e3, m.flops / 1e6, gflops,
                                    100 * gflops / gemmPeak, verdict))
            }
            return lines.joined(separator: "\n")
        }
    }

    /// Which agents to measure.
    public enum Agent: String, CaseIterable, Sendable { case sac, iql, cql, awac, lapo }

    public init() {}

    public func run(agents: [Agent], threads: Int, repetitions: Int = 60) -> Result {
        BLAS.setThreadCount(threads)
        let peak = NNBenchmark().gemmPeak()
        var measurements: [Measurement] = []
        for agent in agents {
            switch agent {
            case .sac:
                var rng = RandomStream(seed: 1)
                let sac = SAC(observationSize: 17, actionSize: 6, using: &rng)
                let flops = 4 * NNBenchmark.forwardFlops(sac.policy.network, rows: 256) + 6 * NNBenchmark.forwardFlops(sac.critics, rows: 256)
                measurements.append(Measurement(name: "sac (2 critics)", secondsPerUpdate: time(sac, repetitions: repetitions), flops: flops, target: 162))
            case .iql:
                for critics in [2, 5] {
                    var configuration = IQL.Configuration()
                    configuration.critics = critics
                    var rng = RandomStream(seed: 1)
                    let iql = IQL(observationSize: 17, actionSize: 6, configuration: configuration, using: &rng)
                    let flops = 4 * NNBenchmark.forwardFlops(iql.value, rows: 256) + 3 * NNBenchmark.forwardFlops(iql.actor, rows: 256)
                        + 4 * NNBenchmark.forwardFlops(iql.critics, rows: 256)
                    measurements.append(Measurement(name: "iql (\(critics) critics)", secondsPerUpdate: time(iql, repetitions: repetitions),
                                                    flops: flops, target: 201))
                }
            case .cql:
                var rng = RandomStream(seed: 1)
                let cql = CQL(observationSize: 17, actionSize: 6, using: &rng)
                // SAC's passes plus the penalty: the policy on 2·B·N states and the critics
                // forward and backward on B·3N proposal rows and forward on the B data rows.
                let n = Double(cql.configuration.sampledActions)
                let flops = 4 * NNBenchmark.forwardFlops(cql.core.policy.network, rows: 256)
                    + 6 * NNBenchmark.forwardFlops(cql.core.critics, rows: 256)
                    + 2 * n * NNBenchmark.forwardFlops(cql.core.policy.network, rows: 256)
                    + 3 * 3 * n * NNBenchmark.forwardFlops(cql.core.critics, rows: 256) + NNBenchmark.forwardFlops(cql.core.critics, rows: 256)
                measurements.append(Measurement(name: "cql (N = 10)", secondsPerUpdate: time(cql, repetitions: max(10, repetitions / 6)),
                                                flops: flops, target: 0))
            case .awac:
                var rng = RandomStream(seed: 1)
                let awac = AWAC(observationSize: 17, actionSize: 6, using: &rng)
                let rows = awac.batchSize
                // Policy forward on s' and s and its likelihood pass; target critics forward;
                // critics forward and backward, then forward twice for the advantages.
                let flops = 4 * NNBenchmark.forwardFlops(awac.policy.network, rows: rows) + 6 * NNBenchmark.forwardFlops(awac.critics, rows: rows)
                measurements.append(Measurement(name: "awac (batch 1024)", secondsPerUpdate: time(awac, repetitions: max(10, repetitions / 4)),
                                                flops: flops, target: 0))
            case .lapo:
                measurements.append(lapoStep(repetitions: max(5, repetitions / 12)))
            }
        }
        return Result(threads: threads, gemmPeak: peak, measurements: measurements)
    }

    /// PyTorch CPU time of one LAPO environment step (20 calls) on this machine, from
    /// `bench/pytorch_lapo_step.py` (median of 10 steps, torch 2.13 CPU, 1 and 2 threads;
    /// measured 2026-11-25 while two nice-19 training runs held the cores).
    public static let pytorchLAPOStepSeconds: [Int: Double] = [1: 0.8683, 2: 0.5779]

    /// One online environment step of O3F's LAPO: 20 update calls (the 20th also trains the
    /// CVAE and the latent policy). `secondsPerUpdate` is per environment step.
    private func lapoStep(repetitions: Int) -> Measurement {
        var rng = RandomStream(seed: 1)
        var configuration = LAPO.Configuration()
        (configuration.critics, configuration.actorObjective, configuration.onlinePolicyUpdateInterval) = (5, .criticMean, 20)
        let lapo = LAPO(observationSize: 17, actionSize: 6, configuration: configuration, using: &rng)
        lapo.beginOnlinePhase()
        let rows = lapo.batchSize
        func f(_ network: MLPEnsemble) -> Double { NNBenchmark.forwardFlops(network, rows: rows) }
        let (fPolicy, fDecoder, fEncoder) = (f(lapo.latentPolicy), f(lapo.vae.decoder), f(lapo.vae.encoder))
        let (fQ, fV) = (f(lapo.critics), f(lapo.value))
        // The target critics are evaluated for the drawn pair only (2 of 5 members).
        let fTarget = fQ * Double(configuration.targetSubsetSize) / Double(configuration.critics)
        let criticCall = fPolicy + fDecoder + fTarget + 3 * fQ + 4 * fV
        let fullCall = criticCall + 4 * fPolicy + 6 * fDecoder + fTarget + 2 * fQ + fV + 3 * fEncoder
        let seconds = time(lapo, repetitions: repetitions, callsPerRepetition: 20)
        let threads = BLAS.threadCount
        let target = (Self.pytorchLAPOStepSeconds[threads] ?? 0) > 0 ? 3 / Self.pytorchLAPOStepSeconds[threads]! : 0
        return Measurement(name: "lapo env step (5 critics, UTD 20)", secondsPerUpdate: seconds, flops: 19 * criticCall + fullCall, target: target)
    }

    /// Median seconds per update (minibatch draw included) from a buffer of random transitions.
    private func time(_ agent: any RLCore.Agent, repetitions: Int, callsPerRepetition: Int = 1) -> Double {
        precondition(repetitions >= 1)
        var rng = RandomStream(seed: 2)
        let buffer = ReplayBuffer(capacity: 10_000, observationSize: agent.observationSize, actionSize: agent.actionSize)
        for _ in 0..<10_000 {
            buffer.append(observation: (0..<agent.observationSize).map { _ in Float(rng.nextGaussian()) },
                          action: (0..<agent.actionSize).map { _ in 2 * rng.nextUniformFloat() - 1 },
                          reward: Float(rng.nextGaussian()),
                          nextObservation: (0..<agent.observationSize).map { _ in Float(rng.nextGaussian()) },
                          terminated: false, truncated: false)
        }
        var batch = TransitionBatch(size: agent.batchSize, observationSize: agent.observationSize, actionSize: agent.actionSize)
        return NNBenchmark.median(repetitions: repetitions) {
            for _ in 0..<callsPerRepetition {
                buffer.sample(into: &batch, using: &rng)
                _ = agent.update(with: batch, using: &rng)
            }
        }
    }
}
