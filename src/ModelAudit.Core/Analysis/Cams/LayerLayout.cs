namespace ModelAudit.Core.Analysis.Cams;

/// <summary>
/// How a layer's activation holds its feature map: channels first ([N, C, H, W], CNNs), channels last ([N, H, W, C],
/// Swin and channels-last ConvNeXt blocks), or as tokens ([N, T, C], ViT/DeiT/BEiT/CLIP towers: leading non-grid
/// tokens, then an h x w grid in row-major order).
/// </summary>
public enum LayerLayout
{
    Nchw,
    Nhwc,
    Tokens,
}

/// <summary>The names of <see cref="LayerLayout"/> on the command line and in modelaudit.json.</summary>
public static class LayerLayouts
{
    public static IReadOnlyList<string> Names { get; } = ["nchw", "nhwc", "tokens"];

    public static LayerLayout Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant() switch
        {
            "nchw" => LayerLayout.Nchw,
            "nhwc" => LayerLayout.Nhwc,
            "tokens" => LayerLayout.Tokens,
            _ => throw new ModelAuditException($"unknown layer layout '{name}'; choose one of {string.Join(", ", Names)}"),
        };
    }

    public static string Name(LayerLayout layout) => Names[(int)layout];
}
