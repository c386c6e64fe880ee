// swift-tools-version: 6.0
//
// o3f-repro: a literate reproducibility kit for "Fine-tuning offline policies with optimistic
// action selection" (O3F). See README.md for the two commands and where things live.

import PackageDescription

let package = Package(
    name: "o3f-repro",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "RLCore", targets: ["RLCore"]),
        .library(name: "Repro", targets: ["Repro"]),
        .executable(name: "repro", targets: ["ReproCLI"]),
        .executable(name: "chapter01", targets: ["chapter01"]),
        .executable(name: "chapter02", targets: ["chapter02"]),
        .executable(name: "chapter03", targets: ["chapter03"]),
        .executable(name: "chapter04", targets: ["chapter04"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.0"),
    ],
    targets: [
        // MARK: System libraries (Debian packages installed by scripts/setup.sh)

        /// MuJoCo 2.2.2 (`libmujoco-dev`): headers in /usr/include/mujoco, no pkg-config file.
        .systemLibrary(name: "CMuJoCo", path: "Sources/CMuJoCo"),
        /// OpenBLAS (`libopenblas-dev`), reached through its CBLAS interface.
        .systemLibrary(name: "COpenBLAS", path: "Sources/COpenBLAS", pkgConfig: "openblas"),
        /// HDF5 1.10 serial (`libhdf5-dev`): the D4RL dataset format.
        .systemLibrary(name: "CHDF5", path: "Sources/CHDF5", pkgConfig: "hdf5"),

        // MARK: The library

        /// The commit the build comes from, for provenance (stamped by the plugin below).
        .target(name: "KitSource", plugins: ["KitSourceStamp"]),
        .plugin(name: "KitSourceStamp", capability: .buildTool()),
        /// Networks, optimisers, distributions, datasets, environments, agents, action selectors.
        .target(
            name: "RLCore",
            dependencies: ["CMuJoCo", "COpenBLAS", "CHDF5", "KitSource"],
            swiftSettings: [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]
        ),

        // MARK: The harness and its command line

        /// Presets, the task table, the results store, dataset generation, benchmarks.
        .target(name: "Repro", dependencies: ["RLCore"]),
        /// The `repro` command.
        .executableTarget(
            name: "ReproCLI",
            dependencies: [
                "Repro", "RLCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: Chapters (one executable per paper section; the narrative is the folder's README.md)

        /// Chapter 1, "Objective switching": Figures 2 and 3.
        .executableTarget(name: "chapter01", dependencies: ["Repro", "RLCore"], path: "Chapters/01-objective-switching",
                          exclude: ["README.md"]),
        /// Chapter 2, "Action ranking": Figure 5.
        .executableTarget(name: "chapter02", dependencies: ["Repro", "RLCore"], path: "Chapters/02-action-ranking",
                          exclude: ["README.md"]),
        /// Chapter 3, "Uncertainty scoring": Figure 6 (LAPO + O3F, ω = 1 vs ω = 0).
        .executableTarget(name: "chapter03", dependencies: ["Repro", "RLCore"], path: "Chapters/03-uncertainty-scoring",
                          exclude: ["README.md"]),
        /// Chapter 4, "The D4RL comparison": Figure 4 and the claims table.
        .executableTarget(name: "chapter04", dependencies: ["Repro", "RLCore"], path: "Chapters/04-d4rl-comparison",
                          exclude: ["README.md"]),

        // MARK: Tests

        .testTarget(name: "RLCoreTests", dependencies: ["RLCore"], resources: [.copy("Fixtures")]),
        // Fixtures/ is read by path (#filePath), not bundled.
        .testTarget(name: "ReproTests", dependencies: ["Repro", "RLCore"], exclude: ["Fixtures"]),
    ]
)
