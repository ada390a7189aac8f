namespace ModelAudit.Core.Analysis.Faithfulness;

/// <summary>Separable Gaussian blur of every channel plane, edges clamped.</summary>
internal static class GaussianBlur
{
    public static float[] Planes(PlanarImage image, double sigma)
    {
        var radius = Math.Max(1, (int)Math.Ceiling(3 * sigma));
        var kernel = new double[(2 * radius) + 1];
        double total = 0;
        for (var i = -radius; i <= radius; i++)
        {
            kernel[i + radius] = Math.Exp(-(i * i) / (2 * sigma * sigma));
            total += kernel[i + radius];
        }

        for (var i = 0; i < kernel.Length; i++)
        {
            kernel[i] /= total;
        }

        var (w, h, size) = (image.Width, image.Height, image.PlaneSize);
        var result = new float[image.Values.Length];
        var row = new float[size];
        for (var c = 0; c < image.Channels; c++)
        {
            var source = image.Values.AsSpan(c * size, size);
            var target = result.AsSpan(c * size, size);
            for (var y = 0; y < h; y++)
            {
                for (var x = 0; x < w; x++)
                {
                    double sum = 0;
                    for (var k = -radius; k <= radius; k++)
                    {
                        sum += kernel[k + radius] * source[(y * w) + Math.Clamp(x + k, 0, w - 1)];
                    }

                    row[(y * w) + x] = (float)sum;
                }
            }

            for (var y = 0; y < h; y++)
            {
                for (var x = 0; x < w; x++)
                {
                    double sum = 0;
                    for (var k = -radius; k <= radius; k++)
                    {
                        sum += kernel[k + radius] * row[(Math.Clamp(y + k, 0, h - 1) * w) + x];
                    }

                    target[(y * w) + x] = (float)sum;
                }
            }
        }

        return result;
    }
}
