/// The code a binary was built from: `commit` (`git rev-parse HEAD` at build time, "unknown"
/// outside a git checkout) and `treeDirty` (the checkout had uncommitted changes to tracked
/// files outside `results/` and `figures/`), stamped into the build by `Plugins/KitSourceStamp`.
public enum KitSource {}
