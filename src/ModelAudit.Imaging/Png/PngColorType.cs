namespace ModelAudit.Imaging.Png;

/// <summary>The IHDR colour type byte (PNG spec 11.2.2).</summary>
internal enum PngColorType : byte
{
    Grey = 0,
    Rgb = 2,
    Palette = 3,
    GreyAlpha = 4,
    Rgba = 6,
}
