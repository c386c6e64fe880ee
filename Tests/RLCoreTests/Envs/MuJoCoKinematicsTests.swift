import Foundation
import Testing
@testable import RLCore

@Suite struct MuJoCoKinematicsTests {
    private func kitchen() throws -> KitchenEnvironment {
        try #require(makeEnvironment(for: try TaskRegistry.task(named: "kitchen-mixed-v0")) as? KitchenEnvironment)
    }

    /// mj_jacSite's translation rows match central finite differences of the site position in
    /// every arm joint, and its rotation rows the change of the site's orientation.
    @Test func theSiteJacobianMatchesFiniteDifferences() throws {
        let env = try kitchen()
        var rng = RandomStream(seed: 1)
        _ = env.reset(using: &rng)
        let sim = env.simulation
        let site = try #require(sim.id(of: .site, named: "end_effector"))
        sim.updateKinematics()
        let jacobian = sim.siteJacobian(site)
        let h = 1e-6
        for j in 0..<7 {
            let q = sim.qpos[j]
            sim.qpos[j] = q + h
            sim.updateKinematics()
            let plus = sim.sitePosition(site), turnedPlus = sim.siteOrientation(site)
            sim.qpos[j] = q - h
            sim.updateKinematics()
            let minus = sim.sitePosition(site), turnedMinus = sim.siteOrientation(site)
            sim.qpos[j] = q
            let velocity = (plus - minus) / (2 * h)
            let angular = (turnedPlus * turnedMinus.transposed).rotationVector / (2 * h)
            for r in 0..<3 {
                #expect(abs(jacobian.translation[r * sim.nv + j] - velocity[r]) < 1e-6, "translation row \(r), joint \(j)")
                #expect(abs(jacobian.rotation[r * sim.nv + j] - angular[r]) < 1e-5, "rotation row \(r), joint \(j)")
            }
        }
        // Finger and kitchen joints do not move the arm's site.
        for j in 7..<sim.nv { #expect((0..<3).allSatisfy { jacobian.translation[$0 * sim.nv + j] == 0 }) }
    }

    /// Named lookups: a known site, joint and body resolve, an unknown name is nil; the
    /// microwave's hinge reports its qpos index 22 and its vertical axis.
    @Test func elementsAreFoundByName() throws {
        let sim = try kitchen().simulation
        #expect(sim.id(of: .site, named: "end_effector") != nil && sim.id(of: .site, named: "no such site") == nil)
        let hinge = try #require(sim.id(of: .joint, named: "microjoint"))
        sim.updateKinematics()
        #expect(sim.qposAddress(ofJoint: hinge) == KitchenTaskElement.microwave.qposIndices[0])
        #expect(sim.jointAxis(hinge) == SIMD3(0, 0, 1) && sim.jointRange(hinge) == -2.094...0)
        #expect(sim.id(of: .body, named: "kettle") != nil)
    }
}

@Suite struct Rotation3Tests {
    /// The rotation vector inverts the axis-angle constructor, to a millionth of the angle: at
    /// small angles (1e-10 takes the branch where sin θ ≤ 1e-9), in general and close to π
    /// (where the skew part vanishes and the axis comes from the diagonal).
    @Test(arguments: [1e-10, 1e-7, 0.3, 1.7, 3.1, Double.pi - 1e-10])
    func theRotationVectorInvertsAxisAngle(angle: Double) {
        let axis = SIMD3<Double>(0.36, -0.48, 0.8)
        let vector = Rotation3(axis: axis, angle: angle).rotationVector
        let expected = axis * angle
        #expect(((vector - expected) * (vector - expected)).sum().squareRoot() < 1e-6 * angle, "\(vector) vs \(expected)")
    }

    /// Columns are the frame's axes; R·Rᵀ = I; composition applies right to left.
    @Test func compositionAndInverse() {
        let a = Rotation3(axis: SIMD3(0, 0, 1), angle: .pi / 2), b = Rotation3(axis: SIMD3(1, 0, 0), angle: .pi / 2)
        let x = (a * b) * SIMD3<Double>(0, 1, 0)                    // b turns y into z; a leaves z alone
        #expect(((x - SIMD3(0, 0, 1)) * (x - SIMD3(0, 0, 1))).sum() < 1e-24)
        let identity = a * a.transposed
        #expect((identity.rotationVector * identity.rotationVector).sum() < 1e-24)
        #expect(Rotation3(rowMajor: [1, 0, 0, 0, 1, 0, 0, 0, 1]) == .identity)
    }
}
