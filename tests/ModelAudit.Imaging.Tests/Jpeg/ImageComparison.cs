namespace ModelAudit.Imaging.Tests.Jpeg;

/// <summary>Per-channel RGB differences between a decode and its reference (alpha is compared exactly).</summary>
internal static class ImageComparison
{
    public static (int Max, double Mean) Differences(Image actual, Image expected)
    {
        Assert.Equal((expected.Width, expected.Height), (actual.Width, actual.Height));
        var max = 0;
        long sum = 0;
        for (var i = 0; i < actual.Pixels.Length; i += 4)
        {
            Assert.Equal(expected.Pixels[i + 3], actual.Pixels[i + 3]);
            for (var ch = 0; ch < 3; ch++)
            {
                var d = Math.Abs(actual.Pixels[i + ch] - expected.Pixels[i + ch]);
                max = Math.Max(max, d);
                sum += d;
            }
        }

        return (max, sum / (actual.Width * actual.Height * 3.0));
    }

    public static void AssertClose(Image actual, Image expected, int maxDifference, double maxMean)
    {
        var (max, mean) = Differences(actual, expected);
        Assert.True(max <= maxDifference && mean <= maxMean,
            $"largest channel difference {max} (allowed {maxDifference}), mean {mean:F3} (allowed {maxMean})");
    }
}
