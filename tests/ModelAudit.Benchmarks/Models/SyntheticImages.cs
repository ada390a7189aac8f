using ModelAudit.Imaging;

namespace ModelAudit.Benchmarks.Models;

/// <summary>
/// Seeded photo-like pictures: smooth colour fields plus grain, so JPEG files get realistic entropy and the
/// model sees varied inputs. Content does not change any timing here except the JPEG decoder's.
/// </summary>
internal static class SyntheticImages
{
    public static IReadOnlyList<(string Name, Image Image)> Batch(int count, int width, int height, int seed = 7) =>
        Enumerable.Range(0, count).Select(i => ($"synthetic-{i}", Create(width, height, seed + i))).ToList();

    public static Image Create(int width, int height, int seed)
    {
        var random = new Random(seed);
        // Three low-frequency waves per channel, with seeded frequencies and phases.
        var waves = new double[3, 3, 3];
        for (var c = 0; c < 3; c++)
        {
            for (var k = 0; k < 3; k++)
            {
                waves[c, k, 0] = (random.NextDouble() * 6) + 1;
                waves[c, k, 1] = (random.NextDouble() * 6) + 1;
                waves[c, k, 2] = random.NextDouble() * Math.Tau;
            }
        }

        var image = new Image(width, height);
        for (var y = 0; y < height; y++)
        {
            var row = image.Row(y);
            for (var x = 0; x < width; x++)
            {
                double u = (double)x / width, v = (double)y / height;
                for (var c = 0; c < 3; c++)
                {
                    var value = 0.0;
                    for (var k = 0; k < 3; k++)
                    {
                        value += Math.Sin((waves[c, k, 0] * u * Math.Tau) + (waves[c, k, 1] * v * Math.Tau) + waves[c, k, 2]);
                    }

                    var grain = (random.NextDouble() - 0.5) * 24;
                    row[(x * 4) + c] = (byte)Math.Clamp(128 + (value * 35) + grain, 0, 255);
                }

                row[(x * 4) + 3] = 255;
            }
        }

        return image;
    }

    /// <summary>Binary PPM (P6), the input format cjpeg reads.</summary>
    public static byte[] ToPpm(Image image)
    {
        var header = System.Text.Encoding.ASCII.GetBytes($"P6\n{image.Width} {image.Height}\n255\n");
        var data = new byte[header.Length + (image.Width * image.Height * 3)];
        header.CopyTo(data, 0);
        var o = header.Length;
        var pixels = image.Pixels;
        for (var i = 0; i < pixels.Length; i += 4)
        {
            data[o++] = pixels[i];
            data[o++] = pixels[i + 1];
            data[o++] = pixels[i + 2];
        }

        return data;
    }
}
