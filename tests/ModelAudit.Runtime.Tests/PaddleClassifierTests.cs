using ModelAudit.TestSupport;

namespace ModelAudit.Runtime.Tests;

public class PaddleClassifierTests
{
    [Fact]
    public void Open_PaddleClassifier_ReportsItsInputAndOutput()
    {
        using var session = InferenceSession.Open(RepoPaths.PaddleClassifier, new SessionSettings { Device = ExecutionDevice.Cpu });

        var input = Assert.Single(session.Inputs);
        Assert.Equal("x", input.Name);
        Assert.Equal(TensorElementType.Float, input.ElementType);

        // As declared in the file (read with an independent protobuf walk): only the channel count is fixed.
        Assert.Equal(new long[] { -1, 3, -1, -1 }, input.Shape);
        Assert.Equal(new[] { "p2o.DynamicDimension.0", null, "p2o.DynamicDimension.1", "p2o.DynamicDimension.2" }, input.SymbolicDimensions);
        var output = Assert.Single(session.Outputs);
        Assert.Equal("softmax_0.tmp_0", output.Name);
        Assert.Equal(new long[] { -1, 2 }, output.Shape);
        Assert.Equal(ExecutionDevice.Cpu, session.Device);
    }

    [Fact]
    public void Run_PaddleClassifierOnConstantBatch_ReturnsSoftmaxRows()
    {
        using var session = InferenceSession.Open(RepoPaths.PaddleClassifier);
        var data = new float[2 * 3 * 48 * 192];
        Array.Fill(data, 0.25f);
        data.AsSpan(data.Length / 2).Fill(-0.5f);

        var output = session.Run(
            new Dictionary<string, FloatTensor> { ["x"] = new(data, 2, 3, 48, 192) }, [session.Outputs[0].Name])[0];

        Assert.Equal(new long[] { 2, 2 }, output.Shape);
        for (var row = 0; row < 2; row++)
        {
            var p0 = output.Data[row * 2];
            var p1 = output.Data[(row * 2) + 1];
            Assert.InRange(p0, 0f, 1f);
            Assert.InRange(p1, 0f, 1f);
            Assert.Equal(1.0, p0 + p1, 4);
        }
    }
}
