namespace ModelAudit.Imaging.Png;

/// <summary>
/// Builds the 8-bit RGBA <see cref="Image"/>: grey is copied to R, G and B, missing alpha is opaque and 16-bit
/// samples are rounded to the nearest 8-bit value, round(v * 255 / 65535).
/// </summary>
internal sealed class RgbaImageSink(int width, int height, int channels, int bitDepth) : IPngRowSink
{
    public Image Image { get; } = new(width, height);

    public void WriteRow(int y, InterlacePass pass, ReadOnlySpan<ushort> samples)
    {
        var row = Image.Row(y);
        var wide = bitDepth == 16;
        for (var i = 0; i < pass.Width; i++)
        {
            var source = samples.Slice(i * channels, channels);
            var target = row.Slice((pass.X0 + (i * pass.DX)) * 4, 4);
            if (channels <= 2)
            {
                target[0] = target[1] = target[2] = ToByte(source[0], wide);
                target[3] = channels == 2 ? ToByte(source[1], wide) : (byte)255;
            }
            else
            {
                target[0] = ToByte(source[0], wide);
                target[1] = ToByte(source[1], wide);
                target[2] = ToByte(source[2], wide);
                target[3] = channels == 4 ? ToByte(source[3], wide) : (byte)255;
            }
        }
    }

    private static byte ToByte(ushort value, bool wide) => wide ? (byte)(((value * 255) + 32767) / 65535) : (byte)value;
}
