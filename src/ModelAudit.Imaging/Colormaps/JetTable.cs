namespace ModelAudit.Imaging.Colormaps;

/// <summary>
/// matplotlib's jet, the colormap of "Deep Learning with Python": piecewise linear between the
/// breakpoints below, sampled at 256 evenly spaced points as matplotlib builds its lookup table.
/// </summary>
internal static class JetTable
{
    // (position, value) breakpoints per channel, as matplotlib defines jet.
    private static readonly (double At, double Value)[] Red = [(0, 0), (0.35, 0), (0.66, 1), (0.89, 1), (1, 0.5)];
    private static readonly (double At, double Value)[] Green = [(0, 0), (0.125, 0), (0.375, 1), (0.64, 1), (0.91, 0), (1, 0)];
    private static readonly (double At, double Value)[] Blue = [(0, 0.5), (0.11, 1), (0.34, 1), (0.65, 0), (1, 0)];

    public static byte[] Build()
    {
        var lut = new byte[256 * 3];
        for (int i = 0; i < 256; i++)
        {
            double x = i / 255.0;
            lut[i * 3] = ToByte(Interpolate(Red, x));
            lut[(i * 3) + 1] = ToByte(Interpolate(Green, x));
            lut[(i * 3) + 2] = ToByte(Interpolate(Blue, x));
        }

        return lut;
    }

    private static double Interpolate((double At, double Value)[] points, double x)
    {
        for (int k = 1; k < points.Length; k++)
        {
            if (x <= points[k].At)
            {
                var (x0, y0) = points[k - 1];
                var (x1, y1) = points[k];
                return y0 + ((y1 - y0) * (x - x0) / (x1 - x0));
            }
        }

        return points[^1].Value;
    }

    private static byte ToByte(double value) => (byte)Math.Floor((value * 255) + 0.5);
}
