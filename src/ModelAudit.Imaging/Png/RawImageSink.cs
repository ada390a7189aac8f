namespace ModelAudit.Imaging.Png;

/// <summary>Keeps the exact sample values, for callers that need 16-bit precision.</summary>
internal sealed class RawImageSink(int width, int height, int channels) : IPngRowSink
{
    public ushort[] Samples { get; } = new ushort[checked(width * height * channels)];

    public void WriteRow(int y, InterlacePass pass, ReadOnlySpan<ushort> samples)
    {
        var rowStart = y * width * channels;
        for (var i = 0; i < pass.Width; i++)
        {
            var target = rowStart + ((pass.X0 + (i * pass.DX)) * channels);
            samples.Slice(i * channels, channels).CopyTo(Samples.AsSpan(target, channels));
        }
    }
}
