/// The code a binary was built from: `commit` (`git rev-parse HEAD` at build time, "unknown"
/// outside a git checkout) and `treeDirty` (the compiled files — Package.swift, Sources,
/// Chapters, Plugins — had uncommitted changes), stamped into the build by
/// `Plugins/KitSourceStamp`.
public enum KitSource {}
