using ModelAudit.Imaging;

namespace ModelAudit.Core.Analysis.Filters;

/// <summary>
/// The result of one ascent: the filter (or class) index, the objective on the starting noise and on the
/// final image, and the final image deprocessed for display.
/// </summary>
public sealed record FilterPattern(int Index, float FirstObjective, float LastObjective, Image Picture)
{
    /// <summary>The final input tensor in channel, height, width order (model units, unnormalized), for --raw.</summary>
    public float[] Tensor { get; init; } = [];

    /// <summary>The shape of <see cref="Tensor"/>: [C, H, W].</summary>
    public long[] TensorShape { get; init; } = [];
}
