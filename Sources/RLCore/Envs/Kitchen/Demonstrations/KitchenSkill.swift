import Foundation

/// The scripted skill that completes one kitchen task element: a short sequence of end-effector
/// waypoints (approach, grasp or contact, a motion along the element's joint, release, retreat),
/// planned in the world frame from where the element's handle, knob or switch is when the skill
/// starts.
///
/// What each element's goal asks (D4RL's `OBS_ELEMENT_GOALS`, `KitchenTaskElement.goal`) and how
/// the skill gets there:
/// - microwave (door hinge → −0.75 rad): grasp the vertical handle from the front and pull it
///   round the hinge to −0.75 − 0.15 ± noise;
/// - slide cabinet (door slide → 0.37 m): push the vertical handle sideways, from its left side,
///   by 0.30 ± noise;
/// - hinge cabinet (right door → 1.45 rad): grasp the right door's handle and pull it round its
///   hinge to about 1.45 rad;
/// - light switch (lever → −0.69 rad): push the lever from its right side leftwards past its
///   travel, with the fingers closed;
/// - bottom and top burner (knob → −0.88 / −0.92 rad about the knob's axis, which points out of the
///   panel at the robot): pinch the knob's bar between the fingers and turn the hand about the
///   knob's axis by the goal angle ± noise;
/// - kettle (free body → the top-left burner, (−0.23, 0.75, 1.62), upright): grasp the handle
///   bar from above, lift it, carry it 0.40 m back over the stove, set it down, release.
///
/// Every skill starts and ends at a clear pose in front of the element, so that skills chain in
/// any order. Variation (all drawn from the `variation` stream): each waypoint's position moves
/// by up to ±`positionJitter` per axis where the contact allows (not along a grasp's closing
/// direction), the end effector's speed is scaled by a factor in [0.8, 1.2] per skill, holds
/// last 0–2 extra steps, and each motion along a joint ends at its nominal goal plus noise.
public struct KitchenSkill: Sendable {
    /// The element this skill completes.
    public let element: KitchenTaskElement
    /// Half-width (m) of the uniform noise on approach and retreat positions.
    public var positionJitter = 0.01
    /// Half-width (m) of the uniform noise on contact positions (grasps, pushes).
    public var contactJitter = 0.004

    public init(_ element: KitchenTaskElement) {
        self.element = element
    }

    /// The waypoints of this skill from the current `scene`.
    /// - Throws: `MuJoCoError.cannotLoad` when the model lacks a site or joint the skill needs.
    public func waypoints(in scene: KitchenScene, variation: inout RandomStream) throws -> [KitchenWaypoint] {
        var plan = Plan(speed: 0.03 * variation.nextUniform(in: 0.8, 1.2), skill: self)
        switch element {
        case .microwave:
            try plan.pullDoor(handle: scene.site("microhandle_site"), hinge: scene.hinge("microjoint"),
                              door: scene.orientation(ofBody: "microdoorroot"), to: element.goal[0], variation: &variation)
        case .hingeCabinet:
            try plan.pullDoor(handle: scene.site("hinge_site2"), hinge: scene.hinge("rightdoorhinge"),
                              door: scene.orientation(ofBody: "hingerightdoor"), to: element.goal[1] - 0.05, variation: &variation)
        case .slideCabinet:
            try plan.push(scene.site("slide_site"), along: SIMD3(1, 0, 0), by: 0.30, contactOffset: 0.045, variation: &variation)
        case .lightSwitch:
            try plan.push(scene.site("light_site"), along: SIMD3(-1, 0, 0), by: 0.09, contactOffset: 0.04, variation: &variation)
        case .bottomBurner:
            try plan.turnKnob(site: scene.site("knob2_site"), hinge: scene.hinge("knob_Joint_2"), to: element.goal[0], variation: &variation)
        case .topBurner:
            try plan.turnKnob(site: scene.site("knob4_site"), hinge: scene.hinge("knob_Joint_4"), to: element.goal[0], variation: &variation)
        case .kettle:
            let goal = SIMD3(element.goal[0], element.goal[1], element.goal[2])
            let origin = element.qposIndices.prefix(3).map { scene.simulation.qpos[$0] }   // the free joint's position
            try plan.carry(handle: scene.site("kettle_site"), kettle: SIMD3(origin[0], origin[1], origin[2]), to: goal, variation: &variation)
        }
        return plan.waypoints
    }

    /// The orientation of the end-effector site whose z axis is `approach` and whose y axis (the
    /// fingers' opening direction) is `fingers`: columns (fingers × approach, fingers, approach).
    public static func gripperOrientation(approach: SIMD3<Double>, fingers: SIMD3<Double>) -> Rotation3 {
        let z = normalized(approach), y = normalized(fingers)
        let x = SIMD3(y.y * z.z - y.z * z.y, y.z * z.x - y.x * z.z, y.x * z.y - y.y * z.x)
        return Rotation3(columns: x, y, z)
    }

    /// The orientation that points the fingers horizontally along `approach` (its vertical part
    /// dropped) with the fingers opening horizontally and the site's x axis up: the pose for
    /// grasping or pushing vertical handles.
    public static func forwardOrientation(approach: SIMD3<Double>) -> Rotation3 {
        let a = normalized(SIMD3(approach.x, approach.y, 0))
        return gripperOrientation(approach: a, fingers: SIMD3(a.y, -a.x, 0))
    }

    static func normalized(_ v: SIMD3<Double>) -> SIMD3<Double> { v / (v * v).sum().squareRoot() }
}

/// The waypoints of one skill being built, with the skill's speed and noise.
private struct Plan {
    var speed: Double
    let skill: KitchenSkill
    var waypoints: [KitchenWaypoint] = []

    /// A waypoint at `position` turned to `orientation`, at the skill's speed.
    mutating func add(_ position: SIMD3<Double>, _ orientation: Rotation3?, _ gripper: GripperCommand, tolerance: Double = 0.01,
                      angularTolerance: Double = 0.15, hold: Int = 0, maxSteps: Int = 40, slower: Double = 1, variation: inout RandomStream) {
        let extra = hold > 0 ? variation.nextIndex(below: 3) : 0
        waypoints.append(KitchenWaypoint(EndEffectorPose(position: position, orientation: orientation), gripper: gripper,
                                         tolerance: tolerance, angularTolerance: angularTolerance, holdSteps: hold + extra, maxSteps: maxSteps,
                                         speed: speed / slower))
    }

    /// Uniform noise of half-width `h` on each axis, zero along `fixed` (unit) if given.
    func jitter(_ h: Double, keeping fixed: SIMD3<Double>? = nil, variation: inout RandomStream) -> SIMD3<Double> {
        var v = SIMD3(variation.nextUniform(in: -h, h), variation.nextUniform(in: -h, h), variation.nextUniform(in: -h, h))
        if let fixed { v -= fixed * (v * fixed).sum() }
        return v
    }

    /// Grasp a vertical door handle from the front and pull it round the door's hinge until the
    /// hinge reaches `target` (rad), then let go and back away.
    mutating func pullDoor(handle: SIMD3<Double>, hinge: KitchenScene.Hinge, door: Rotation3, to target: Double,
                           variation: inout RandomStream) {
        let outward = -KitchenSkill.normalized(SIMD3(door.columns.1.x, door.columns.1.y, 0))   // the door's −y faces the robot
        let grasp = KitchenSkill.forwardOrientation(approach: -outward)
        let fingers = grasp.columns.1
        let contact = handle + jitter(skill.contactJitter, keeping: fingers, variation: &variation)
        add(contact + 0.12 * outward + jitter(skill.positionJitter, variation: &variation), grasp, .open, tolerance: 0.02, variation: &variation)
        add(contact, grasp, .open, tolerance: 0.008, variation: &variation)
        add(contact, grasp, .closed, hold: 4, variation: &variation)
        let sweep = target + variation.nextUniform(in: -0.08, 0.08) - hinge.angle
        let pieces = max(Int((abs(sweep) / 0.08).rounded(.up)), 1)
        for k in 1...pieces {
            let turn = sweep * Double(k) / Double(pieces)
            add(hinge.turning(contact, by: turn), nil, .closed, tolerance: k == pieces ? 0.01 : 0.025, variation: &variation)
        }
        let final = Rotation3(axis: hinge.axis, angle: sweep)
        let released = hinge.turning(contact, by: sweep)
        add(released, final * grasp, .open, hold: 3, maxSteps: 10, variation: &variation)
        add(released + 0.12 * (final * outward) + jitter(skill.positionJitter, variation: &variation), final * grasp, .open,
            tolerance: 0.03, variation: &variation)
    }

    /// Push a vertical handle or lever at `point` along `direction` by `distance` (m) with the
    /// fingers closed, starting `contactOffset` behind it, then back away.
    mutating func push(_ point: SIMD3<Double>, along direction: SIMD3<Double>, by distance: Double, contactOffset: Double,
                       variation: inout RandomStream) {
        let pose = KitchenSkill.forwardOrientation(approach: SIMD3(0, 1, 0))
        let away = SIMD3<Double>(0, -0.12, 0)
        let start = point - contactOffset * direction + jitter(skill.contactJitter, keeping: direction, variation: &variation)
        add(start + away + jitter(skill.positionJitter, variation: &variation), pose, .closed, tolerance: 0.02, variation: &variation)
        add(start, pose, .closed, tolerance: 0.008, variation: &variation)
        let end = start + (distance + variation.nextUniform(in: -0.02, 0.02)) * direction
        add(end, pose, .closed, tolerance: 0.01, maxSteps: 40, variation: &variation)
        add(end + away + jitter(skill.positionJitter, variation: &variation), pose, .closed, tolerance: 0.03, variation: &variation)
    }

    /// Pinch a burner knob's bar and turn the hand about the knob's axis until the knob reaches
    /// `target` (rad), then let go and back away.
    mutating func turnKnob(site: SIMD3<Double>, hinge: KitchenScene.Hinge, to target: Double, variation: inout RandomStream) {
        let outward = hinge.axis                                      // the knob's axis points out of the panel
        let grasp = KitchenSkill.forwardOrientation(approach: -outward)
        let contact = site + 0.031 * outward + jitter(skill.contactJitter, keeping: grasp.columns.1, variation: &variation)
        add(contact + 0.10 * outward + jitter(skill.positionJitter, variation: &variation), grasp, .open, tolerance: 0.02, variation: &variation)
        add(contact, grasp, .open, tolerance: 0.01, variation: &variation)
        add(contact, grasp, .closed, tolerance: 0.02, hold: 4, variation: &variation)
        let sweep = target + variation.nextUniform(in: -0.1, 0.1) - hinge.angle
        let pieces = max(Int((abs(sweep) / 0.15).rounded(.up)), 1)
        for k in 1...pieces {
            let turn = Rotation3(axis: hinge.axis, angle: sweep * Double(k) / Double(pieces))
            add(contact, turn * grasp, .closed, tolerance: 0.025, variation: &variation)
        }
        let turned = Rotation3(axis: hinge.axis, angle: sweep) * grasp
        add(contact, turned, .open, hold: 3, maxSteps: 10, variation: &variation)
        add(contact + 0.10 * outward + jitter(skill.positionJitter, variation: &variation), turned, .open, tolerance: 0.03, variation: &variation)
    }

    /// Grasp the kettle's handle bar from above, lift it, carry it so that the kettle's origin
    /// comes to `goal`, set it down, let go and rise.
    mutating func carry(handle: SIMD3<Double>, kettle: SIMD3<Double>, to goal: SIMD3<Double>, variation: inout RandomStream) {
        let handleHeight = handle - kettle                            // the handle bar above the kettle's origin
        let tilt = 0.5                                                // rad from vertical, leaning away from the robot
        let approach = SIMD3(0, sin(tilt), -cos(tilt))
        let down = KitchenSkill.gripperOrientation(approach: approach, fingers: SIMD3(0, cos(tilt), sin(tilt)))
        let up = SIMD3<Double>(0, 0, 1)
        let contact = handle + SIMD3(0, 0, 0.01) + jitter(skill.contactJitter, keeping: down.columns.1, variation: &variation)
        add(contact - 0.14 * approach + jitter(skill.positionJitter, variation: &variation), down, .open, tolerance: 0.015,
            angularTolerance: 0.05, variation: &variation)
        add(contact, down, .open, tolerance: 0.008, maxSteps: 25, slower: 1.5, variation: &variation)
        add(contact, down, .closed, tolerance: 0.02, hold: 4, variation: &variation)
        let lift = 0.06 + variation.nextUniform(in: -0.015, 0.015)
        add(contact + lift * up, down, .closed, tolerance: 0.02, variation: &variation)
        let place = goal + handleHeight + SIMD3(0, -0.04, 0.01) + jitter(skill.positionJitter, keeping: up, variation: &variation)
        add(place + lift * up, down, .closed, tolerance: 0.02, hold: 3, variation: &variation)   // let the kettle stop swinging
        add(place, down, .closed, tolerance: 0.015, maxSteps: 20, slower: 2, variation: &variation)
        add(place, down, .open, hold: 2, maxSteps: 8, variation: &variation)
        add(place - 0.12 * approach + jitter(skill.positionJitter, variation: &variation), down, .open, tolerance: 0.03, variation: &variation)
    }
}
