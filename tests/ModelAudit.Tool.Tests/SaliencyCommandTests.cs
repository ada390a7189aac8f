using System.Text;
using ModelAudit.Imaging;
using ModelAudit.TestSupport;

namespace ModelAudit.Tool.Tests;

/// <summary>`modelaudit saliency` end to end as a process on the Paddle orientation classifier.</summary>
public sealed class SaliencyCommandTests : IDisposable
{
    internal static readonly string[] PaddlePreprocessing =
        ["--size", "192x48", "--resize", "pad", "--mean", "0.5,0.5,0.5", "--std", "0.5,0.5,0.5", "--pad-value", "127.5", "--device", "cpu"];

    private readonly TempDir temp = new();

    internal static string Text(string name) => Path.Combine(RepoPaths.TestData, "images", "text", name);

    public void Dispose() => temp.Dispose();

    /// <summary>The shape tuple of a .npy header, e.g. "(3, 48, 192)".</summary>
    internal static string NpyShape(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(0x93, bytes[0]);
        var headerLength = BitConverter.ToUInt16(bytes, 8);
        var header = Encoding.ASCII.GetString(bytes, 10, headerLength);
        Assert.Contains("'descr': '<f4'", header, StringComparison.Ordinal);
        var start = header.IndexOf("'shape': ", StringComparison.Ordinal) + 9;
        return header[start..(header.IndexOf(')', start) + 1)];
    }

    [Fact]
    public void Saliency_Gradient_WritesOverlayAndRawGradientPerImage()
    {
        var png = Path.Combine(temp.Path, "png");
        var raw = Path.Combine(temp.Path, "raw");

        var result = ToolProcess.Run(["saliency", RepoPaths.PaddleClassifier, Text("invoice.png"), Text("hello.png"), "--out", png, "--raw", raw, .. PaddlePreprocessing]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var overlay = ImageDecoder.Decode(Path.Combine(png, "invoice.png"));
        var original = ImageDecoder.Decode(Text("invoice.png"));
        Assert.Equal((original.Width, original.Height), (overlay.Width, overlay.Height));
        Assert.Equal("(3, 48, 192)", NpyShape(Path.Combine(raw, "invoice.npy")));
        Assert.Equal("(3, 48, 192)", NpyShape(Path.Combine(raw, "hello.npy")));
        // 3 * 48 * 192 float32 values follow the header, and they are not all zero.
        var bytes = File.ReadAllBytes(Path.Combine(raw, "invoice.npy"));
        var first = bytes.Length - (3 * 48 * 192 * 4);
        Assert.Contains(Enumerable.Range(0, 3 * 48 * 192), i => BitConverter.ToSingle(bytes, first + (i * 4)) != 0f);
        Assert.Contains("gradient", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Saliency_SmoothGrad_Succeeds()
    {
        var raw = Path.Combine(temp.Path, "raw");

        var result = ToolProcess.Run(["saliency", RepoPaths.PaddleClassifier, Text("hello.png"), "--method", "smoothgrad", "--samples", "3", "--raw", raw, .. PaddlePreprocessing]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("(3, 48, 192)", NpyShape(Path.Combine(raw, "hello.npy")));
    }

    [Theory]
    [InlineData("--samples", "0", "--samples 0")]
    [InlineData("--steps", "-2", "--steps -2")]
    [InlineData("--class", "9", "class 9 does not exist")]
    public void Saliency_BadSetting_ExitsTwoWithOneLine(string option, string value, string expected)
    {
        var result = ToolProcess.Run(["saliency", RepoPaths.PaddleClassifier, Text("hello.png"), option, value, .. PaddlePreprocessing]);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("modelaudit: error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public void Saliency_UnknownMethod_IsAUsageError()
    {
        var result = ToolProcess.Run(["saliency", RepoPaths.PaddleClassifier, Text("hello.png"), "--method", "magic", .. PaddlePreprocessing]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("magic", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Saliency_MissingImage_ExitsTwoNamingTheFile()
    {
        var missing = Path.Combine(temp.Path, "nope.png");

        var result = ToolProcess.Run(["saliency", RepoPaths.PaddleClassifier, missing, .. PaddlePreprocessing]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("nope.png", result.Stderr, StringComparison.Ordinal);
    }
}
