using ModelAudit.Imaging;
using ModelAudit.TestSupport;

namespace ModelAudit.Tool.Tests;

/// <summary>`modelaudit occlusion` end to end as a process on the Paddle orientation classifier.</summary>
public sealed class OcclusionCommandTests : IDisposable
{
    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Occlusion_WritesOverlayAndDropMapAtPatchGridResolution()
    {
        var png = Path.Combine(temp.Path, "png");
        var raw = Path.Combine(temp.Path, "raw");
        var image = SaliencyCommandTests.Text("invoice.png");

        var result = ToolProcess.Run(["occlusion", RepoPaths.PaddleClassifier, image, "--patch", "16", "--stride", "16", "--fill", "grey",
            "--out", png, "--raw", raw, .. SaliencyCommandTests.PaddlePreprocessing]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        // 192x48 tensor, patch 16, stride 16: 12 columns, 3 rows.
        Assert.Equal("(3, 12)", SaliencyCommandTests.NpyShape(Path.Combine(raw, "invoice.npy")));
        var overlay = ImageDecoder.Decode(Path.Combine(png, "invoice.png"));
        var original = ImageDecoder.Decode(image);
        Assert.Equal((original.Width, original.Height), (overlay.Width, overlay.Height));
        Assert.Contains("12x3", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--patch", "0", "--patch 0")]
    [InlineData("--stride", "0", "--stride 0")]
    public void Occlusion_BadSetting_ExitsTwoWithOneLine(string option, string value, string expected)
    {
        var result = ToolProcess.Run(["occlusion", RepoPaths.PaddleClassifier, SaliencyCommandTests.Text("hello.png"), option, value,
            .. SaliencyCommandTests.PaddlePreprocessing]);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"modelaudit: error: {expected}", line[..(19 + expected.Length)]);
    }

    [Fact]
    public void Occlusion_UnknownFill_IsAUsageError()
    {
        var result = ToolProcess.Run(["occlusion", RepoPaths.PaddleClassifier, SaliencyCommandTests.Text("hello.png"), "--fill", "blur",
            .. SaliencyCommandTests.PaddlePreprocessing]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("blur", result.Stderr, StringComparison.Ordinal);
    }
}
