/// The places in D4RL's kitchen model that scripted skills aim at, read by name from the
/// simulation's current kinematics: the handle and knob sites (`microhandle_site`,
/// `kettle_site`, `slide_site`, `hinge_site2`, `knob2_site`, `knob4_site`, `light_site`) and the
/// hinges they turn about (`microjoint`, `rightdoorhinge`, `knob_Joint_2`, …).
public struct KitchenScene {
    /// A hinge of the scene: its world anchor, its unit axis and its current angle.
    public struct Hinge: Sendable {
        public var anchor: SIMD3<Double>
        public var axis: SIMD3<Double>
        public var angle: Double

        /// Where `point` goes when the hinge turns by `angle` from now (right hand about `axis`).
        public func turning(_ point: SIMD3<Double>, by angle: Double) -> SIMD3<Double> {
            anchor + Rotation3(axis: axis, angle: angle) * (point - anchor)
        }
    }

    /// The simulation, its kinematics brought up to date.
    public let simulation: MuJoCoSimulation

    public init(simulation: MuJoCoSimulation) {
        simulation.updateKinematics()
        self.simulation = simulation
    }

    /// The world position of the site named `name`.
    /// - Throws: `MuJoCoError.cannotLoad` when the model has no such site.
    public func site(_ name: String) throws -> SIMD3<Double> {
        simulation.sitePosition(try id(.site, name))
    }

    /// The world orientation of the body named `name`.
    /// - Throws: `MuJoCoError.cannotLoad` when the model has no such body.
    public func orientation(ofBody name: String) throws -> Rotation3 {
        simulation.bodyOrientation(try id(.body, name))
    }

    /// The hinge joint named `name`: anchor, axis and angle (its qpos entry).
    /// - Throws: `MuJoCoError.cannotLoad` when the model has no such joint.
    public func hinge(_ name: String) throws -> Hinge {
        let joint = try id(.joint, name)
        return Hinge(anchor: simulation.jointAnchor(joint), axis: simulation.jointAxis(joint),
                     angle: simulation.qpos[simulation.qposAddress(ofJoint: joint)])
    }

    private func id(_ kind: MuJoCoSimulation.ElementKind, _ name: String) throws -> Int {
        guard let id = simulation.id(of: kind, named: name) else {
            throw MuJoCoError.cannotLoad(simulation.modelFile.path, "no \(kind) named \(name) (is this D4RL's kitchen model?)")
        }
        return id
    }
}
