using ModelAudit.TestSupport;

namespace ModelAudit.Tool.Tests;

/// <summary>What the tool prints is UTF-8 with LF line ends on every OS (the MSBuild task reads it as UTF-8).</summary>
public sealed class ConsoleTextTests : IDisposable
{
    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Predict_NonAsciiLabels_PrintedAsUtf8WithLfLineEnds()
    {
        var labels = temp.File("labels.txt");
        File.WriteAllText(labels, "日本\nüber\n");
        var image = Path.Combine(RepoPaths.TestData, "images", "text", "invoice.png");

        var result = ToolProcess.Run("predict", RepoPaths.PaddleClassifier, image, "--labels", labels, "--top", "2",
            "--size", "192x48", "--resize", "pad", "--mean", "0.5,0.5,0.5", "--std", "0.5,0.5,0.5", "--device", "cpu");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("日本", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("über", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain('\r', result.Stdout);
    }
}
