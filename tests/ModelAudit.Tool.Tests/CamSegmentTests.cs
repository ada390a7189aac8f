using System.Text;
using ModelAudit.TestSupport;

namespace ModelAudit.Tool.Tests;

/// <summary>Grad-CAM of PaddleOCR's DBNet detector from the command line, with a segmentation score.</summary>
public sealed class CamSegmentTests : IDisposable
{
    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    private static string Receipt => Path.Combine(RepoPaths.TestData, "sample", "images", "receipt.png");

    [Fact]
    public void Cam_DetectorWithSegmentBox_WritesAMapAtTheAutoLayer()
    {
        var raw = temp.File("raw");

        var result = ToolProcess.Run("cam", RepoPaths.PaddleDetector, Receipt, "--size", "256x64", "--resize", "letterbox",
            "--mean", "0.485,0.456,0.406", "--std", "0.229,0.224,0.225", "--segment", "14,15,163,23", "--raw", raw, "--out", temp.File("png"), "--device", "cpu");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var npy = File.ReadAllBytes(Path.Combine(raw, "receipt.npy"));
        var header = Encoding.ASCII.GetString(npy, 10, BitConverter.ToUInt16(npy, 8));
        Assert.Matches(@"'shape': \(\d+, \d+\)", header);
        Assert.True(File.Exists(Path.Combine(temp.File("png"), "receipt.png")));
    }

    [Theory]
    [InlineData("1,2,3")]
    [InlineData("5000,5000,10,10")]
    public void Cam_BadSegment_ExitsTwoWithOneLine(string segment)
    {
        var result = ToolProcess.Run("cam", RepoPaths.PaddleDetector, Receipt, "--size", "256x64", "--segment", segment, "--device", "cpu");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--segment", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Cam_SegmentOnAClassifier_ExitsTwoSayingItNeedsAMap()
    {
        var result = ToolProcess.Run("cam", RepoPaths.PaddleClassifier, Receipt, "--size", "192x48", "--segment", "all", "--device", "cpu");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("output map [N,C,H,W]", result.Stderr, StringComparison.Ordinal);
    }
}
