// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "ScalingLaws",
    products: [
        .library(name: "ScalingLaws", targets: ["ScalingLaws"]),
    ],
    targets: [
        .target(
            name: "ScalingLaws",
            path: "Sources/ScalingLaws"
        ),
        .executableTarget(
            name: "CompareLaws",
            dependencies: ["ScalingLaws"],
            path: "Examples/CompareLaws"
        ),
        .executableTarget(
            name: "ReplicateChinchilla",
            dependencies: ["ScalingLaws"],
            path: "Examples/ReplicateChinchilla"
        ),
        .executableTarget(
            name: "FitLaw",
            dependencies: ["ScalingLaws"],
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
            dependencies: ["ScalingLaws"],
            path: "Tests/ScalingLawsTests"
        ),
    ],
    swiftLanguageModes: [.v6]
)
