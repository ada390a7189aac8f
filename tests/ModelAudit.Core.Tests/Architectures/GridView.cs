namespace ModelAudit.Core.Tests.Architectures;

/// <summary>One image's layer activation as channels x (h*w), the view the CAM methods take, for the layouts of the
/// fixtures: nchw, nhwc (Swin) and tokens:k (ViT: k leading tokens dropped, the rest a square grid, channels last).</summary>
internal static class GridView
{
    public static (float[] Data, int Channels, int Plane) Of(float[] data, long[] shape, string layout)
    {
        if (layout == "nchw")
        {
            var channels = (int)shape[1];
            return (data[..(int)(shape[1] * shape[2] * shape[3])], channels, (int)(shape[2] * shape[3]));
        }

        // Channels last: [1, H, W, C] or [1, T, C] with leading tokens to drop.
        var c = (int)shape[^1];
        var skip = layout.StartsWith("tokens:", StringComparison.Ordinal) ? int.Parse(layout[7..], System.Globalization.CultureInfo.InvariantCulture) : 0;
        var positions = (int)(shape[1..^1].Aggregate(1L, (a, b) => a * b)) - skip;
        var result = new float[c * positions];
        for (var p = 0; p < positions; p++)
        {
            for (var k = 0; k < c; k++)
            {
                result[(k * positions) + p] = data[((p + skip) * c) + k];
            }
        }

        return (result, c, positions);
    }
}
