import RLCore

/// Which four-element sequences a kitchen dataset demonstrates, after the structure of D4RL's
/// own kitchen files.
///
/// D4RL (Fu et al. 2020, §5; `d4rl/kitchen/__init__.py`, `scripts/generation/generate_kitchen_datasets.py`)
/// built all three files from the human teleoperation demonstrations of Relay Policy Learning
/// (Gupta et al. 2019), which come in folders of one four-element sequence each (e.g.
/// `friday_microwave_kettle_switch_slide`):
/// - `kitchen-complete-v0` ("only positive demonstrations", 3,680 transitions): the folders of
///   the task's own sequence, microwave → kettle → light switch → slide cabinet;
/// - `kitchen-partial-v0` and `kitchen-mixed-v0` (136,950 transitions each, the same
///   demonstrations): every folder, relabelled with the task's goal. For partial
///   (microwave, kettle, light switch, slide cabinet) "a subset of the demonstrations solve the
///   task" (the microwave-kettle-switch-slide folder); for mixed (microwave, kettle, bottom
///   burner, light switch) "no demonstration completely solves the task, but each demonstration
///   partially solves different components".
///
/// The kit's scheme: complete demonstrates the task's four elements in the task's order;
/// partial and mixed demonstrate the sequences of the 24 Relay Policy Learning folders
/// (`relaySequences`, their names' order; "topknob"/"bottomknob" are the top and bottom
/// burners, "switch" the light, "slide" and "hinge" the cabinets; 23 distinct sequences, as
/// microwave-bottomknob-switch-slide was recorded in both sessions), in turn, one
/// demonstration each round, so each folder gets an equal share. D4RL's folders hold
/// different numbers of demonstrations; the kit's shares are equal.
public struct KitchenDemonstrationScheme: Sendable, Equatable {
    /// The sequences demonstrated, in turn.
    public let sequences: [[KitchenTaskElement]]
    /// What the file says about them (`metadata/demonstration_scheme`).
    public let summary: String

    /// The scheme of `task`'s dataset.
    /// - Throws: `DatasetGenerationError.notGeneratable` for a task that is not a kitchen one.
    public init(for task: D4RLTask) throws {
        guard task.domain == .kitchen, let elements = KitchenTaskElement.elements(ofEnvironment: task.environmentName) else {
            throw DatasetGenerationError.notGeneratable(task: task.name, kind: task.datasetKind)
        }
        if task.datasetKind == "complete" {
            sequences = [elements]
            summary = "every demonstration performs the task's four elements in order ("
                + elements.map(\.rawValue).joined(separator: ", ") + "), as D4RL's kitchen-complete"
        } else {
            sequences = Self.relaySequences
            let solving = Self.relaySequences.filter { Set($0) == Set(elements) }.count
            summary = "the four-element sequences of Relay Policy Learning's 24 demonstration folders in turn (as D4RL's "
                + "kitchen-partial and -mixed, which use all of them), relabelled with this task's goal; "
                + "\(solving) of the 24 complete all four of this task's elements"
        }
    }

    /// The sequences of the Relay Policy Learning demonstration folders
    /// (`kitchen_demos_multitask/friday_*` and `postcorl_*`), read from their names.
    public static let relaySequences: [[KitchenTaskElement]] = [
        "kettle bottomknob hinge slide", "kettle bottomknob switch slide", "kettle switch hinge slide",
        "kettle topknob bottomknob slide", "kettle topknob switch slide", "microwave bottomknob hinge slide",
        "microwave bottomknob switch slide", "microwave kettle bottomknob hinge", "microwave kettle bottomknob slide",
        "microwave kettle hinge slide", "microwave kettle switch slide", "microwave kettle topknob hinge",
        "microwave kettle topknob switch", "microwave topknob bottomknob hinge", "microwave topknob bottomknob slide",
        "topknob bottomknob switch slide",                                                    // friday_*
        "kettle bottomknob switch hinge", "kettle topknob bottomknob hinge", "kettle topknob bottomknob switch",
        "microwave bottomknob switch slide", "microwave kettle switch hinge", "microwave switch hinge slide",
        "microwave topknob bottomknob switch", "microwave topknob switch hinge",              // postcorl_*
    ].map { name in name.split(separator: " ").map { folderNames[String($0)]! } }

    /// The words of the folder names.
    private static let folderNames: [String: KitchenTaskElement] = [
        "microwave": .microwave, "kettle": .kettle, "bottomknob": .bottomBurner, "topknob": .topBurner,
        "switch": .lightSwitch, "slide": .slideCabinet, "hinge": .hingeCabinet,
    ]
}
