namespace ModelAudit.Imaging.Jpeg;

/// <summary>One colour component of a frame and its decoded DCT coefficients.</summary>
internal sealed class JpegComponent
{
    public JpegComponent(int id, int h, int v, int quantTable)
    {
        Id = id;
        H = h;
        V = v;
        QuantTable = quantTable;
    }

    public int Id { get; }

    public int H { get; }

    public int V { get; }

    public int QuantTable { get; }

    /// <summary>Samples actually present (libjpeg's downsampled_width/height).</summary>
    public int Width { get; set; }

    public int Height { get; set; }

    /// <summary>Blocks covering the samples: what a non-interleaved scan visits.</summary>
    public int BlocksWide { get; set; }

    public int BlocksHigh { get; set; }

    /// <summary>Blocks allocated: whole MCUs, what an interleaved scan visits.</summary>
    public int BlocksPerLine { get; set; }

    public int BlocksPerColumn { get; set; }

    public short[] Coefficients { get; set; } = [];

    /// <summary>Quantization table latched when the component first appears in a scan, as libjpeg does.</summary>
    public ushort[]? Quant { get; set; }

    public int DcPredictor { get; set; }

    public int DcTable { get; set; }

    public int AcTable { get; set; }

    public Span<short> Block(int row, int col) =>
        Coefficients.AsSpan(((row * BlocksPerLine) + col) * 64, 64);
}
