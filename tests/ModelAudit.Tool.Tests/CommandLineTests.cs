using System.Text.Json;
using ModelAudit.Imaging;
using ModelAudit.Onnx;
using ModelAudit.TestSupport;

namespace ModelAudit.Tool.Tests;

/// <summary>The commands end to end as processes: files written, exit codes, one-line errors.</summary>
public sealed class CommandLineTests : IDisposable
{
    private static readonly string[] PaddlePreprocessing =
        ["--size", "192x48", "--resize", "pad", "--mean", "0.5,0.5,0.5", "--std", "0.5,0.5,0.5", "--pad-value", "127.5", "--device", "cpu"];

    private readonly TempDir temp = new();

    private static string Text(string name) => Path.Combine(RepoPaths.TestData, "images", "text", name);

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Summary_PaddleClassifierJson_Lists53ConvLayersAndTotals()
    {
        var result = ToolProcess.Run("summary", RepoPaths.PaddleClassifier, "--json", "--size", "192x48");

        Assert.Equal(0, result.ExitCode);
        using var json = JsonDocument.Parse(result.Stdout);
        var layers = json.RootElement.GetProperty("layers").EnumerateArray().ToList();
        Assert.Equal(53, layers.Count(l => l.GetProperty("op").GetString() == "Conv"));
        Assert.Equal(layers.Sum(l => l.GetProperty("params").GetInt64()), json.RootElement.GetProperty("totalParams").GetInt64());
        Assert.Equal("x", json.RootElement.GetProperty("inputs")[0].GetProperty("name").GetString());
        // --size resolves the dynamic input, so every layer's shape is known for one image.
        var first = layers.First(l => l.GetProperty("op").GetString() == "Conv").GetProperty("outputs")[0].GetProperty("shape");
        Assert.Equal(4, first.GetArrayLength());
        Assert.Equal(1, first[0].GetInt64());
    }

    [Fact]
    public void Summary_Table_PrintsTotal()
    {
        var result = ToolProcess.Run("summary", RepoPaths.PaddleClassifier);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Total params:", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_PaddleClassifierJson_UprightBeatsUpsideDown()
    {
        var result = ToolProcess.Run(["predict", RepoPaths.PaddleClassifier, Text("invoice.png"), Text("invoice-upside-down.png"), "--json", "--top", "2", .. PaddlePreprocessing]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(0, json.RootElement[0].GetProperty("top")[0].GetProperty("class").GetInt32());
        Assert.Equal(1, json.RootElement[1].GetProperty("top")[0].GetProperty("class").GetInt32());
    }

    [Fact]
    public void Predict_JpegAndBmpImages_ReadByContent()
    {
        var result = ToolProcess.Run(["predict", RepoPaths.PaddleClassifier, Text("invoice.jpg"), Text("invoice-upside-down-progressive.jpg"), Text("hello.bmp"), "--json", .. PaddlePreprocessing]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal([0, 1, 0], json.RootElement.EnumerateArray().Select(p => p.GetProperty("top")[0].GetProperty("class").GetInt32()));
    }

    [Fact]
    public void Cam_JpegImages_OverlayAtTheOriginalSize()
    {
        var output = temp.File("cam");

        var result = ToolProcess.Run(["cam", RepoPaths.PaddleClassifier, Text("invoice.jpg"), Text("invoice-upside-down-progressive.jpg"), "--out", output, .. PaddlePreprocessing]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var overlay = ImageDecoder.Decode(Path.Combine(output, "invoice.png"));
        var original = ImageDecoder.Decode(Text("invoice.jpg"));
        Assert.Equal((original.Width, original.Height), (overlay.Width, overlay.Height));
        Assert.True(File.Exists(Path.Combine(output, "invoice-upside-down-progressive.png")));
    }

    [Fact]
    public void Activations_WritesAGridAndANpyPerFeatureMap()
    {
        var png = Path.Combine(temp.Path, "png");
        var raw = Path.Combine(temp.Path, "raw");

        var result = ToolProcess.Run(["activations", RepoPaths.PaddleClassifier, Text("hello.png"), "--out", png, "--raw", raw, .. PaddlePreprocessing]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var grids = Directory.GetFiles(png, "*.png");
        var arrays = Directory.GetFiles(raw, "*.npy");
        Assert.True(grids.Length > 50, $"only {grids.Length} grids");
        Assert.Equal(grids.Length, arrays.Length);
        var grid = ImageDecoder.Decode(grids[0]);
        Assert.True(grid.Width > 100);
        Assert.Contains("Sparsity", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Activations_NamedLayer_WritesOnlyThatLayer()
    {
        var model = OnnxModel.Load(RepoPaths.PaddleClassifier);
        var conv = model.Graph.Nodes.First(n => n.OpType == "Conv");
        var raw = Path.Combine(temp.Path, "raw");

        var result = ToolProcess.Run(["activations", RepoPaths.PaddleClassifier, Text("hello.png"), "--layers", conv.DisplayName, "--raw", raw, .. PaddlePreprocessing]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var file = Assert.Single(Directory.GetFiles(raw));
        Assert.Equal(NpyName(conv.Outputs[0]), Path.GetFileName(file));
    }

    [Fact]
    public void Kernels_WritesTheFirstConvFilters()
    {
        var file = temp.File("kernels.png");

        var result = ToolProcess.Run("kernels", RepoPaths.PaddleClassifier, "--out", file);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var image = ImageDecoder.Decode(file);
        Assert.True(image.Width > 8 && image.Height > 8);
    }

    [Fact]
    public void Doctor_ReportsOnnxRuntime130AndTheAutoChoice()
    {
        var result = ToolProcess.Run("doctor");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("1.30.0", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("CPUExecutionProvider", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("cpu", result.Stdout, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void MissingModel_ExitsTwoWithOneLine()
    {
        var result = ToolProcess.Run("summary", temp.File("nope.onnx"));

        AssertOneLineError(result, "nope.onnx");
    }

    [Fact]
    public void CorruptModel_ExitsTwoWithOneLine()
    {
        var file = temp.File("corrupt.onnx");
        var bytes = File.ReadAllBytes(RepoPaths.PaddleClassifier);
        File.WriteAllBytes(file, bytes.AsSpan(0, bytes.Length / 3).ToArray());

        var result = ToolProcess.Run("summary", file);

        AssertOneLineError(result, "corrupt.onnx");
    }

    [Fact]
    public void NonImage_ExitsTwoWithOneLine()
    {
        var file = temp.File("notes.png");
        File.WriteAllText(file, "this is not a picture");

        var result = ToolProcess.Run(["predict", RepoPaths.PaddleClassifier, file, .. PaddlePreprocessing]);

        AssertOneLineError(result, "notes.png");
    }

    [Fact]
    public void DynamicModelWithoutSize_ExitsTwoAskingForSize()
    {
        var model = temp.File("dynamic.onnx");
        var builder = new ModelBuilder(opset: 13, seed: 3);
        var x = builder.Input("x", -1, 3, -1, -1);
        builder.Output(builder.Relu(builder.Conv(x, outChannels: 2, kernel: 3, pad: 1)));
        builder.Save(model);

        var result = ToolProcess.Run("predict", model, Text("hello.png"), "--device", "cpu");

        AssertOneLineError(result, "--size");
    }

    [Fact]
    public void DynamicModelWithSize_Runs()
    {
        var model = temp.File("dynamic.onnx");
        var builder = new ModelBuilder(opset: 13, seed: 3);
        var x = builder.Input("x", -1, 3, -1, -1);
        builder.Output(builder.Flatten(builder.GlobalAveragePool(builder.Conv(x, outChannels: 4, kernel: 3, pad: 1)), axis: 1));
        builder.Save(model);

        var result = ToolProcess.Run("predict", model, Text("hello.png"), "--size", "32x16", "--json", "--device", "cpu");

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(4, json.RootElement[0].GetProperty("top").GetArrayLength());
    }

    [Fact]
    public void BadOption_ExitsTwo()
    {
        var result = ToolProcess.Run("predict", RepoPaths.PaddleClassifier, Text("hello.png"), "--size", "192x48", "--resize", "sideways");

        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void BadSize_ExitsTwoNamingTheFlag()
    {
        var result = ToolProcess.Run("predict", RepoPaths.PaddleClassifier, Text("hello.png"), "--size", "big");

        AssertOneLineError(result, "--size");
    }

    private static string NpyName(string value) =>
        new string(value.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_').ToArray()) + ".npy";

    private static void AssertOneLineError(ToolProcess.Result result, string mention)
    {
        Assert.Equal(2, result.ExitCode);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("modelaudit: error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(mention, lines[0], StringComparison.Ordinal);
    }
}
