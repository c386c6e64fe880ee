import Foundation

/// CPU seconds this process has used so far, user and system time of all its threads
/// (`getrusage(RUSAGE_SELF)`).
///
/// A run's CPU time against its wall time says how much of a core it had: a sweep worker
/// alone on a core records about as much CPU as wall time, one that shared its core less.
func processCPUTime() -> Double {
    var usage = rusage()
    guard getrusage(RUSAGE_SELF.rawValue, &usage) == 0 else { return 0 }
    func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}
