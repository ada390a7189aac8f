namespace ModelAudit.Core.Audit;

/// <summary>
/// The MA codes. A code never changes meaning once released (README: "Diagnostic codes"); add new ones,
/// never reuse. 0xxx build, 10xx configuration, 11xx localization checks, 12xx baseline checks, 13xx faithfulness and sanity of the maps.
/// </summary>
public static class DiagnosticCodes
{
    /// <summary>npm missing when the build fetches ONNX Runtime or test models.</summary>
    public const string NpmMissing = "MA0001";

    /// <summary>modelaudit.json cannot be read: syntax, unknown field, wrong type, bad value.</summary>
    public const string ConfigInvalid = "MA1001";

    /// <summary>A file the config names (model, image, mask, annotations) is missing or unreadable.</summary>
    public const string FileProblem = "MA1002";

    /// <summary>The model cannot be analysed (no gradient rule, unknown layer, bad preprocessing).</summary>
    public const string ModelProblem = "MA1003";

    /// <summary>A GPU device's results for a model's first batch differ from the CPU's (its numbers are not used).</summary>
    public const string DeviceMismatch = ModelAudit.Runtime.DeviceMismatchException.Code;

    public const string RelevanceMass = "MA1101";
    public const string PointingGame = "MA1102";
    public const string RankAccuracy = "MA1103";
    public const string IouTop = "MA1104";

    /// <summary>The heatmap is all zero: the method found no positive evidence for the class.</summary>
    public const string FlatMap = "MA1105";

    /// <summary>An expected region covers no pixel of the image.</summary>
    public const string EmptyRegion = "MA1106";

    /// <summary>The model does not predict the class the config expects for the image.</summary>
    public const string UnexpectedPrediction = "MA1107";

    /// <summary>Fewer than two of the mapped layer's cells span the smallest expected region, so its maps cannot put their mass inside it (a warning on the model).</summary>
    public const string LayerCellTooLarge = "MA1108";

    public const string BaselineCorrelation = "MA1201";
    public const string BaselineMassDrop = "MA1202";
    public const string BaselinePrediction = "MA1203";

    /// <summary>The model file changed since the baseline was accepted (informational: the comparison still runs).</summary>
    public const string ModelChangedSinceBaseline = "MA1204";

    /// <summary>No baseline exists for a model or image: nothing to compare with until `baseline accept`.</summary>
    public const string NoBaseline = "MA1205";

    /// <summary>
    /// The committed baseline is corrupt or inconsistent (unreadable, a map missing or not the one baseline.json
    /// recorded): not compared with, so no false regressions; rerun `baseline accept`.
    /// </summary>
    public const string BaselineCorrupt = "MA1206";

    /// <summary>Deletion AUC above "faithfulness.maxDeletionAuc": removing the map's top pixels leaves the score standing.</summary>
    public const string DeletionAuc = "MA1301";

    /// <summary>Insertion AUC below "faithfulness.minInsertionAuc": the map's top pixels alone do not bring the score back.</summary>
    public const string InsertionAuc = "MA1302";

    /// <summary>The sanity check: the maps barely change when the weights are randomized (a warning on the model).</summary>
    public const string SanityCheck = "MA1303";

    /// <summary>
    /// An image's map is less faithful than at baseline by more than "faithfulness.maxFaithfulnessDrop": its deletion AUC
    /// rose or its insertion AUC fell by more than that (a regression check).
    /// </summary>
    public const string FaithfulnessDrop = "MA1304";

    /// <summary>Info: the baseline holds no faithfulness areas comparable with the audit's (older format, off at accept, other settings).</summary>
    public const string NoFaithfulnessBaseline = "MA1305";
}
