namespace ModelAudit.Core.Audit.Results;

/// <summary>One audited image: prediction, expected regions, the heatmap pictures and every check.</summary>
public sealed record ImageResult
{
    /// <summary>Path as written in the config (relative to it).</summary>
    public required string Path { get; init; }

    public required int Width { get; init; }

    public required int Height { get; init; }

    /// <summary>Where this image's entry is in modelaudit.json (1-based), for diagnostics.</summary>
    public required SourceLocation Location { get; init; }

    /// <summary>The class whose evidence was mapped (expected class when given, else the predicted one).</summary>
    public required int Class { get; init; }

    public string? ClassLabel { get; init; }

    public required int PredictedClass { get; init; }

    public string? PredictedLabel { get; init; }

    /// <summary>Probability of <see cref="PredictedClass"/>.</summary>
    public required double PredictedProbability { get; init; }

    /// <summary>Expected regions in original image pixels.</summary>
    public required IReadOnlyList<RegionShape> Regions { get; init; }

    public required IReadOnlyList<CheckResult> Checks { get; init; }

    /// <summary>Where the image lay in the model's input tensor: how <see cref="Map"/> maps back onto the picture.</summary>
    public Preprocessing.ImagePlacement? Placement { get; init; }

    /// <summary>
    /// The image as the report shows it, as PNG: scaled to fit 512 x 512 (never enlarged), so what the audit keeps
    /// does not grow with the pictures' size. Regions scale by its width / <see cref="Width"/>.
    /// </summary>
    public required byte[] ImagePng { get; init; }

    /// <summary>The maps now and at baseline drawn over that picture, with their scale and top-p% outlines.</summary>
    public required MapPictures Maps { get; init; }

    /// <summary>The p of "top p% of the map" (the IoU check's), outlined on the maps.</summary>
    public double TopPercent { get; init; } = 20;

    /// <summary>The low-resolution map (after ReLU) and its size, as stored in a baseline.</summary>
    public required float[] Map { get; init; }

    public required int MapWidth { get; init; }

    public required int MapHeight { get; init; }

    /// <summary>The baseline's low-resolution map of this image (null without one), at its own size.</summary>
    public float[]? BaselineMap { get; init; }

    public int BaselineMapWidth { get; init; }

    public int BaselineMapHeight { get; init; }

    public BaselineComparison? Baseline { get; init; }

    /// <summary>Deletion/insertion curves and confidence change of the map, when "faithfulness" is on.</summary>
    public Analysis.Faithfulness.FaithfulnessMeasure? Faithfulness { get; init; }

    public bool Passed => Checks.All(c => c.Status != CheckStatus.Fail);
}

public readonly record struct SourceLocation(int Line, int Column);

/// <summary>An expected region: a box [x, y, w, h], a polygon, or a mask outline, in image pixels.</summary>
public sealed record RegionShape(string Kind, IReadOnlyList<(double X, double Y)> Points);

/// <summary>How the current map compares with the committed baseline of the same image.</summary>
public sealed record BaselineComparison(
    double Correlation,
    double CenterShiftPixels,
    int BaselineClass,
    double BaselineProbability,
    double BaselineRelevanceMass,
    string? BaselineLabel = null)
{
    /// <summary>The baseline's deletion/insertion AUC of this image, when both sides measured faithfulness alike.</summary>
    public Baselines.FaithfulnessAreas? BaselineFaithfulness { get; init; }
}
