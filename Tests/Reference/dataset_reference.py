"""Row counts and target sums of the shipped data sets' typed views, computed independently of the
package's Swift code from the CSV files under Sources/ScalingLawsData/Resources (run from the package
root). The values are pasted into Tests/ScalingLawsTests/DatasetTests.swift."""
import csv

RESOURCES = "Sources/ScalingLawsData/Resources/"


def rows(name):
    with open(RESOURCES + name, encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def main():
    epoch = rows("epoch_chinchilla.csv")
    kept = sorted(float(r["loss"]) for r in epoch)[:-5]          # Besiroglu et al. drop the 5 highest
    quest = [r for r in rows("quest_qat_runs.csv")
             if r["w_bits"] == r["a_bits"] and r["w_quant"] in ("TrustQuantizer", "NoQuantizer")]
    gptq = [r for r in rows("gptq_llama1_wikitext2.csv")
            if r["method"] == "FP16" or (r["method"] == "GPTQ" and r["group_size"] == "")]
    porian = [r for r in rows("porian_isoflop_points.csv") if r["loss_kind"] == "val"]
    cases = [
        ("epochChinchilla", len(epoch), len(kept), sum(kept)),
        ("questQAT", len(rows("quest_qat_runs.csv")), len(quest), sum(float(r["loss"]) for r in quest)),
        ("quartet2FP4", len(rows("quartet2_fp4_runs.csv")), len(rows("quartet2_fp4_runs.csv")),
         sum(float(r["final_loss"]) for r in rows("quartet2_fp4_runs.csv"))),
        ("gptqLlama1", len(rows("gptq_llama1_wikitext2.csv")), len(gptq), sum(float(r["wiki2_ppl"]) for r in gptq)),
        ("datablations", len(rows("datablations_fitset.csv")), len(rows("datablations_fitset.csv")),
         sum(float(r["val_loss"]) for r in rows("datablations_fitset.csv"))),
        ("porianIsoFLOP", len(rows("porian_isoflop_points.csv")), len(porian), sum(float(r["loss"]) for r in porian)),
        ("isoFLOPsCombined", len(rows("isoflops_combined.csv")), len(rows("isoflops_combined.csv")),
         sum(float(r["loss"]) for r in rows("isoflops_combined.csv"))),
        ("misfittingFinal", len(rows("misfitting_final_checkpoints.csv")), len(rows("misfitting_final_checkpoints.csv")),
         sum(float(r["C4 Eval Loss"]) for r in rows("misfitting_final_checkpoints.csv"))),
        ("frantarT5Sparsity", len(rows("frantar2024_t5_sparsity.csv")), len(rows("frantar2024_t5_sparsity.csv")),
         sum(float(r["val-loss"]) for r in rows("frantar2024_t5_sparsity.csv"))),
    ]
    for name, file_rows, points, target_sum in cases:
        print(f"(.{name}, rows: {file_rows}, points: {points}, targetSum: {target_sum!r}),")


if __name__ == "__main__":
    main()
