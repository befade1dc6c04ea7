import Foundation
import ScalingLaws

/// A published scaling-law data set shipped with the package: its file, its source, licence and
/// citation, what its columns mean, and its rows as typed ``ScalingLaws/Observations``.
///
/// ```swift
/// import ScalingLaws
/// import ScalingLawsData
///
/// let data = try Dataset.epochChinchilla.observations()     // 240 points: N, D, loss
/// let fit = try Hoffmann2022.printed.fit(to: data, loss: .huber(delta: 1e-3), starts: .hoffmann2022)
/// ```
///
/// The files are byte-identical copies of the authors' releases (tables flattened to CSV); the
/// typed views apply only the row filters and derived columns documented on each member.
public struct Dataset: Sendable, Hashable, CustomStringConvertible {
    /// The file's name in the package's resources, e.g. `"epoch_chinchilla.csv"`.
    public let fileName: String
    /// A short title.
    public let title: String
    /// The paper or release the data comes from.
    public let citation: String
    /// Where the authors publish it.
    public let source: String
    /// The licence it is redistributed under.
    public let licence: String
    /// The columns the typed view reads, and what they mean.
    public let columns: [String: String]
    /// The number of data rows in the file (before any filter).
    public let rowCount: Int

    public var description: String { "\(title) (\(fileName), \(rowCount) rows)" }

    /// The location of the shipped file.
    /// - Throws: ``DatasetError/missingResource(_:)`` when the package's resources are absent (a
    ///   build that did not copy them).
    public func url() throws(DatasetError) -> URL {
        let name = (fileName as NSString).deletingPathExtension
        if let url = Bundle.module.url(forResource: name, withExtension: "csv", subdirectory: "Resources")
            ?? Bundle.module.url(forResource: name, withExtension: "csv") {
            return url
        }
        throw .missingResource(fileName)
    }

    /// The whole file as a ``ScalingLaws/CSVTable``.
    public func table() throws(DatasetError) -> CSVTable {
        let path = try url().path
        do { return try CSVTable(contentsOfFile: path) } catch { throw .csv(error) }
    }
}

/// Why a shipped data set could not be read.
public enum DatasetError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The package's resources lack the file (the build did not copy them).
    case missingResource(String)
    /// The file did not parse or a row broke a column's domain (the error names file, line, column).
    case csv(CSVError)
    /// The observations could not be built (no rows left after the filter, say).
    case fit(FitError)

    public var description: String {
        switch self {
        case .missingResource(let name): return "the data file '\(name)' is missing from the package's resources"
        case .csv(let error): return error.description
        case .fit(let error): return error.description
        }
    }
}
