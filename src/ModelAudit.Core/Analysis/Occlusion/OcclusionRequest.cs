using System.Globalization;
using ModelAudit.Core.Analysis.Scoring;

namespace ModelAudit.Core.Analysis.Occlusion;

/// <summary>
/// A square patch of <paramref name="Patch"/> tensor pixels slid with <paramref name="Stride"/>, filled with
/// <paramref name="Fill"/>: "mean" (the image tensor's per-channel mean), "zero", or "grey" (the tensor value of
/// pixel 128).
/// </summary>
public sealed record OcclusionRequest(ClassChoice Class, ScoreKind Score, int Patch = 16, int Stride = 8, string Fill = "mean",
    IReadOnlyList<string>? Labels = null)
{
    public static IReadOnlyList<string> Fills { get; } = ["mean", "zero", "grey"];

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Class);
        if (Patch < 1)
        {
            throw new ModelAuditException($"--patch {Patch.ToString(CultureInfo.InvariantCulture)}: give a patch size of at least 1 pixel");
        }

        if (Stride < 1)
        {
            throw new ModelAuditException($"--stride {Stride.ToString(CultureInfo.InvariantCulture)}: give a stride of at least 1 pixel");
        }

        if (!Fills.Contains(Fill, StringComparer.Ordinal))
        {
            throw new ModelAuditException($"--fill '{Fill}': give one of {string.Join(", ", Fills)}");
        }
    }
}
