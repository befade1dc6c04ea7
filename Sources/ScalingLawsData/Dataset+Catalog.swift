import ScalingLaws

extension Dataset {
    /// Every shipped data set.
    public static let all: [Dataset] = [
        epochChinchilla, questQAT, quartet2FP4, gptqLlama1, datablations, porianIsoFLOP, isoFLOPsCombined,
        misfittingFinal, frantarT5Sparsity,
    ]

    /// Chinchilla's Figure 4 digitised by Besiroglu et al. (Epoch AI), 2024: 245 training runs.
    /// ``observations(where:)``: N = `Model Size`, D = `Training FLOP`/(6N), loss; the 5 highest losses
    /// dropped, as Besiroglu et al. do (240 points).
    public static let epochChinchilla = Dataset(
        fileName: "epoch_chinchilla.csv", title: "Chinchilla runs (Epoch AI replication)",
        citation: "Besiroglu, Erdil, Barnett, You 2024, Chinchilla Scaling: A replication attempt (arXiv:2404.10102)",
        source: "https://github.com/epoch-research/analyzing-chinchilla",
        licence: "no licence file: public research data, redistributed with citation",
        columns: ["Model Size": "N, total parameters", "Training FLOP": "C; D = C/(6N)", "loss": "final training loss"],
        rowCount: 245)

    /// QuEST's quantization-aware training runs (Panferov et al. 2025): 104 runs, 30M–822M
    /// non-embedding parameters. ``observations(where:)``: runs with equal weight and activation
    /// bits and the trust quantizer (or none: 16 bits), N = `non_embedding_params`, D = `tokens`,
    /// the bit width as the category of ``Dataset/questFormat``, loss.
    public static let questQAT = Dataset(
        fileName: "quest_qat_runs.csv", title: "QuEST QAT runs",
        citation: "Panferov, Chen, Tabesh, Nikdan, Alistarh 2025, QuEST: Stable Training of LLMs with 1-Bit Weights and Activations (arXiv:2502.05003)",
        source: "https://github.com/IST-DASLab/QuEST", licence: "MIT (IST Austria Distributed Algorithms and Systems Lab)",
        columns: ["non_embedding_params": "N", "tokens": "D", "w_bits": "weight bits", "a_bits": "activation bits",
                  "w_quant": "weight quantizer", "loss": "final validation loss (C4)"],
        rowCount: 104)

    /// Quartet II's FP4 training runs (IST-DASLab, 2026): 574 runs, N 30M–200M non-embedding
    /// parameters, D/N 25–800. ``observations(where:)``: N, D, `final_loss`, and the scheme (`group`,
    /// `baseline` = BF16) as the category of a `format` variable.
    public static let quartet2FP4 = Dataset(
        fileName: "quartet2_fp4_runs.csv", title: "Quartet II FP4 runs",
        citation: "Castro et al. 2025, Quartet: Native FP4 Training Can Be Optimal for Large Language Models (arXiv:2505.14669), and the Quartet II runs of IST-DASLab (2026)",
        source: "https://github.com/IST-DASLab/Quartet", licence: "no licence file: public research data, redistributed with citation",
        columns: ["N": "non-embedding parameters", "D": "training tokens", "group": "training scheme (baseline = BF16)",
                  "bgroup_dim": "quantization group size", "final_loss": "final validation loss"],
        rowCount: 574)

    /// LLaMA-1 7B–65B under FP16, RTN and GPTQ at 4 and 3 bits (GPTQ's README) with the LLaMA
    /// paper's token counts: 24 rows. ``observations(where:)``: FP16 and per-channel GPTQ rows,
    /// N = `params_total`, D = `train_tokens`, bits = `w_bits`, target WikiText-2 perplexity.
    public static let gptqLlama1 = Dataset(
        fileName: "gptq_llama1_wikitext2.csv", title: "GPTQ on LLaMA-1 (WikiText-2)",
        citation: "Frantar, Ashkboos, Hoefler, Alistarh 2023, GPTQ: Accurate Post-Training Quantization for Generative Pre-trained Transformers (ICLR 2023); Touvron et al. 2023, LLaMA",
        source: "https://github.com/IST-DASLab/gptq", licence: "Apache-2.0",
        columns: ["params_total": "N", "train_tokens": "D", "method": "FP16, RTN or GPTQ", "w_bits": "bits",
                  "group_size": "quantization group (empty: per channel)", "wiki2_ppl": "WikiText-2 perplexity"],
        rowCount: 24)

    /// Muennighoff et al.'s data-constrained runs (2023): 182 runs with N, D, unique tokens U and
    /// validation loss. ``observations(where:)``: N = `N_params`, D = `D_tokens`,
    /// U (``ScalingLaws/Variable/uniqueTokens``) = `U_unique_tokens`, `val_loss`.
    public static let datablations = Dataset(
        fileName: "datablations_fitset.csv", title: "Data-constrained runs (datablations)",
        citation: "Muennighoff, Rush, Barak, Le Scao, Piktus, Tazi, Pyysalo, Wolf, Raffel 2023, Scaling Data-Constrained Language Models (NeurIPS 2023)",
        source: "https://github.com/huggingface/datablations", licence: "Apache-2.0",
        columns: ["N_params": "N", "D_tokens": "D", "U_unique_tokens": "unique tokens", "val_loss": "validation loss",
                  "epochs": "passes over the unique tokens"],
        rowCount: 182)

    /// Porian et al.'s isoFLOP points (2024): 1,745 (compute, N, D, loss) rows for 15 training
    /// set-ups. ``observations(where:)``: validation losses only, N, D, loss (filter by `dataset`,
    /// `hparams`, `warmup`, `decay` to pick one set-up).
    public static let porianIsoFLOP = Dataset(
        fileName: "porian_isoflop_points.csv", title: "Porian et al. isoFLOP points",
        citation: "Porian, Wortsman, Jitsev, Schmidt, Carmon 2024, Resolving Discrepancies in Compute-Optimal Scaling of Language Models (NeurIPS 2024)",
        source: "https://github.com/formll/resolving-scaling-law-discrepancies", licence: "MIT",
        columns: ["flops": "compute budget C", "N": "parameters", "D": "tokens", "loss": "loss",
                  "loss_kind": "train or val", "dataset": "rw or owt2"],
        rowCount: 1745)

    /// IsoFLOP points harmonised by Open-Athena from Chinchilla, ml-scalefit, (Mis)Fitting, Llama 3
    /// (digitised) and Marin: 947 rows. ``observations(where:)``: N = `params`, D = `tokens`, loss.
    public static let isoFLOPsCombined = Dataset(
        fileName: "isoflops_combined.csv", title: "Combined isoFLOP points (Open-Athena)",
        citation: "Open-Athena, scaling-law-analysis (2025), harmonised isoFLOP data",
        source: "https://github.com/Open-Athena/scaling-law-analysis",
        licence: "no licence file: public research data, redistributed with citation",
        columns: ["source": "origin", "budget": "compute budget C", "params": "N", "tokens": "D", "loss": "loss"],
        rowCount: 947)

    /// The final checkpoints of Li et al.'s open_lm runs (2025): 261 runs, 12M–1B parameters.
    /// ``observations(where:)``: N = `N`, D = `D`, target `C4 Eval Loss`.
    public static let misfittingFinal = Dataset(
        fileName: "misfitting_final_checkpoints.csv", title: "(Mis)Fitting final checkpoints",
        citation: "Li, Kudugunta, Zettlemoyer 2025, (Mis)Fitting Scaling Laws: A Survey of Scaling Law Fitting Techniques in Deep Learning (ICLR 2025)",
        source: "https://github.com/hadasah/scaling_laws", licence: "no licence file: public research data, redistributed with citation",
        columns: ["N": "parameters", "N_no_emb": "parameters without embeddings", "D": "tokens", "C4 Eval Loss": "C4 loss"],
        rowCount: 261)

    /// Frantar et al.'s sparse T5 runs on C4 (2024): 48 runs at sparsity 0–87.5%, 250k–1M steps.
    /// ``observations(where:)``: S = `sparsity`, N = non-zero parameters `24·12·768²·scale·(1 − S)`,
    /// steps (``ScalingLaws/Variable/trainingSteps``) = `steps`, `val-loss`.
    public static let frantarT5Sparsity = Dataset(
        fileName: "frantar2024_t5_sparsity.csv", title: "Sparse T5 runs (Frantar et al. 2024)",
        citation: "Frantar, Riquelme, Houlsby, Alistarh, Evci 2024, Scaling Laws for Sparsely-Connected Foundation Models (ICLR 2024)",
        source: "https://github.com/google-research/jaxpruner/tree/main/jaxpruner/projects/bigsparse", licence: "Apache-2.0",
        columns: ["sparsity": "fraction of zero weights S", "scale": "model size relative to 24·12·768² parameters",
                  "val-loss": "C4 validation loss", "steps": "training steps"],
        rowCount: 48)

    /// The bit-width category of QuEST's typed view, labels in increasing bit width.
    public static let questFormat = Variable.compressionFormat(["2", "3", "4", "8", "16"])
}
