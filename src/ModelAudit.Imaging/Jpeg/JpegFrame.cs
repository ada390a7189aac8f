namespace ModelAudit.Imaging.Jpeg;

/// <summary>The SOF header: size, coding process and components with their MCU geometry.</summary>
internal sealed class JpegFrame
{
    public JpegFrame(int width, int height, bool progressive, JpegComponent[] components)
    {
        Width = width;
        Height = height;
        Progressive = progressive;
        Components = components;
        MaxH = components.Max(c => c.H);
        MaxV = components.Max(c => c.V);
        McusWide = DivCeil(width, 8 * MaxH);
        McusHigh = DivCeil(height, 8 * MaxV);
        foreach (var c in components)
        {
            c.Width = DivCeil(width * c.H, MaxH);
            c.Height = DivCeil(height * c.V, MaxV);
            c.BlocksWide = DivCeil(c.Width, 8);
            c.BlocksHigh = DivCeil(c.Height, 8);
            c.BlocksPerLine = McusWide * c.H;
            c.BlocksPerColumn = McusHigh * c.V;
        }
    }

    public int Width { get; }

    public int Height { get; }

    public bool Progressive { get; }

    public JpegComponent[] Components { get; }

    public int MaxH { get; }

    public int MaxV { get; }

    public int McusWide { get; }

    public int McusHigh { get; }

    public void AllocateCoefficients()
    {
        foreach (var c in Components)
        {
            c.Coefficients = new short[c.BlocksPerLine * c.BlocksPerColumn * 64];
        }
    }

    public static int DivCeil(int a, int b) => (int)(((long)a + b - 1) / b);
}
