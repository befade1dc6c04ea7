// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "ScalingLaws",
    products: [
        .library(name: "ScalingLaws", targets: ["ScalingLaws"]),
        .library(name: "ScalingLawsData", targets: ["ScalingLawsData"]),
    ],
    targets: [
        .target(
            name: "ScalingLaws",
            path: "Sources/ScalingLaws"
        ),
        .target(
            name: "ScalingLawsData",
            dependencies: ["ScalingLaws"],
            path: "Sources/ScalingLawsData",
            exclude: ["README.md"],
            resources: [.copy("Resources")]
        ),
        .executableTarget(
            name: "CompareLaws",
            dependencies: ["ScalingLaws"],
            path: "Examples/CompareLaws"
        ),
        .executableTarget(
            name: "ReplicateChinchilla",
            dependencies: ["ScalingLaws", "ScalingLawsData"],
            path: "Examples/ReplicateChinchilla"
        ),
        .executableTarget(
            name: "FitLaw",
            dependencies: ["ScalingLaws", "ScalingLawsData"],
            path: "Examples/FitLaw"
        ),
        .executableTarget(
            name: "PlanQuantization",
            dependencies: ["ScalingLaws"],
            path: "Examples/PlanQuantization"
        ),
        .executableTarget(
            name: "LawBenchmarks",
            dependencies: ["ScalingLaws"],
            path: "Benchmarks/LawBenchmarks"
        ),
        .testTarget(
            name: "ScalingLawsTests",
            dependencies: ["ScalingLaws", "ScalingLawsData"],
            path: "Tests/ScalingLawsTests"
        ),
    ],
    swiftLanguageModes: [.v6]
)
