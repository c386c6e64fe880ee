/// What every environment built on D4RL's ant shares: how an action drives the actuators and
/// how a goal travels with the simulator state.
extension MuJoCoSimulation {
    /// Applies `action` to the ant and advances AntMaze's frame skip: each entry is clipped to
    /// [−1, 1] and scaled to its actuator's range, ctrl_i = lo_i + (a_i + 1)/2 · (hi_i − lo_i).
    /// - Throws: `EnvironmentError` for a wrong length or a non-finite entry (naming `task`),
    ///   `MuJoCoError.unstable` when the physics diverges at environment step `step`.
    func stepAnt(_ action: [Float], controlRanges: [ClosedRange<Double>], task: String, step: Int) throws {
        guard action.count == controlRanges.count else {
            throw EnvironmentError.actionLength(task: task, expected: controlRanges.count, got: action.count)
        }
        for (i, range) in controlRanges.enumerated() {
            guard action[i].isFinite else { throw EnvironmentError.nonFiniteAction(task: task, index: i) }
            let a = Double(min(max(action[i], -1), 1))
            ctrl[i] = range.lowerBound + (a + 1) / 2 * (range.upperBound - range.lowerBound)
        }
        guard self.step(frameSkip: AntMazeEnvironment.frameSkip) else { throw MuJoCoError.unstable(task: task, step: step) }
    }

    /// AntMaze's observation of the ant: qpos[0..<15] (torso position and orientation, joint
    /// angles) then qvel[0..<14].
    var antObservation: [Float] {
        (0..<15).map { Float(qpos[$0]) } + (0..<14).map { Float(qvel[$0]) }
    }

    /// The state with the environment's goal (x, y) in it.
    func saveState(elapsedSteps: Int, goal: (x: Double, y: Double)) -> SimulatorState {
        var state = saveState(elapsedSteps: elapsedSteps)
        state.goal = [goal.x, goal.y]
        return state
    }

    /// Restores `state` and returns the goal it carries, if any.
    func restoreState(withGoal state: SimulatorState) throws -> (x: Double, y: Double)? {
        try restoreState(state)
        guard let saved = state.goal, saved.count == 2 else { return nil }
        return (saved[0], saved[1])
    }
}
