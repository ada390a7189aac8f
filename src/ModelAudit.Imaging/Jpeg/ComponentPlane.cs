namespace ModelAudit.Imaging.Jpeg;

/// <summary>A component's samples after the IDCT; rows are padded to whole blocks, Width/Height are the real size.</summary>
internal sealed class ComponentPlane
{
    public ComponentPlane(byte[] samples, int stride, int width, int height)
    {
        Samples = samples;
        Stride = stride;
        Width = width;
        Height = height;
    }

    public byte[] Samples { get; }

    public int Stride { get; }

    public int Width { get; }

    public int Height { get; }

    public ReadOnlySpan<byte> Row(int y) => Samples.AsSpan(y * Stride, Width);

    /// <summary>Dequantizes and inverse-transforms every block of the component.</summary>
    public static ComponentPlane FromCoefficients(JpegComponent c, ushort[] quant)
    {
        var stride = c.BlocksPerLine * 8;
        var samples = new byte[stride * c.BlocksPerColumn * 8];
        for (var by = 0; by < c.BlocksHigh; by++)
        {
            for (var bx = 0; bx < c.BlocksWide; bx++)
            {
                IslowIdct.Transform(c.Block(by, bx), quant, samples.AsSpan((by * 8 * stride) + (bx * 8)), stride);
            }
        }

        return new ComponentPlane(samples, stride, c.Width, c.Height);
    }
}
