import Foundation
import ScalingLaws

/// Stops the program with a message on stderr.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("Figures: \(message)\n".utf8))
    exit(1)
}

/// `count` log-spaced values from `lower` to `upper`.
func grid(_ lower: Double, _ upper: Double, _ count: Int) -> [Double] {
    do { return try logSpaced(from: lower, to: upper, count: count) } catch { fail("\(error)") }
}

/// A short count: 7B, 1T, 3e8.
func short(_ value: Double) -> String {
    for (unit, suffix) in [(1e12, "T"), (1e9, "B"), (1e6, "M")] where value >= unit {
        let scaled = value / unit
        let digits = scaled == scaled.rounded() || scaled >= 100 ? String(Int(scaled.rounded())) : String(format: "%.3g", scaled)
        return digits + suffix
    }
    return String(format: "%g", value)
}

/// The category of every cell of a region map over (N, D/N), chosen at the cell's geometric centre:
/// `cells[row][column]`, rows along `yEdges`.
func regionCells(xEdges: [Double], yEdges: [Double], _ choose: (_ n: Double, _ ratio: Double) throws -> Int) rethrows -> [[Int]] {
    try (0..<(yEdges.count - 1)).map { row in
        let ratio = (yEdges[row] * yEdges[row + 1]).squareRoot()
        return try (0..<(xEdges.count - 1)).map { column in
            try choose((xEdges[column] * xEdges[column + 1]).squareRoot(), ratio)
        }
    }
}
