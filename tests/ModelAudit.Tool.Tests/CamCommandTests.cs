using System.Buffers.Binary;
using System.Text;
using ModelAudit.Imaging;
using ModelAudit.TestSupport;

namespace ModelAudit.Tool.Tests;

/// <summary>`modelaudit cam` end to end as a process.</summary>
public sealed class CamCommandTests : IDisposable
{
    private static readonly string[] PaddlePreprocessing =
        ["--size", "192x48", "--resize", "pad", "--mean", "0.5,0.5,0.5", "--std", "0.5,0.5,0.5", "--pad-value", "127.5", "--device", "cpu"];

    private readonly TempDir temp = new();

    private static string Text(string name) => Path.Combine(RepoPaths.TestData, "images", "text", name);

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Cam_PaddleClassifier_WritesOverlaysAtImageSizeAndRawMapsAtLayerSize()
    {
        var output = temp.File("out");
        var raw = temp.File("raw");

        var result = ToolProcess.Run(["cam", RepoPaths.PaddleClassifier, Text("invoice.png"), Text("invoice-upside-down.png"),
            "--out", output, "--raw", raw, "--labels", WriteLabels(), .. PaddlePreprocessing]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        // auto picks the backbone's last map, [1, 200, 1, 48] for a 48x192 input.
        Assert.Contains("p2o.MaxPool.1", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("auto", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("gradcam", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("180", result.Stdout, StringComparison.Ordinal);
        foreach (var stem in new[] { "invoice", "invoice-upside-down" })
        {
            var overlay = ImageDecoder.Decode(Path.Combine(output, stem + ".png"));
            Assert.Equal((347, 46), (overlay.Width, overlay.Height));
            var (header, values) = ReadNpy(Path.Combine(raw, stem + ".npy"));
            Assert.Contains("'descr': '<f4'", header, StringComparison.Ordinal);
            Assert.Contains("'shape': (1, 48)", header, StringComparison.Ordinal);
            Assert.Equal(48, values.Length);
            Assert.All(values, v => Assert.True(v >= 0 && float.IsFinite(v)));
            Assert.Contains(values, v => v > 0);
        }
    }

    [Fact]
    public void Cam_GradientFreeMethodWithNamedLayer_Runs()
    {
        var raw = temp.File("raw");

        var result = ToolProcess.Run(["cam", RepoPaths.PaddleClassifier, Text("hello.png"), "--method", "ablationcam", "--layer", "p2o.MaxPool.1",
            "--raw", raw, "--class", "0", .. PaddlePreprocessing]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("ablationcam", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("'shape': (1, 48)", ReadNpy(Path.Combine(raw, "hello.npy")).Header, StringComparison.Ordinal);
    }

    [Fact]
    public void Cam_UnknownLayer_OneLineErrorExit2()
    {
        var result = ToolProcess.Run(["cam", RepoPaths.PaddleClassifier, Text("hello.png"), "--layer", "no_such_layer", .. PaddlePreprocessing]);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("modelaudit: error: ", line, StringComparison.Ordinal);
        Assert.Contains("no_such_layer", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Cam_ClassOutOfRange_OneLineErrorExit2()
    {
        var result = ToolProcess.Run(["cam", RepoPaths.PaddleClassifier, Text("hello.png"), "--class", "7", .. PaddlePreprocessing]);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("class 7 does not exist", line, StringComparison.Ordinal);
        Assert.Contains("2 classes", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Cam_UnknownMethod_UsageErrorExit2()
    {
        var result = ToolProcess.Run(["cam", RepoPaths.PaddleClassifier, Text("hello.png"), "--method", "gradcam+", .. PaddlePreprocessing]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("gradcam+", result.Stderr, StringComparison.Ordinal);
    }

    private string WriteLabels()
    {
        var path = temp.File("labels.txt");
        File.WriteAllLines(path, ["0", "180"]);
        return path;
    }

    /// <summary>The header text and the float32 values of a .npy version 1.0 file, read per the format spec.</summary>
    internal static (string Header, float[] Values) ReadNpy(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(0x93, bytes[0]);
        Assert.Equal("NUMPY", Encoding.ASCII.GetString(bytes, 1, 5));
        var headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        var header = Encoding.ASCII.GetString(bytes, 10, headerLength);
        var body = bytes.AsSpan(10 + headerLength);
        var values = new float[body.Length / 4];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(body[(i * 4)..]);
        }

        return (header, values);
    }
}
