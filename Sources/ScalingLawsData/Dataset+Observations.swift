import ScalingLaws

extension Dataset {
    /// The data set's rows as typed observations (the view each member documents), keeping only the
    /// rows `isIncluded` accepts on top of the view's own filter.
    /// - Throws: ``DatasetError`` naming the file, line and column of a bad cell, or an empty result.
    public func observations(where isIncluded: ((CSVRow) throws(CSVError) -> Bool)? = nil) throws(DatasetError) -> Observations {
        let view = typedView
        var table = try table()
        do {
            table = try table.filter { row throws(CSVError) in
                guard try view.keeps(row) else { return false }
                guard let isIncluded else { return true }
                return try isIncluded(row)
            }
            if table.rows.isEmpty { throw CSVError.noDataRows(file: fileName) }
            let columns = try view.columns(table)
            let data = try Observations(table, columns: columns, target: .column(view.target))
            return view.dropLargest > 0 ? try data.droppingLargestTargets(view.dropLargest) : data
        } catch let error as CSVError {
            throw .csv(error)
        } catch let error as FitError {
            throw .fit(error)
        } catch {
            throw .csv(.noDataRows(file: fileName))
        }
    }

    /// How each file maps to variables.
    struct TypedView {
        var keeps: (CSVRow) throws(CSVError) -> Bool = { _ in true }
        var columns: (CSVTable) throws -> [Variable: ColumnSource]
        var target: String
        var dropLargest = 0
    }

    var typedView: TypedView {
        let plain: (String, String) -> (CSVTable) throws -> [Variable: ColumnSource] = { n, d in
            { _ in [.N: .column(n), .D: .column(d)] }
        }
        switch fileName {
        case "epoch_chinchilla.csv":
            return TypedView(columns: { _ in
                [.N: .column("Model Size"), .D: try .expression("`Training FLOP` / (6 * `Model Size`)")]
            }, target: "loss", dropLargest: 5)
        case "quest_qat_runs.csv":
            return TypedView(keeps: { row throws(CSVError) in
                let weightBits = try row.text("w_bits"), activationBits = try row.text("a_bits")
                let quantizer = try row.text("w_quant")
                return weightBits == activationBits && ["TrustQuantizer", "NoQuantizer"].contains(quantizer)
            }, columns: { _ in
                [.N: .column("non_embedding_params"), .D: .column("tokens"), Dataset.questFormat: .category("w_bits")]
            }, target: "loss")
        case "quartet2_fp4_runs.csv":
            return TypedView(columns: { table in
                let groups = try table.distinctValues(of: "group").sorted()
                return [.N: .column("N"), .D: .column("D"), .compressionFormat(groups): .category("group")]
            }, target: "final_loss")
        case "gptq_llama1_wikitext2.csv":
            return TypedView(keeps: { row throws(CSVError) in
                let method = try row.text("method"), group = try row.text("group_size")
                return method == "FP16" || (method == "GPTQ" && group.isEmpty)
            }, columns: { _ in
                [.N: .column("params_total"), .D: .column("train_tokens"), .bits: .column("w_bits")]
            }, target: "wiki2_ppl")
        case "datablations_fitset.csv":
            return TypedView(columns: { _ in
                [.N: .column("N_params"), .D: .column("D_tokens"), .uniqueTokens: .column("U_unique_tokens")]
            }, target: "val_loss")
        case "frantar2024_t5_sparsity.csv":
            return TypedView(columns: { _ in
                [.sparsity: .column("sparsity"), .N: try .expression("169869312 * scale * (1 - sparsity)"),
                 .trainingSteps: .column("steps")]
            }, target: "val-loss")
        case "porian_isoflop_points.csv":
            return TypedView(keeps: { row throws(CSVError) in
                let kind = try row.text("loss_kind")
                return kind == "val"
            },
                             columns: plain("N", "D"), target: "loss")
        case "isoflops_combined.csv":
            return TypedView(columns: plain("params", "tokens"), target: "loss")
        default:
            return TypedView(columns: plain("N", "D"), target: "C4 Eval Loss")
        }
    }
}
