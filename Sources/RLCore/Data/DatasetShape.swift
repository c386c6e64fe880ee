extension D4RLTask {
    /// Lengths of an observation and of an action in the task's D4RL dataset: HalfCheetah
    /// 17/6, Hopper 11/3, Walker2d 17/6, AntMaze 29/8, Kitchen 60/9.
    public var datasetShape: (observation: Int, action: Int) {
        switch domain {
        case .antmaze: return (29, 8)
        case .kitchen: return (60, 9)
        case .locomotion:
            switch environmentName {
            case "hopper": return (11, 3)
            default: return (17, 6)   // halfcheetah, walker2d
            }
        }
    }
}
