namespace ModelAudit.Core.Analysis;

/// <summary>The output of one layer for one image, batch axis removed (C, H, W for a feature map).</summary>
public sealed record LayerActivation(string Value, string Layer, long[] Shape, float[] Data)
{
    public int Channels => Shape.Length >= 1 ? (int)Shape[0] : 1;

    /// <summary>Share of channels whose every value is exactly zero (dead after a ReLU for this image).</summary>
    public double Sparsity
    {
        get
        {
            if (Shape.Length < 1 || Data.Length == 0)
            {
                return 0;
            }

            var plane = Data.Length / Channels;
            var zero = 0;
            for (var c = 0; c < Channels; c++)
            {
                if (!Data.AsSpan(c * plane, plane).ContainsAnyExcept(0f))
                {
                    zero++;
                }
            }

            return (double)zero / Channels;
        }
    }
}
