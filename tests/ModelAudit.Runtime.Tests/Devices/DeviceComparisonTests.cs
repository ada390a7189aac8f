using ModelAudit.Runtime.Devices;

namespace ModelAudit.Runtime.Tests.Devices;

public sealed class DeviceComparisonTests
{
    [Fact]
    public void Cosine_HandComputed_MatchesTheDefinition()
    {
        // [1, 0] . [1, 1] = 1; |a| = 1, |b| = sqrt(2): cos = 1/sqrt(2).
        Assert.Equal(1 / Math.Sqrt(2), DeviceComparison.Cosine([1, 0], [1, 1]), 12);
    }

    [Fact]
    public void Cosine_BothAllZero_Agree()
    {
        Assert.Equal(1, DeviceComparison.Cosine([0, 0, 0], [0, 0, 0]));
    }

    [Fact]
    public void Compare_DeviceGivesZerosWhereCpuHasValues_Mismatch()
    {
        var difference = DeviceComparison.Compare(["map"], [new FloatTensor([0, 0, 0, 0], 1, 1, 2, 2)], [new FloatTensor([1, 2, 3, 4], 1, 1, 2, 2)]);

        Assert.Equal("output 'map': cosine similarity 0 with the CPU's result (needs >= 0.999)", difference);
    }

    [Fact]
    public void Compare_NaNFromTheDevice_Mismatch()
    {
        var difference = DeviceComparison.Compare(["logits"], [new FloatTensor([float.NaN, 1], 1, 2)], [new FloatTensor([0, 1], 1, 2)]);

        Assert.StartsWith("output 'logits': cosine similarity NaN", difference, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_SmallFloatNoise_Agrees()
    {
        var difference = DeviceComparison.Compare(
            ["logits", "map"],
            [new FloatTensor([1.0001f, 5, -2], 1, 3), new FloatTensor([0.5f, 0.25f], 1, 2)],
            [new FloatTensor([1, 5, -2.0001f], 1, 3), new FloatTensor([0.5f, 0.25f], 1, 2)]);

        Assert.Null(difference);
    }

    [Fact]
    public void Compare_SecondRowTopClassDiffers_NamesTheRow()
    {
        var difference = DeviceComparison.Compare(
            ["logits"], [new FloatTensor([9, 1, 5, 5.01f], 2, 2)], [new FloatTensor([9, 1, 5.01f, 5], 2, 2)]);

        Assert.Equal("output 'logits': top class 1 instead of 0 in row 1", difference);
    }

    [Fact]
    public void Compare_ShapeDiffers_SaysBoth()
    {
        var difference = DeviceComparison.Compare(["y"], [new FloatTensor([1, 2], 2)], [new FloatTensor([1, 2], 1, 2)]);

        Assert.Equal("output 'y': shape [2] instead of [1,2]", difference);
    }

    [Fact]
    public void Node_OrtRunFailureMessage_OpAndName()
    {
        Assert.Equal("Mul node 'p2o.Mul.0'", DeviceFailures.Node(FakeAccelerator.RunFailure));
        Assert.Equal("the model", DeviceFailures.Node("something else"));
    }
}
