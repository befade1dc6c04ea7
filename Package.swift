// swift-tools-version: 6.2
import PackageDescription

let package = Package(
    name: "ScalingLaws",
    products: [
        .library(name: "ScalingLaws", targets: ["ScalingLaws"]),
        .library(name: "ScalingLawsData", targets: ["ScalingLawsData"]),
        .library(name: "ScalingLawsPlot", targets: ["ScalingLawsPlot"]),
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
        .target(
            name: "ScalingLawsPlot",
            path: "Sources/ScalingLawsPlot"
        ),
        .target(
            name: "ExampleSupport",
            dependencies: [],
            path: "Examples/Support"
        ),
        .executableTarget(
            name: "CompareLaws",
            dependencies: ["ScalingLaws", "ExampleSupport"],
            path: "Examples/CompareLaws"
        ),
        .executableTarget(
            name: "ReplicateChinchilla",
            dependencies: ["ScalingLaws", "ScalingLawsData", "ExampleSupport"],
            path: "Examples/ReplicateChinchilla"
        ),
        .executableTarget(
            name: "FitLaw",
            dependencies: ["ScalingLaws", "ScalingLawsData", "ExampleSupport"],
            path: "Examples/FitLaw"
        ),
        .executableTarget(
            name: "PlanQuantization",
            dependencies: ["ScalingLaws", "ExampleSupport"],
            path: "Examples/PlanQuantization"
        ),
        .executableTarget(
            name: "CompareFits",
            dependencies: ["ScalingLaws", "ScalingLawsData", "ExampleSupport"],
            path: "Examples/CompareFits"
        ),
        .executableTarget(
            name: "Figures",
            dependencies: ["ScalingLaws", "ScalingLawsData", "ScalingLawsPlot", "ExampleSupport"],
            path: "Examples/Figures"
        ),
        .executableTarget(
            name: "LawBenchmarks",
            dependencies: ["ScalingLaws", "ExampleSupport"],
            path: "Benchmarks/LawBenchmarks"
        ),
        .executableTarget(
            name: "CSVBenchmarks",
            dependencies: ["ScalingLaws", "ExampleSupport"],
            path: "Benchmarks/CSVBenchmarks"
        ),
        .executableTarget(
            name: "Workloads",
            dependencies: ["ScalingLaws", "ScalingLawsData", "ExampleSupport"],
            path: "Benchmarks/Workloads"
        ),
        .testTarget(
            name: "ScalingLawsTests",
            dependencies: ["ScalingLaws", "ScalingLawsData", "ScalingLawsPlot", "ExampleSupport"],
            path: "Tests/ScalingLawsTests"
        ),
    ],
    swiftLanguageModes: [.v6]
)
