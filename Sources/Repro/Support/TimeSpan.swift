import Foundation

/// A span of time as written on a command line: "2h30m", "90m", "1.5h", "45s", or bare seconds
/// ("600"). Units: d, h, m (minutes), s.
public enum TimeSpan {
    /// The seconds `text` stands for.
    /// - Throws: `TimeSpanError.unreadable` for anything else (an unknown unit, no number, zero or less).
    public static func seconds(parsing text: String) throws -> Double {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if let plain = Double(trimmed) {
            guard plain > 0 else { throw TimeSpanError.unreadable(text) }
            return plain
        }
        let units: [Character: Double] = ["d": 86_400, "h": 3_600, "m": 60, "s": 1]
        var total = 0.0, number = ""
        for character in trimmed {
            if character.isNumber || character == "." {
                number.append(character)
            } else if let unit = units[character], let value = Double(number) {
                total += value * unit
                number = ""
            } else {
                throw TimeSpanError.unreadable(text)
            }
        }
        guard number.isEmpty, total > 0 else { throw TimeSpanError.unreadable(text) }
        return total
    }
}

public enum TimeSpanError: Error, CustomStringConvertible, Equatable {
    case unreadable(String)

    public var description: String {
        switch self {
        case .unreadable(let text): return "\(text): give a time such as 2h30m, 90m, 1.5h or 600 (seconds)"
        }
    }
}
