import ArgumentParser
import RLCore

/// `body`'s value; its error, if any, rethrown as a `ValidationError` with the same message, so
/// that ArgumentParser prints it with the usage of the subcommand that was typed.
func validating<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch { throw ValidationError("\(error)") }
}

/// The task named `name`; an unknown name fails validation with the lookup's message (which
/// suggests the nearest task name).
func knownTask(_ name: String) throws -> D4RLTask {
    try validating { try TaskRegistry.task(named: name) }
}
