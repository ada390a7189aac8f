using ModelAudit.Core.Limits;
using ModelAudit.Core.Preprocessing;

namespace ModelAudit.Core.Tests.Preprocessing;

/// <summary>The input tensor's size is checked from the shape, with overflow caught, before anything is allocated.</summary>
public sealed class InputSizeLimitTests
{
    private static readonly Dictionary<string, string> NoMetadata = [];

    [Fact]
    public void Resolve_ConfigSize4096_RefusedNamingDimensionsAndOption()
    {
        var given = new PreprocessOverrides { Width = 4096, Height = 4096, Origin = "modelaudit.json" };

        var ex = Assert.Throws<ModelAuditException>(() => PreprocessResolver.Resolve(given, "x", [-1, 3, -1, -1], NoMetadata, "m.onnx"));

        Assert.Equal(
            "m.onnx: input 'x' would be 3x4096x4096 = 50331648 elements per image (size 4096x4096 from modelaudit.json), above the limit of 3145728; " +
            "use a smaller size, or raise the limit with --max-input-elements N (\"limits\": {\"maxInputElements\": N} in modelaudit.json)",
            ex.Message);
    }

    [Theory]
    [InlineData(46341, "3x46341x46341 = 6442464843 elements")]
    [InlineData(2147483648, "3x2147483648x2147483648 = more elements than fit in 64 bits")]
    public void Resolve_DeclaredHugeDimensions_RefusedBeforeAnyCast(long side, string expected)
    {
        var ex = Assert.Throws<ModelAuditException>(() => PreprocessResolver.Resolve(PreprocessOverrides.None, "x", [1, 3, side, side], NoMetadata, "m.onnx"));

        Assert.Contains($"input 'x' would be {expected} per image (size {side}x{side} from the input shape)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_RaisedLimit_AcceptsTheSize()
    {
        var given = new PreprocessOverrides { Width = 4096, Height = 4096, Limits = new InputLimits { MaxInputElements = 3L * 4096 * 4096 } };

        var spec = PreprocessResolver.Resolve(given, "x", [-1, 3, -1, -1], NoMetadata, "m.onnx");

        Assert.Equal((4096, 4096), (spec.Width, spec.Height));
    }

    [Fact]
    public void Resolve_GreyInputAtTheLimit_Accepted()
    {
        var given = new PreprocessOverrides { Width = 100, Height = 10, Limits = new InputLimits { MaxInputElements = 1000 } };

        var spec = PreprocessResolver.Resolve(given, "x", [1, 1, -1, -1], NoMetadata, "m.onnx");

        Assert.Equal(1, spec.ChannelCount);
    }
}
