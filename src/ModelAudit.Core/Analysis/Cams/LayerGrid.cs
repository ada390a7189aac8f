namespace ModelAudit.Core.Analysis.Cams;

/// <summary>
/// How to read one image's slice of a layer's activation as a Channels x (Height x Width) channel-major map, the form
/// every CAM method works on: as is for NCHW, transposed for NHWC, and for tokens with the first
/// <see cref="SkippedTokens"/> (class, distillation, register tokens) dropped and the rest transposed.
/// </summary>
public sealed record LayerGrid(LayerLayout Layout, int Channels, int Height, int Width, int SkippedTokens = 0)
{
    public int Plane => Height * Width;

    /// <summary>Elements of one image's activation (skipped tokens included).</summary>
    public int PerImage => Layout == LayerLayout.Tokens ? (SkippedTokens + Plane) * Channels : Plane * Channels;

    /// <summary>One image's values (activation or gradient, in the layer's own layout) as channel-major C x (h*w).</summary>
    public float[] ChannelMajor(ReadOnlySpan<float> image)
    {
        if (image.Length != PerImage)
        {
            throw new ArgumentException($"expected {PerImage} values per image, got {image.Length}", nameof(image));
        }

        if (Layout == LayerLayout.Nchw)
        {
            return image.ToArray();
        }

        var grid = image[(SkippedTokens * Channels)..];
        var result = new float[Channels * Plane];
        for (var p = 0; p < Plane; p++)
        {
            var row = grid.Slice(p * Channels, Channels);
            for (var c = 0; c < Channels; c++)
            {
                result[(c * Plane) + p] = row[c];
            }
        }

        return result;
    }

    /// <summary>One image's activation of this layer (batch axis removed) as the (C, H, W) feature map the grids draw.</summary>
    public LayerActivation ToFeatureMap(LayerActivation activation)
    {
        ArgumentNullException.ThrowIfNull(activation);
        return activation with { Shape = [Channels, Height, Width], Data = ChannelMajor(activation.Data) };
    }

    /// <summary>The shape of a per-channel gate for <paramref name="rows"/> images that broadcasts over this layer.</summary>
    public long[] GateShape(int rows) => Layout switch
    {
        LayerLayout.Nchw => [rows, Channels, 1, 1],
        LayerLayout.Nhwc => [rows, 1, 1, Channels],
        _ => [rows, 1, Channels],
    };

    /// <summary>For messages and reports: "tokens (1 skipped, grid 14x14)", "nhwc", "nchw".</summary>
    public string Describe() => Layout == LayerLayout.Tokens
        ? FormattableString.Invariant($"tokens ({SkippedTokens} skipped, grid {Height}x{Width})")
        : LayerLayouts.Name(Layout);
}
