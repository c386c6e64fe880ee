/// The Franka robot of D4RL's kitchen as D4RL drives and observes it: its velocity actions, the
/// position limits its targets are clipped to, its reset pose, and the observation noise.
///
/// Sources, all in the `d4rl==1.1` package: `kitchen/adept_envs/franka/kitchen_multitask_v0.py`
/// (`KitchenV0`: frame skip, `act_amp`, `init_qpos`, `robot_noise_ratio`),
/// `kitchen/adept_envs/franka/robot/franka_robot.py` (`Robot_VelAct`, `get_obs`) and the
/// calibration file `kitchen/adept_envs/franka/robot/franka_config.xml` (`pos_bound`,
/// `vel_bound`, `pos_noise_amp` of qpos0…qpos29). The numbers below are that file's.
public enum KitchenRobot {
    /// Robot joints: seven arm joints and two fingers (qpos 0..<9, also the actuators).
    public static let jointCount = 9
    /// The arm's joints (qpos 0..<7); qpos 7 and 8 are the fingers.
    public static let armJointCount = 7
    /// Generalised positions of the model: robot 9 + objects 21.
    public static let qposCount = 30
    /// MuJoCo steps per environment step (`frame_skip=40`; with the model's 0.002 s timestep an
    /// environment step lasts 0.08 s).
    public static let frameSkip = 40
    /// `act_amp`: an action a ∈ [−1, 1] asks for joint velocity 2·a (rad/s, m/s for the fingers).
    public static let velocityScale = 2.0
    /// `vel_bound` of every robot joint (±10); 2·a never reaches it, so this clip never binds.
    public static let velocityBound = 10.0

    /// `pos_bound` of the robot joints, to which position targets are clipped. MuJoCo then clamps
    /// the control to the actuator's `ctrlrange` as well, which binds only on joint 5's upper
    /// end (2.1817 < 3.8).
    public static let positionBounds: [ClosedRange<Double>] = [
        -2.9...2.9, -1.8...1.8, -2.9...2.9, -3.1...0.0, -2.9...2.9, 0.0...3.8, -2.9...2.9, 0.0...0.04, 0.0...0.04,
    ]

    /// `robot_noise_ratio`: the share of each joint's `pos_noise_amp` that the simulated
    /// observation noise uses (D4RL: "10% as per robot_config specs"); it applies to the
    /// objects too.
    public static let noiseRatio = 0.1

    /// `pos_noise_amp` of qpos 0..<30: 0.1 on the arm and fingers; on the objects 0.005 for the
    /// first knob-and-burner pair (9–10), 0.0005 for the other three pairs (11–16, the bottom and
    /// top burners among them), 0.005 for the light switch (17–18), the slide cabinet (19), the
    /// kettle's position (23–25) and last quaternion entry (29), and 0.1 for the hinge doors
    /// (20–21), the microwave door (22) and three of the kettle's quaternion entries (26–28).
    public static let positionNoiseAmplitudes: [Double] = [
        0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1,     // robot
        0.005, 0.005,                                    // qpos 9, 10
        0.0005, 0.0005, 0.0005, 0.0005, 0.0005, 0.0005,  // qpos 11–16
        0.005, 0.005, 0.005,                             // qpos 17–19
        0.1, 0.1, 0.1,                                   // qpos 20–22
        0.005, 0.005, 0.005,                             // qpos 23–25
        0.1, 0.1, 0.1,                                   // qpos 26–28
        0.005,                                           // qpos 29
    ]

    /// The observation noise's half-width per qpos entry: noiseRatio · pos_noise_amp, so an
    /// observed position is q + U(−h, h) with h = 0.01 on the robot and 0.0005, 0.00005 or 0.01
    /// on the objects.
    public static let observationNoiseHalfWidths: [Double] = positionNoiseAmplitudes.map { noiseRatio * $0 }

    /// D4RL's reset pose (`KitchenV0.init_qpos`, "for the microwave kettle slide hinge"): the arm
    /// in its start pose with the fingers open, every door, knob and switch closed (|q| < 0.01)
    /// and the kettle on the stove at (−0.269, 0.350, 1.619). The reset velocity is the model's
    /// keyframe velocity (`init_qvel = key_qvel[0]`), which the model file leaves at zero. The
    /// kettle's quaternion here has norm 1.006; MuJoCo normalises it on the first `mj_forward`.
    public static let initialQpos: [Double] = [
        1.48388023e-01, -1.76848573e+00, 1.84390296e+00, -2.47685760e+00, 2.60252026e-01, 7.12533105e-01,
        1.59515394e+00, 4.79267505e-02, 3.71350919e-02, -2.66279850e-04, -5.18043486e-05, 3.12877220e-05,
        -4.51199853e-05, -3.90842156e-06, -4.22629655e-05, 6.28065475e-05, 4.04984708e-05, 4.62730939e-04,
        -2.26906415e-04, -4.65501369e-04, -6.44129196e-03, -1.77048263e-03, 1.08009684e-03, -2.69397440e-01,
        3.50383255e-01, 1.61944683e+00, 1.00618764e+00, 4.06395120e-03, -6.62095997e-03, -2.68278933e-04,
    ]

    /// The position target of joint `joint` for action entry `action` (`Robot_VelAct` then
    /// `ctrl_position_limits`): the velocity v = clip(2·clip(a, −1, 1), ±10) integrated over one
    /// environment step of `duration` seconds from the *observed* (noisy) position q̃ of the last
    /// observation, then clipped to the joint's position bounds:
    ///
    ///     target = clip(q̃ + v · duration, pos_bound)
    public static func positionTarget(joint: Int, observedPosition: Double, action: Float, duration: Double) -> Double {
        let a = Double(min(max(action, -1), 1))
        let velocity = min(max(velocityScale * a, -velocityBound), velocityBound)
        let bounds = positionBounds[joint]
        return min(max(observedPosition + velocity * duration, bounds.lowerBound), bounds.upperBound)
    }
}
