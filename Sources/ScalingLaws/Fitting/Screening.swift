/// How a fit with many starts spends its time: every start first runs to a loose objective
/// tolerance, then the best few end points are refined to the fit's own tolerances.
///
/// Of Hoffmann et al.'s 4,500 grid starts, most spend the bulk of their iterations creeping the
/// last digits toward an optimum that hundreds of other starts reach too; screening stops them
/// once an iteration gains less than ``objectiveTolerance`` of the objective, and spends the full
/// effort only on the ``refined`` best. On the Epoch data this reaches the same optimum (objective
/// 1.01827402e-3, equal to the unscreened fit's to 12 digits) in a quarter of the time. A start
/// that would have crept past the refined ones to a lower objective is the risk; keep the refined
/// count generous for rugged objectives, or set ``FitOptions/screening`` to nil.
public struct Screening: Sendable, Hashable {
    /// The relative objective change below which a start stops in the screening pass.
    public var objectiveTolerance: Double
    /// How many of the best screened end points are refined to the fit's tolerances.
    public var refined: Int
    /// Screening applies only to fits with more starts than this.
    public var minimumStarts: Int

    /// A screening policy.
    public init(objectiveTolerance: Double = 1e-5, refined: Int = 16, minimumStarts: Int = 64) {
        self.objectiveTolerance = objectiveTolerance
        self.refined = refined
        self.minimumStarts = minimumStarts
    }

    /// Screening at a relative objective change of 10⁻⁵, refining the 16 best, for fits with more
    /// than 64 starts.
    public static let automatic = Screening()

    func validate() throws(FitError) {
        guard objectiveTolerance > 0, objectiveTolerance < 1 else {
            throw .invalidOption("the screening tolerance must be in (0, 1), got \(objectiveTolerance)")
        }
        guard refined >= 1 else { throw .invalidOption("screening must refine at least 1 start, got \(refined)") }
        guard minimumStarts >= 0 else { throw .invalidOption("the screening threshold must be ≥ 0, got \(minimumStarts)") }
    }
}
