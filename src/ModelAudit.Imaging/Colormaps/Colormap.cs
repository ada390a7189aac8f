using ModelAudit.Imaging.Drawing;

namespace ModelAudit.Imaging.Colormaps;

/// <summary>
/// A 256-entry color lookup table mapping t in [0, 1] to an opaque color, indexed as matplotlib does
/// (entry floor(t * 256), the top value falling into the last entry).
/// </summary>
public sealed class Colormap
{
    private static readonly Colormap[] All =
    [
        new("viridis", ViridisTable.Rgb.ToArray()),
        new("jet", JetTable.Build()),
        new("turbo", TurboTable.Rgb.ToArray()),
    ];

    private readonly byte[] lut;

    private Colormap(string name, byte[] lut)
    {
        Name = name;
        this.lut = lut;
    }

    public static Colormap Viridis => All[0];

    public static Colormap Jet => All[1];

    public static Colormap Turbo => All[2];

    /// <summary>The names <see cref="Get"/> accepts.</summary>
    public static IReadOnlyList<string> Names { get; } = Array.AsReadOnly(All.Select(c => c.Name).ToArray());

    public string Name { get; }

    /// <summary>Looks a colormap up by name, ignoring case.</summary>
    public static Colormap Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"Unknown colormap '{name}'; known colormaps: {string.Join(", ", Names)}.", nameof(name));
    }

    /// <summary>Entry 0..255 of the table.</summary>
    public Rgba this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(index, 255);
            return new Rgba(lut[index * 3], lut[(index * 3) + 1], lut[(index * 3) + 2]);
        }
    }

    /// <summary>Colors t, clamped to [0, 1]; NaN takes the lowest color so a bad value never throws.</summary>
    public Rgba Map(float t) => this[IndexOf(t)];

    internal static int IndexOf(float t) =>
        t > 0 ? (int)Math.Min(t * 256f, 255f) : 0;

    public override string ToString() => Name;
}
