/// An experiment's budget. Every experiment in the kit has all three.
///
/// - `quick`: minutes on a 2-core machine; the default of every `make figureN`.
/// - `standard`: hours; what the committed results under `results/` use.
/// - `paper`: the paper's full settings (1M offline steps, its online budget, its seeds); for a cluster.
/// - `tiny`: seconds; runs every stage of an experiment so tests can check the pipeline end to
///   end. Its numbers mean nothing.
public enum Preset: String, CaseIterable, Codable, Sendable, CustomStringConvertible {
    case tiny
    case quick
    case standard
    case paper

    public var description: String { rawValue }

    /// Parses a preset name, or throws an error that lists the valid names.
    public init(parsing name: String) throws {
        guard let preset = Preset(rawValue: name.lowercased()) else {
            throw PresetError.unknown(name)
        }
        self = preset
    }
}

/// An unknown preset name.
public enum PresetError: Error, CustomStringConvertible, Equatable {
    case unknown(String)

    public var description: String {
        switch self {
        case .unknown(let name):
            return "unknown preset '\(name)': use one of \(Preset.allCases.map(\.rawValue).joined(separator: ", "))"
        }
    }
}
