using ModelAudit.Core.Analysis.Filters;

namespace ModelAudit.Core.Tests.Analysis.Filters;

public sealed class RobustTransformTests
{
    private static float[] Ramp(int w, int h) => Enumerable.Range(0, w * h).Select(i => (float)i).ToArray();

    [Fact]
    public void Apply_Identity_CopiesThePlane()
    {
        var source = Ramp(7, 5);
        var destination = new float[source.Length];

        new RobustTransform(0, 0, 1f, 0f).Apply(source, destination, 7, 5);

        Assert.Equal(source, destination);
    }

    [Fact]
    public void Apply_ShiftOnly_RollsWithWrapAround()
    {
        // np.roll(a, (1, 2), axis=(0, 1)): out[y, x] = a[(y - 1) mod h, (x - 2) mod w].
        const int W = 7, H = 5;
        var source = Ramp(W, H);
        var destination = new float[source.Length];

        new RobustTransform(2, 1, 1f, 0f).Apply(source, destination, W, H);

        for (var y = 0; y < H; y++)
        {
            for (var x = 0; x < W; x++)
            {
                Assert.Equal(source[((y + H - 1) % H * W) + ((x + W - 2) % W)], destination[(y * W) + x]);
            }
        }
    }

    [Fact]
    public void Apply_QuarterTurn_MovesTheCornersAroundTheCenter()
    {
        // A 90-degree turn about the center of a 5x5 grid lands exactly on pixels: out(x, y) = in(y, 4 - x).
        const int N = 5;
        var source = Ramp(N, N);
        var destination = new float[source.Length];

        new RobustTransform(0, 0, 1f, MathF.PI / 2).Apply(source, destination, N, N);

        for (var y = 0; y < N; y++)
        {
            for (var x = 0; x < N; x++)
            {
                Assert.Equal(source[((N - 1 - x) * N) + y], destination[(y * N) + x], 3);
            }
        }
    }

    [Fact]
    public void Draw_StaysWithinTheDocumentedRanges()
    {
        var random = new Random(5);
        for (var i = 0; i < 500; i++)
        {
            var t = RobustTransform.Draw(random);
            Assert.InRange(t.ShiftX, -4, 4);
            Assert.InRange(t.ShiftY, -4, 4);
            Assert.InRange(t.Scale, 0.95f, 1.05f);
            Assert.InRange(t.Radians * 180 / MathF.PI, -5.0001f, 5.0001f);
        }
    }
}
