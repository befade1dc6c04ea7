// Figures: draws the documentation's figures from the library's laws, solvers and shipped data.
//
//     swift run -c release Figures                        # writes Documentation/figures/*.svg
//     swift run -c release Figures --plots /tmp/figures   # somewhere else
//
// Every number plotted comes from ScalingLaws; the output is deterministic (the bootstrap is seeded),
// so a re-run reproduces the committed files byte for byte.

import ExampleSupport
import Foundation
import ScalingLaws
import ScalingLawsData
import ScalingLawsPlot

var directory = "Documentation/figures"
var quiet = false
var parser = OptionParser(
    usage: "Figures [--plots DIR] [--quiet]",
    summary: """
        Writes the documentation's SVG figures: Ouyang's QiD vs tokens, Kumar's post-training loss and
        Sun's floating-point loss vs tokens with their critical data sizes, every paper's degradation
        vs N, Epoch's Chinchilla points with the fitted law, isoFLOP curves and the compute-optimal
        frontier, the deployment Pareto frontier, the lowest safe bit width and the lowest-loss
        floating-point format over (N, D/N), a prediction with its bootstrap band, and held-out checks.
        """)
parser.option("--plots", value: "DIR", help: "the folder to write into (created if missing; default Documentation/figures)") {
    directory = $0
}
parser.flag("--quiet", help: "no progress notes on stderr") { quiet = true }
parser.parse()

let progress = Progress("Figures", quiet: quiet)
let folder = URL(fileURLWithPath: directory, isDirectory: true)

do {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
} catch {
    fail("cannot create \(directory): \(error.localizedDescription)")
}

/// Writes one figure and says so.
@MainActor func save(_ name: String, _ render: () throws -> String) {
    do {
        let svg = try render()
        try Data(svg.utf8).write(to: folder.appendingPathComponent(name))
        progress.note("wrote \(directory)/\(name)")
    } catch {
        fail("\(name): \(error)")
    }
}

save("ouyang-qid-vs-tokens.svg") { try ouyangFigure() }
save("kumar-ptq-vs-tokens.svg") { try kumarFigure() }
save("capybara-vs-tokens.svg") { try capybaraFigure() }
save("degradation-vs-n.svg") { try degradationFigure() }
let fit = chinchillaFit()
save("chinchilla-loss-vs-compute.svg") { try chinchillaComputeFigure(fit) }
save("chinchilla-predicted-vs-measured.svg") { try predictedMeasuredFigure(fit) }
save("isoflop.svg") { try isoFLOPFigure() }
save("compute-optimal.svg") { try computeOptimalFigure() }
save("pareto-memory.svg") { try paretoFigure() }
save("safe-bit-width-map.svg") { try safeBitWidthFigure() }
save("optimal-precision-map.svg") { try optimalPrecisionFigure() }
save("bootstrap-band.svg") { try bootstrapFigure(fit) }
save("held-out-chinchilla.svg") { try heldOutFigure(fit) }
save("held-out-error-vs-compute.svg") { try heldOutErrorFigure(fit) }
