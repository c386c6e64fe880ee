@preconcurrency import CMuJoCo

/// Where things are and how they move with the joints: named sites, bodies, geoms and joints,
/// their world poses, and a site's Jacobian, all read from MuJoCo's own kinematics.
///
/// Poses and Jacobians are those of the last `updateKinematics()`, `forward()` or `step`. After
/// `step(frameSkip:)` they describe the state at the start of its last MuJoCo step (MuJoCo
/// computes kinematics before it integrates), so call `updateKinematics()` first to read them
/// for the current positions.
extension MuJoCoSimulation {
    /// The kinds of named model element these accessors look up.
    public enum ElementKind: Sendable {
        case site, body, geom, joint

        var objectType: Int32 {
            switch self {
            case .site: return Int32(mjOBJ_SITE.rawValue)
            case .body: return Int32(mjOBJ_BODY.rawValue)
            case .geom: return Int32(mjOBJ_GEOM.rawValue)
            case .joint: return Int32(mjOBJ_JOINT.rawValue)
            }
        }
    }

    /// The index of the `kind` named `name` (`mj_name2id`), or nil when the model has none.
    public func id(of kind: ElementKind, named name: String) -> Int? {
        let id = Int(mj_name2id(model, kind.objectType, name))
        return id >= 0 ? id : nil
    }

    /// Recomputes the world poses of every body, geom and site and the quantities a Jacobian
    /// needs (`mj_kinematics`, then `mj_comPos`) from the current qpos. Unlike `forward()` it
    /// runs no dynamics and no constraint solver, so it changes nothing a later step reads.
    public func updateKinematics() {
        mj_kinematics(model, data)
        mj_comPos(model, data)
    }

    /// The world position of site `site` (`site_xpos`).
    public func sitePosition(_ site: Int) -> SIMD3<Double> { vector(data.pointee.site_xpos, at: site) }

    /// The world orientation of site `site` (`site_xmat`): its columns are the site's x, y and z
    /// axes in world coordinates.
    public func siteOrientation(_ site: Int) -> Rotation3 { rotation(data.pointee.site_xmat, at: site) }

    /// The world position of body `body`'s frame (`xpos`).
    public func bodyPosition(_ body: Int) -> SIMD3<Double> { vector(data.pointee.xpos, at: body) }

    /// The world orientation of body `body`'s frame (`xmat`).
    public func bodyOrientation(_ body: Int) -> Rotation3 { rotation(data.pointee.xmat, at: body) }

    /// The world position of geom `geom`'s centre (`geom_xpos`).
    public func geomPosition(_ geom: Int) -> SIMD3<Double> { vector(data.pointee.geom_xpos, at: geom) }

    /// The half-sizes of geom `geom` (`geom_size`; their meaning depends on the geom's type).
    public func geomSize(_ geom: Int) -> SIMD3<Double> { vector(model.pointee.geom_size, at: geom) }

    /// The first qpos index of joint `joint` (`jnt_qposadr`).
    public func qposAddress(ofJoint joint: Int) -> Int { Int(model.pointee.jnt_qposadr[joint]) }

    /// The range of joint `joint` (`jnt_range`; MuJoCo enforces it when the joint is limited).
    public func jointRange(_ joint: Int) -> ClosedRange<Double> {
        model.pointee.jnt_range[2 * joint]...model.pointee.jnt_range[2 * joint + 1]
    }

    /// The world position of joint `joint`'s anchor (`xanchor`).
    public func jointAnchor(_ joint: Int) -> SIMD3<Double> { vector(data.pointee.xanchor, at: joint) }

    /// The world direction of joint `joint`'s axis (`xaxis`, unit length).
    public func jointAxis(_ joint: Int) -> SIMD3<Double> { vector(data.pointee.xaxis, at: joint) }

    /// The Jacobian of site `site` (`mj_jacSite`): row-major 3 × nv matrices `translation`
    /// (∂ position / ∂ qvel) and `rotation` (∂ angular velocity / ∂ qvel), both in world
    /// coordinates, so the site moves by ẋ = translation · q̇ and turns at ω = rotation · q̇.
    public func siteJacobian(_ site: Int) -> (translation: [Double], rotation: [Double]) {
        var translation = [Double](repeating: 0, count: 3 * nv)
        var rotation = [Double](repeating: 0, count: 3 * nv)
        mj_jacSite(model, data, &translation, &rotation, Int32(site))
        return (translation, rotation)
    }

    /// The generalised bias forces of the last `forward()` or step (`qfrc_bias`: gravity,
    /// Coriolis and centrifugal forces, nv entries): the joint forces that hold the current motion.
    public var biasForces: [Double] { Array(UnsafeBufferPointer(start: data.pointee.qfrc_bias, count: nv)) }

    /// The gain of position actuator `actuator` (`actuator_gainprm[0]`, its kp): the force it
    /// applies per unit of (control − position).
    public func actuatorGain(_ actuator: Int) -> Double { model.pointee.actuator_gainprm[Int(mjNGAIN) * actuator] }

    /// The passive damping of degree of freedom `dof` (`dof_damping`).
    public func damping(ofDOF dof: Int) -> Double { model.pointee.dof_damping[dof] }

    private func vector(_ pointer: UnsafeMutablePointer<Double>, at index: Int) -> SIMD3<Double> {
        SIMD3(pointer[3 * index], pointer[3 * index + 1], pointer[3 * index + 2])
    }

    private func rotation(_ pointer: UnsafeMutablePointer<Double>, at index: Int) -> Rotation3 {
        Rotation3(rowMajor: (0..<9).map { pointer[9 * index + $0] })
    }
}
