using System.Text;
using System.Text.Json;
using ModelAudit.Imaging;
using ModelAudit.Onnx;
using ModelAudit.TestSupport;

namespace ModelAudit.Tool.Tests;

/// <summary>`modelaudit filters` end to end as a process: grid PNG, JSON, raw tensors, exit codes, one-line errors.</summary>
public sealed class FiltersCommandTests : IDisposable
{
    private static readonly string[] PaddleNormalization = ["--mean", "0.5,0.5,0.5", "--std", "0.5,0.5,0.5", "--device", "cpu"];

    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    private static string MiddleConv()
    {
        var convs = OnnxModel.Load(RepoPaths.PaddleClassifier).Graph.Nodes.Where(n => n.OpType == "Conv").ToList();
        return convs[convs.Count / 2].DisplayName;
    }

    /// <summary>conv (6 channels, "c1") -> relu -> global pool -> gemm (3 classes), with the given input dims.</summary>
    private string SmallNet(string name, long[] inputShape)
    {
        var path = temp.File(name);
        var b = new ModelBuilder(opset: 13, seed: 5);
        var x = b.Input("x", inputShape);
        var h = b.Relu(b.Conv(x, outChannels: 6, kernel: 3, pad: 1, name: "c1"));
        b.Output(b.Gemm(b.Flatten(b.GlobalAveragePool(h), axis: 1), 3, name: "head"));
        b.Save(path);
        return path;
    }

    private static JsonElement[] Filters(JsonDocument json) => json.RootElement.GetProperty("filters").EnumerateArray().ToArray();

    private static string NpyShape(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.Equal("\x93NUMPY", Encoding.Latin1.GetString(bytes, 0, 6));
        var header = Encoding.ASCII.GetString(bytes, 10, BitConverter.ToUInt16(bytes, 8));
        Assert.Contains("'descr': '<f4'", header, StringComparison.Ordinal);
        var start = header.IndexOf("'shape': ", StringComparison.Ordinal) + 9;
        return header[start..(header.IndexOf(')', start) + 1)];
    }

    private static void AssertOneLineError(ToolProcess.Result result, string mention)
    {
        Assert.Equal(2, result.ExitCode);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("modelaudit: error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(mention, lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Filters_PaddleMiddleConv_WritesGridJsonAndRawTensors()
    {
        var png = temp.File("grid.png");
        var raw = Path.Combine(temp.Path, "raw");

        var result = ToolProcess.Run(["filters", RepoPaths.PaddleClassifier, "--layer", MiddleConv(), "--filters", "0-8,12", "--size", "48",
            "--steps", "3", "--out", png, "--raw", raw, "--json", .. PaddleNormalization]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var filters = Filters(json);
        Assert.Equal([0, 1, 2, 3, 4, 5, 6, 7, 8, 12], filters.Select(f => f.GetProperty("index").GetInt32()));
        Assert.All(filters, f => Assert.True(f.GetProperty("objectiveLast").GetSingle() > f.GetProperty("objectiveFirst").GetSingle(), f.ToString()));
        Assert.Equal(48, json.RootElement.GetProperty("width").GetInt32());
        // 10 tiles of 48 px, 8 a row, 5 px margins between and around: 8*48 + 9*5 by 2*48 + 3*5.
        var grid = ImageDecoder.Decode(png);
        Assert.Equal((429, 111), (grid.Width, grid.Height));
        Assert.Equal([0, 0, 0], grid.Pixels[..3]);
        Assert.Equal(10, Directory.GetFiles(raw, "*.npy").Length);
        Assert.Equal("(3, 48, 48)", NpyShape(Path.Combine(raw, "filter-12.npy")));
    }

    [Fact]
    public void Filters_PaddleClassModel_RaisesBothLogits()
    {
        var result = ToolProcess.Run(["filters", RepoPaths.PaddleClassifier, "--class", "0-1", "--size", "48", "--steps", "3", "--json", .. PaddleNormalization]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("class", json.RootElement.GetProperty("kind").GetString());
        var filters = Filters(json);
        Assert.Equal([0, 1], filters.Select(f => f.GetProperty("index").GetInt32()));
        Assert.All(filters, f => Assert.True(f.GetProperty("objectiveLast").GetSingle() > f.GetProperty("objectiveFirst").GetSingle(), f.ToString()));
    }

    [Fact]
    public void Filters_DynamicModelWithoutSize_UsesSixtyFourAndEveryChannel()
    {
        var model = SmallNet("dynamic.onnx", [-1, 3, -1, -1]);

        var result = ToolProcess.Run("filters", model, "--layer", "c1", "--steps", "2", "--json", "--device", "cpu");

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(64, json.RootElement.GetProperty("width").GetInt32());
        Assert.Equal(64, json.RootElement.GetProperty("height").GetInt32());
        Assert.Equal([0, 1, 2, 3, 4, 5], Filters(json).Select(f => f.GetProperty("index").GetInt32()));
    }

    [Fact]
    public void Filters_FixedSizeBatchOfOne_KeepsTheModelSizeAndWritesATable()
    {
        var model = SmallNet("fixed.onnx", [1, 3, 20, 12]);
        var png = temp.File("fixed.png");

        var result = ToolProcess.Run("filters", model, "--layer", "c1", "--filters", "1,4", "--steps", "2", "--out", png, "--device", "cpu");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("Objective last", result.Stdout, StringComparison.Ordinal);
        var grid = ImageDecoder.Decode(png);
        // Two tiles of 12x20 in one row: 2*12 + 3*5 by 20 + 2*5.
        Assert.Equal((39, 30), (grid.Width, grid.Height));
    }

    [Fact]
    public void Filters_SameSeed_SameBytes()
    {
        var model = SmallNet("seeded.onnx", [-1, 3, -1, -1]);
        string[] args = ["filters", model, "--layer", "c1", "--filters", "0-2", "--size", "16", "--steps", "3", "--robust", "--device", "cpu"];
        var first = temp.File("a.png");
        var second = temp.File("b.png");

        var a = ToolProcess.Run([.. args, "--out", first]);
        var b = ToolProcess.Run([.. args, "--out", second]);

        Assert.True(a.ExitCode == 0 && b.ExitCode == 0, a.Stderr + b.Stderr);
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
    }

    [Fact]
    public void Filters_FilterPastTheChannelCount_OneLineErrorNamingTheCount()
    {
        var model = SmallNet("count.onnx", [-1, 3, -1, -1]);

        var result = ToolProcess.Run("filters", model, "--layer", "c1", "--filters", "0-7", "--size", "16", "--device", "cpu");

        AssertOneLineError(result, "6 channels");
    }

    [Theory]
    [InlineData(new[] { "--steps", "2" }, "--layer")]
    [InlineData(new[] { "--layer", "c1", "--class", "0" }, "exclude each other")]
    [InlineData(new[] { "--layer", "c1", "--filters", "3-1" }, "--filters")]
    [InlineData(new[] { "--class", "0", "--filters", "1" }, "--filters")]
    [InlineData(new[] { "--class", "5" }, "3 classes")]
    [InlineData(new[] { "--layer", "nope" }, "'nope'")]
    [InlineData(new[] { "--layer", "c1", "--size", "16x8" }, "square")]
    public void Filters_BadRequests_ExitTwoWithOneLine(string[] extra, string mention)
    {
        var model = SmallNet("bad.onnx", [-1, 3, -1, -1]);

        var result = ToolProcess.Run(["filters", model, "--device", "cpu", .. extra]);

        AssertOneLineError(result, mention);
    }
}
