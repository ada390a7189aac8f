using ModelAudit.Core.Analysis;

namespace ModelAudit.Core.Tests.Analysis;

public sealed class SoftmaxTests
{
    [Fact]
    public void Of_MatchesHandComputedValues()
    {
        var p = Softmax.Of([0f, MathF.Log(3f)]);

        Assert.Equal(0.25f, p[0], 6);
        Assert.Equal(0.75f, p[1], 6);
    }

    [Fact]
    public void Of_LargeLogits_DoesNotOverflow()
    {
        var p = Softmax.Of([1000f, 1000f]);

        Assert.Equal(0.5f, p[0], 6);
    }

    [Theory]
    [InlineData(new float[] { 0.2f, 0.8f }, true)]
    [InlineData(new float[] { 2f, -1f }, false)]
    [InlineData(new float[] { 0.2f, 0.2f }, false)]
    public void IsDistribution_RecognizesProbabilities(float[] row, bool expected)
    {
        Assert.Equal(expected, Softmax.IsDistribution(row));
    }
}
