namespace ModelAudit.Imaging.Png;

/// <summary>One reduced image of an interlaced PNG: where its pixels sit in the full image.</summary>
internal readonly record struct InterlacePass(int X0, int Y0, int DX, int DY, int Width, int Height)
{
    public bool IsEmpty => Width == 0 || Height == 0;
}

/// <summary>The seven Adam7 passes (spec 8.2); a non-interlaced image is a single pass of step one.</summary>
internal static class Adam7
{
    private static readonly (int X0, int Y0, int DX, int DY)[] Grid =
    [
        (0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2),
    ];

    public static InterlacePass[] Passes(int width, int height, bool interlaced)
    {
        if (!interlaced)
        {
            return [new InterlacePass(0, 0, 1, 1, width, height)];
        }

        var passes = new InterlacePass[Grid.Length];
        for (var i = 0; i < Grid.Length; i++)
        {
            var (x0, y0, dx, dy) = Grid[i];
            passes[i] = new InterlacePass(x0, y0, dx, dy, Count(width, x0, dx), Count(height, y0, dy));
        }

        return passes;
    }

    private static int Count(int size, int start, int step) => size <= start ? 0 : (size - start + step - 1) / step;
}
