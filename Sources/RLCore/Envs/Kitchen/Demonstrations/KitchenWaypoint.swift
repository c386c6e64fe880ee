/// One stage of a scripted kitchen skill: an end-effector pose to reach with the gripper open or
/// closed, and when to move on.
///
/// The demonstrator drives the end effector towards `pose` until the site is within
/// `tolerance` of it (and, with an orientation, turned to within `angularTolerance`), then
/// holds it there for `holdSteps` more steps (e.g. while the fingers close), and moves on; it
/// also moves on after `maxSteps` steps whether or not the pose was reached.
public struct KitchenWaypoint: Sendable, Equatable {
    /// Where the end effector should go.
    public var pose: EndEffectorPose
    /// What the fingers should do on the way and while holding.
    public var gripper: GripperCommand
    /// Distance (m) within which the position counts as reached.
    public var tolerance: Double
    /// Angle (rad) within which the orientation counts as reached.
    public var angularTolerance: Double
    /// Steps to stay after reaching the pose.
    public var holdSteps: Int
    /// The most steps this stage may take (reaching and holding).
    public var maxSteps: Int
    /// The largest end-effector displacement per step on the way (m); nil keeps the controller's.
    public var speed: Double?
    /// When set, the stage backs the hand out along its own fingers: `pose` is replaced, when the
    /// stage starts, by the site's current position moved this far (m) against its z axis, and
    /// its current orientation. For letting go of a handle whose grasp has turned.
    public var backOff: Double?

    public init(_ pose: EndEffectorPose, gripper: GripperCommand, tolerance: Double = 0.01, angularTolerance: Double = 0.1,
                holdSteps: Int = 0, maxSteps: Int = 40, speed: Double? = nil, backOff: Double? = nil) {
        self.pose = pose
        self.gripper = gripper
        self.tolerance = tolerance
        self.angularTolerance = angularTolerance
        self.holdSteps = holdSteps
        self.maxSteps = maxSteps
        self.speed = speed
        self.backOff = backOff
    }
}
