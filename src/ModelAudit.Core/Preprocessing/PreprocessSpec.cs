namespace ModelAudit.Core.Preprocessing;

/// <summary>
/// Everything that turns an image into the model's input tensor:
/// tensor = (pixel * Scale - Mean[c]) / Std[c], pixels in 0..255, after fitting the image to Width x Height.
/// </summary>
public sealed record PreprocessSpec
{
    public required int Width { get; init; }

    public required int Height { get; init; }

    public ResizeMode Resize { get; init; } = ResizeMode.Stretch;

    public float Scale { get; init; } = 1f / 255f;

    public IReadOnlyList<float> Mean { get; init; } = [0f, 0f, 0f];

    public IReadOnlyList<float> Std { get; init; } = [1f, 1f, 1f];

    public ChannelOrder Channels { get; init; } = ChannelOrder.Rgb;

    public TensorLayout Layout { get; init; } = TensorLayout.Nchw;

    /// <summary>1 (grey, ITU-R BT.601 luma) or 3.</summary>
    public int ChannelCount { get; init; } = 3;

    /// <summary>Pixel value (0..255 units, before normalization) of padded areas.</summary>
    public float PadValue { get; init; }

    /// <summary>Where each setting came from (flag, config, model metadata, input shape, default), for the user.</summary>
    public IReadOnlyList<string> Provenance { get; init; } = [];

    public override string ToString() =>
        $"{Width}x{Height} {Resize.ToString().ToLowerInvariant()}, scale {Scale:G6}, mean [{string.Join(",", Mean)}], std [{string.Join(",", Std)}], " +
        $"{Channels.ToString().ToLowerInvariant()}, {Layout.ToString().ToLowerInvariant()}";
}
