using ModelAudit.Onnx;
using ModelAudit.TestSupport;

namespace ModelAudit.Tool.Tests;

/// <summary>Sizes from a model's declared shapes or from --size that would need huge tensors: exit 2 before any allocation.</summary>
public sealed class WorkSizeLimitTests : IDisposable
{
    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    private string Model(params string?[] inputDims)
    {
        var b = new ModelBuilder(opset: 13, seed: 1);
        var x = b.Input("image", inputDims);
        b.Output(b.Flatten(b.GlobalAveragePool(x, name: "pool"), axis: 1, name: "flat"));
        var path = temp.File("model.onnx");
        b.Save(path);
        return path;
    }

    [Theory]
    [InlineData("46341", "3x46341x46341 = 6442464843 elements")]
    [InlineData("2147483648", "3x2147483648x2147483648 = more elements than fit in 64 bits")]
    public void Predict_ModelDeclaringHugeInput_ExitsTwoNamingTheShapeAndOption(string side, string expected)
    {
        var model = Model("1", "3", side, side);
        ShortcutFixture.WriteImage(temp.File("a.png"));

        var result = ToolProcess.Run("predict", model, temp.File("a.png"), "--device", "cpu");

        Assert.True(result.ExitCode == 2, result.Stdout + result.Stderr);
        Assert.Contains($"input 'image' would be {expected} per image (size {side}x{side} from the input shape)", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--max-input-elements", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_SizeOverTheLimitOnDynamicModel_ExitsTwoUntilTheLimitIsRaised()
    {
        var model = Model("N", "3", "H", "W");
        ShortcutFixture.WriteImage(temp.File("a.png"));

        var refused = ToolProcess.Run("predict", model, temp.File("a.png"), "--device", "cpu", "--size", "4096x4096");
        var raised = ToolProcess.Run("predict", model, temp.File("a.png"), "--device", "cpu", "--size", "64x64", "--max-input-elements", "12288");

        Assert.True(refused.ExitCode == 2, refused.Stdout + refused.Stderr);
        Assert.Contains("would be 3x4096x4096 = 50331648 elements per image (size 4096x4096 from the command line), above the limit of 3145728", refused.Stderr, StringComparison.Ordinal);
        Assert.True(raised.ExitCode == 0, raised.Stdout + raised.Stderr);
    }
}
