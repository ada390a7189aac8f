namespace ModelAudit.Core.Analysis.Filters;

/// <summary>
/// What one batch row maximizes, written as that row's slice of the seed (d objective / d value): the
/// objective is then the dot product of the seed and the value, and one backward pass serves every row.
/// </summary>
internal abstract class AscentTarget
{
    /// <summary>Writes unit <paramref name="unit"/>'s weights into one image's slice of a value of shape <paramref name="shape"/> ([N, K, ...]).</summary>
    public abstract void WriteSeed(long[] shape, int unit, Span<float> row);

    public static float Objective(ReadOnlySpan<float> seedRow, ReadOnlySpan<float> valueRow)
    {
        var sum = 0.0;
        for (var i = 0; i < seedRow.Length; i++)
        {
            sum += seedRow[i] * (double)valueRow[i];
        }

        return (float)sum;
    }

    /// <summary>Mean of channel k, border cropped on 2-D maps so edge artefacts of padding do not dominate.</summary>
    public sealed class ChannelMean : AscentTarget
    {
        public override void WriteSeed(long[] shape, int unit, Span<float> row)
        {
            var perChannel = row.Length / (int)shape[1];
            var slice = row.Slice(unit * perChannel, perChannel);
            if (shape.Length != 4)
            {
                slice.Fill(1f / perChannel);
                return;
            }

            int h = (int)shape[2], w = (int)shape[3];
            int my = Margin(h), mx = Margin(w);
            var weight = 1f / ((h - (2 * my)) * (w - (2 * mx)));
            for (var y = my; y < h - my; y++)
            {
                slice.Slice((y * w) + mx, w - (2 * mx)).Fill(weight);
            }
        }

        /// <summary>About 10% of the side, at least 1 pixel once the map has 5 or more.</summary>
        internal static int Margin(int side) => side >= 5 ? Math.Max(1, (int)Math.Round(side * 0.1)) : 0;
    }

    /// <summary>The class score: every element of class k's slice counts once (so [N, K, 1, 1] heads work too).</summary>
    public sealed class ClassScore : AscentTarget
    {
        public override void WriteSeed(long[] shape, int unit, Span<float> row)
        {
            var perClass = row.Length / (int)shape[1];
            row.Slice(unit * perClass, perClass).Fill(1f);
        }
    }
}
