import Foundation

/// The scripted skill that completes one kitchen task element: a short sequence of end-effector
/// waypoints (approach, grasp or contact, a motion along the element's joint, release, retreat),
/// planned in the world frame from where the element's handle, knob or switch is when the skill
/// starts.
///
/// What each element's goal asks (D4RL's `OBS_ELEMENT_GOALS`, `KitchenTaskElement.goal`; an
/// element is done within 0.3 of it) and how the skill gets there:
/// - microwave (door hinge → −0.75 rad): grasp the vertical handle from the front, pull it round
///   the hinge to −0.75 ± 0.05 (position only, the grasp turning with the handle), hold, let go
///   and back the hand out along its fingers;
/// - hinge cabinet (right door → 1.45 rad): the same on the right door's handle, to 1.40 ± 0.05;
/// - slide cabinet (door slide → 0.37 m): push the vertical handle right by 0.25 ± 0.02 from its
///   left side, fingers closed and stacked vertically, the hand coming in from the front right
///   (an open hinge door stands just left of the handle);
/// - light switch (lever → −0.69 rad): push the lever's tip left by 0.10 ± 0.02 from its right
///   side, fingers closed, past the end of its travel (the lever stops at −0.7);
/// - bottom and top burner (knob → −0.88 / −0.92 rad about the knob's axis, which points out of
///   the panel at the robot): pinch the knob's bar and turn the hand about that axis to the goal
///   ± 0.1, in steps of `knobTurnStep`;
/// - kettle (free body → the top-left burner, (−0.23, 0.75, 1.62), upright): grasp the handle
///   bar from above with the hand leaning back 0.5 rad, lift it 0.06, carry it to 0.07 short of
///   the goal, let it stop swinging, set it down, let go and back away.
///
/// Each skill first passes a transit point 0.12 m nearer the robot than its first waypoint,
/// where the hand turns to the skill's orientation, and ends backed away from its element, so
/// that skills chain in any order. Variation (all from the `variation` stream): approach and
/// retreat points move by up to ±`positionJitter` per axis, contact points by up to
/// ±`contactJitter` along the directions the contact allows (knobs: the pinch height only), the
/// end effector's speed is scaled by a factor in [0.8, 1.2] per skill, holds last 0–2 extra
/// steps, and each motion along a joint ends at its nominal target plus the noise above.
public struct KitchenSkill: Sendable {
    /// The element this skill completes.
    public let element: KitchenTaskElement
    /// Half-width (m) of the uniform noise on approach and retreat positions.
    public var positionJitter = 0.01
    /// Half-width (m) of the uniform noise on contact positions (grasps, pushes).
    public var contactJitter = 0.004
    /// The end effector's nominal speed (m per step) before the per-skill factor: 0.06 m per
    /// 0.08 s step. At 0.045 the four-element sequences took longer than the 280-step episode
    /// (kitchen-mixed 295 steps on average, 2 of 20 within the limit).
    public var baseSpeed = 0.06
    /// The rotation (rad) asked of a knob per stage.
    public var knobTurnStep = 0.1

    public init(_ element: KitchenTaskElement) {
        self.element = element
    }

    /// The waypoints of this skill from the current `scene`.
    /// - Throws: `MuJoCoError.cannotLoad` when the model lacks a site or joint the skill needs.
    public func waypoints(in scene: KitchenScene, variation: inout RandomStream) throws -> [KitchenWaypoint] {
        var plan = Plan(speed: baseSpeed * variation.nextUniform(in: 0.8, 1.2), skill: self)
        switch element {
        case .microwave:
            try plan.pullDoor(handle: scene.site("microhandle_site"), hinge: scene.hinge("microjoint"),
                              door: scene.orientation(ofBody: "microdoorroot"), to: element.goal[0], variation: &variation)
        case .hingeCabinet:
            try plan.pullDoor(handle: scene.site("hinge_site2"), hinge: scene.hinge("rightdoorhinge"),
                              door: scene.orientation(ofBody: "hingerightdoor"), to: element.goal[1] - 0.05, variation: &variation)
        case .slideCabinet:
            try plan.push(scene.site("slide_site"), along: SIMD3(1, 0, 0), by: 0.25, contactOffset: 0.045,
                          approach: SIMD3(-0.35, 1, 0), variation: &variation)
        case .lightSwitch:
            try plan.push(scene.site("light_site"), along: SIMD3(-1, 0, 0), by: 0.10, contactOffset: 0.05,
                          approach: SIMD3(0, 1, 0), variation: &variation)
        case .bottomBurner:
            try plan.turnKnob(site: scene.site("knob2_site"), hinge: scene.hinge("knob_Joint_2"), to: element.goal[0],
                              turnStep: knobTurnStep, variation: &variation)
        case .topBurner:
            try plan.turnKnob(site: scene.site("knob4_site"), hinge: scene.hinge("knob_Joint_4"), to: element.goal[0],
                              turnStep: knobTurnStep, variation: &variation)
        case .kettle:
            let goal = SIMD3(element.goal[0], element.goal[1], element.goal[2])
            let origin = element.qposIndices.prefix(3).map { scene.simulation.qpos[$0] }   // the free joint's position
            try plan.carry(handle: scene.site("kettle_site"), kettle: SIMD3(origin[0], origin[1], origin[2]), to: goal, variation: &variation)
        }
        // The slide cabinet's handle is next to the hinge cabinet's door: if that door is open, the
        // hand turns well to the right of it.
        let shift = element == .slideCabinet ? SIMD3<Double>(0.1, 0, 0) : .zero
        return [plan.transit(towards: plan.waypoints[0], shiftedBy: shift)] + plan.waypoints
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

    /// A waypoint at `position` turned to `orientation` (nil: free), at the skill's speed divided
    /// by `slower`; a hold gets 0–2 extra steps.
    mutating func add(_ position: SIMD3<Double>, _ orientation: Rotation3?, _ gripper: GripperCommand, tolerance: Double = 0.01,
                      angularTolerance: Double = 0.1, hold: Int = 0, maxSteps: Int = 25, slower: Double = 1,
                      variation: inout RandomStream) {
        let extra = hold > 0 ? variation.nextIndex(below: 3) : 0
        waypoints.append(KitchenWaypoint(EndEffectorPose(position: position, orientation: orientation), gripper: gripper,
                                         tolerance: tolerance, angularTolerance: angularTolerance, holdSteps: hold + extra,
                                         maxSteps: maxSteps, speed: speed / slower))
    }

    /// A pass-through waypoint 0.12 m nearer the robot's base (horizontally) than `first`, moved
    /// by `shift`, with its orientation and gripper: the hand turns to the skill's orientation
    /// away from the element (and from whatever the previous skill left nearby) before it closes in.
    func transit(towards first: KitchenWaypoint, shiftedBy shift: SIMD3<Double>) -> KitchenWaypoint {
        let p = first.pose.position
        let back = KitchenSkill.normalized(SIMD3(p.x, p.y, 0))
        var waypoint = first
        waypoint.pose.position = p - 0.12 * back + shift
        waypoint.tolerance = 0.04
        waypoint.angularTolerance = 0.3
        waypoint.holdSteps = 0
        waypoint.maxSteps = 10
        return waypoint
    }

    /// Uniform noise of half-width `h` on each axis, zero along `fixed` (unit) if given.
    func jitter(_ h: Double, keeping fixed: SIMD3<Double>? = nil, variation: inout RandomStream) -> SIMD3<Double> {
        var v = SIMD3(variation.nextUniform(in: -h, h), variation.nextUniform(in: -h, h), variation.nextUniform(in: -h, h))
        if let fixed { v -= fixed * (v * fixed).sum() }
        return v
    }

    /// Grasp a vertical door handle from the front and pull it round the door's hinge until the
    /// hinge reaches `target` (rad) ± 0.05, hold it there until the door stops, then let go and
    /// back the hand out along its fingers. While the door turns only the position is
    /// controlled: the grasp lets the hand turn with the handle, and the arm keeps the freedom it
    /// needs near the ends of its reach.
    mutating func pullDoor(handle: SIMD3<Double>, hinge: KitchenScene.Hinge, door: Rotation3, to target: Double,
                           variation: inout RandomStream) {
        let outward = -KitchenSkill.normalized(SIMD3(door.columns.1.x, door.columns.1.y, 0))   // the door's −y faces the robot
        let grasp = KitchenSkill.forwardOrientation(approach: -outward)
        let contact = handle + jitter(skill.contactJitter, keeping: grasp.columns.1, variation: &variation)
        add(contact + 0.10 * outward + jitter(skill.positionJitter, variation: &variation), grasp, .open, tolerance: 0.02,
            angularTolerance: 0.08, variation: &variation)
        add(contact, grasp, .open, tolerance: 0.012, slower: 1.5, variation: &variation)
        add(contact, grasp, .closed, tolerance: 0.02, hold: 3, variation: &variation)
        let sweep = target + variation.nextUniform(in: -0.05, 0.05) - hinge.angle
        let pieces = max(Int((abs(sweep) / 0.1).rounded(.up)), 1)
        for k in 1...pieces {
            let turn = sweep * Double(k) / Double(pieces)
            let last = k == pieces
            add(hinge.turning(contact, by: turn), nil, .closed, tolerance: last ? 0.015 : 0.03, hold: last ? 2 : 0, maxSteps: 15,
                slower: last ? 1.5 : 1, variation: &variation)   // the door stops with the hand before it is let go
        }
        let released = hinge.turning(contact, by: sweep)
        let back = Rotation3(axis: hinge.axis, angle: sweep) * outward
        add(released, nil, .open, hold: 2, maxSteps: 6, variation: &variation)
        waypoints.append(KitchenWaypoint(EndEffectorPose(position: released), gripper: .open, tolerance: 0.02, maxSteps: 15,
                                         speed: speed, backOff: 0.08 + variation.nextUniform(in: 0, 0.02)))
        let clear = released + 0.08 * back
        add(clear - 0.12 * KitchenSkill.normalized(SIMD3(clear.x, clear.y, 0)) + jitter(skill.positionJitter, variation: &variation),
            nil, .open, tolerance: 0.04, variation: &variation)      // well clear of the open door
    }

    /// Push a vertical handle or lever at `point` along `direction` by `distance` (m) ± 0.02 with
    /// the fingers closed and stacked vertically (the hand's narrow side leading), pointing along
    /// `approach` (horizontal), starting `contactOffset` behind it, then back away.
    mutating func push(_ point: SIMD3<Double>, along direction: SIMD3<Double>, by distance: Double, contactOffset: Double,
                       approach: SIMD3<Double>, variation: inout RandomStream) {
        let a = KitchenSkill.normalized(approach)
        let pose = KitchenSkill.gripperOrientation(approach: a, fingers: SIMD3(0, 0, 1))
        let away = -0.10 * a
        let start = point - contactOffset * direction + jitter(skill.contactJitter, keeping: direction, variation: &variation)
        add(start + away + jitter(skill.positionJitter, variation: &variation), pose, .closed, tolerance: 0.025,
            angularTolerance: 0.1, variation: &variation)
        // Lined up exactly before closing in: the fingers pass the side of the handle or lever.
        add(start + 0.4 * away, pose, .closed, tolerance: 0.008, angularTolerance: 0.05, maxSteps: 15, variation: &variation)
        add(start, pose, .closed, tolerance: 0.01, variation: &variation)
        let end = start + (distance + variation.nextUniform(in: -0.02, 0.02)) * direction
        // A lever stops short of the end; it counts as done long before its stop (within 0.3 of the goal).
        add(end, pose, .closed, tolerance: 0.025, maxSteps: 12, variation: &variation)
        add(end + away + jitter(skill.positionJitter, variation: &variation), pose, .closed, tolerance: 0.03, variation: &variation)
    }

    /// Pinch a burner knob's bar between the fingers and turn the hand about the knob's axis
    /// until the knob reaches `target` (rad) ± 0.1, in steps of about `turnStep` rad (the knob's
    /// damping resists fast turns, and the pinch slips), then let go and back away.
    mutating func turnKnob(site: SIMD3<Double>, hinge: KitchenScene.Hinge, to target: Double, turnStep: Double,
                           variation: inout RandomStream) {
        let outward = hinge.axis                                      // the knob's axis points out of the panel
        let grasp = KitchenSkill.forwardOrientation(approach: -outward)
        // The finger pads reach from 0.01 behind the site to 0.043 ahead of it: 0.031 out of the
        // knob's site they hold the bar and stop short of the knob's base plate.
        // Only the pinch height varies: a pinch deeper or shallower by a few millimetres slips.
        let contact = site + 0.031 * outward + SIMD3(0, 0, variation.nextUniform(in: -skill.contactJitter, skill.contactJitter))
        add(contact + 0.12 * outward + jitter(skill.positionJitter, variation: &variation), grasp, .open, tolerance: 0.025,
            angularTolerance: 0.1, variation: &variation)
        // Rarely reached to 6 mm; eight steps line the fingers up well enough for the pinch.
        add(contact + 0.05 * outward, grasp, .open, tolerance: 0.006, angularTolerance: 0.05, maxSteps: 8, variation: &variation)
        add(contact, grasp, .open, tolerance: 0.01, slower: 1.5, variation: &variation)
        add(contact, grasp, .closed, tolerance: 0.02, hold: 3, variation: &variation)
        let sweep = target + variation.nextUniform(in: -0.1, 0.1) - hinge.angle
        let pieces = max(Int((abs(sweep) / turnStep).rounded(.up)), 1)
        for k in 1...pieces {
            let turn = Rotation3(axis: hinge.axis, angle: sweep * Double(k) / Double(pieces))
            add(contact, turn * grasp, .closed, tolerance: 0.02, angularTolerance: 0.05, maxSteps: 10, variation: &variation)
        }
        let turned = Rotation3(axis: hinge.axis, angle: sweep) * grasp
        add(contact, turned, .open, hold: 2, maxSteps: 6, variation: &variation)
        add(contact + 0.08 * outward + jitter(skill.positionJitter, variation: &variation), turned, .open, tolerance: 0.03,
            variation: &variation)
    }

    /// Grasp the kettle's handle bar from above, the hand leaning 0.5 rad away from the robot (so
    /// that the far burner stays within reach), lift it, carry it so that the kettle's origin
    /// comes to 0.07 short of `goal`, let it settle, set it down, let go and back away.
    mutating func carry(handle: SIMD3<Double>, kettle: SIMD3<Double>, to goal: SIMD3<Double>, variation: inout RandomStream) {
        let handleHeight = handle - kettle                            // the handle bar above the kettle's origin
        let tilt = 0.5
        let approach = SIMD3(0, sin(tilt), -cos(tilt))
        let down = KitchenSkill.gripperOrientation(approach: approach, fingers: SIMD3(0, cos(tilt), sin(tilt)))
        let up = SIMD3<Double>(0, 0, 1)
        let contact = handle + SIMD3(0, 0, 0.01) + jitter(skill.contactJitter, keeping: down.columns.1, variation: &variation)
        add(contact - 0.12 * approach + jitter(skill.positionJitter, variation: &variation), down, .open, tolerance: 0.02,
            angularTolerance: 0.05, maxSteps: 40, variation: &variation)   // reached before closing in, or the fingers hit the kettle
        add(contact, down, .open, tolerance: 0.01, maxSteps: 10, slower: 1.5, variation: &variation)   // closes in on the bar
        add(contact, down, .closed, tolerance: 0.02, hold: 3, variation: &variation)
        let lift = 0.06 + variation.nextUniform(in: -0.015, 0.015)
        add(contact + lift * up, down, .closed, tolerance: 0.02, variation: &variation)
        let place = goal + handleHeight + SIMD3(0, -0.07, 0.01) + jitter(skill.positionJitter, keeping: up, variation: &variation)
        add(place + lift * up, down, .closed, tolerance: 0.03, hold: 2, variation: &variation)   // let the kettle stop swinging
        add(place, down, .closed, tolerance: 0.015, maxSteps: 15, slower: 2, variation: &variation)
        add(place, down, .open, hold: 2, maxSteps: 6, variation: &variation)
        add(place - 0.10 * approach + SIMD3(0, -0.03, 0) + jitter(skill.positionJitter, variation: &variation), down, .open,
            tolerance: 0.03, variation: &variation)
    }
}
