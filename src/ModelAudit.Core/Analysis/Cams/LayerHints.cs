namespace ModelAudit.Core.Analysis.Cams;

/// <summary>
/// What the user says about the CAM layer when its shape alone is ambiguous: its layout (<c>--layout-of-layer</c>,
/// config <c>layerLayout</c>) and the token grid (<c>--grid HxW</c>, config <c>grid</c>). Null means "infer".
/// </summary>
public sealed record LayerHints(LayerLayout? Layout = null, TokenGridSize? Grid = null)
{
    public static LayerHints None { get; } = new();
}

/// <summary>The h x w grid that the tokens of a transformer layer form.</summary>
public readonly record struct TokenGridSize(int Height, int Width)
{
    /// <summary>Parses "HxW" (e.g. "14x14"), both at least 1.</summary>
    public static TokenGridSize Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Trim().ToLowerInvariant().Split('x');
        if (parts.Length == 2
            && int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var h)
            && int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var w)
            && h > 0 && w > 0)
        {
            return new TokenGridSize(h, w);
        }

        throw new ModelAuditException($"grid '{text}': give the token grid as HxW, e.g. 14x14");
    }

    public override string ToString() => FormattableString.Invariant($"{Height}x{Width}");
}
