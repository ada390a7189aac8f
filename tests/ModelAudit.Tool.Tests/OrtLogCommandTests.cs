using ModelAudit.Onnx;
using ModelAudit.TestSupport;

namespace ModelAudit.Tool.Tests;

/// <summary>
/// ONNX Runtime's own log never reaches the console by itself: left alone it writes coloured lines to stderr
/// (a warning about an unused initializer, an error about a failing node) ahead of our one-line errors. With
/// --verbose its warnings and errors come through our sink as plain text.
/// </summary>
public sealed class OrtLogCommandTests : IDisposable
{
    private const string Unused = "unused_weight_5e1d";

    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    private string Model()
    {
        // The shortcut fixture's model plus an initializer no node reads: ORT warns about it at session creation.
        var b = new ModelBuilder(opset: 13, seed: 5);
        var x = b.Input("image", 1, 3, ShortcutFixture.Side, ShortcutFixture.Side);
        var features = b.Relu(b.Conv(x, outChannels: 2, kernel: 1, weights: [1, 0, 0, 0, 1, 0], bias: [0, 0], name: "features"), name: "features_relu");
        var pooled = b.Flatten(b.GlobalAveragePool(features, name: "pool"), axis: 1, name: "flat");
        b.Initializer(Unused, [1f, 2f], 2);
        b.Output(b.Gemm(pooled, 2, weights: [40, 0, -40, 0], bias: [0, 2], name: "logits"));
        var path = temp.File("model.onnx");
        b.Save(path);
        ShortcutFixture.WriteImage(temp.File("a.png"));
        return path;
    }

    [Fact]
    public void Predict_OrtFailsWhileRunning_StderrIsOnlyOurLine()
    {
        // 3x32x32 = 3072 values cannot be reshaped to rows of 7: ORT logs an error, then fails the run.
        var b = new ModelBuilder(opset: 13, seed: 5);
        var x = b.Input("image", ["1", "3", "H", "W"]);
        b.Output(b.Reshape(x, [-1, 7], name: "bad_reshape"));
        var model = temp.File("reshape.onnx");
        b.Save(model);
        ShortcutFixture.WriteImage(temp.File("a.png"));

        var quiet = ToolProcess.Run("predict", model, temp.File("a.png"), "--size", "32x32", "--device", "cpu");
        var verbose = ToolProcess.Run("predict", model, temp.File("a.png"), "--size", "32x32", "--device", "cpu", "--verbose");

        Assert.True(quiet.ExitCode == 2, quiet.Stdout + quiet.Stderr);
        var line = Assert.Single(quiet.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("modelaudit: error: ", line, StringComparison.Ordinal);
        Assert.Contains("bad_reshape", line, StringComparison.Ordinal);
        // The same run with --verbose shows that ORT did log before the error: the quiet run dropped it.
        Assert.Equal(2, verbose.ExitCode);
        var lines = verbose.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines[..^1], l => l.StartsWith("onnxruntime: ", StringComparison.Ordinal));
        Assert.Equal(line, lines[^1]);
        Assert.DoesNotContain(verbose.Stderr, c => char.IsControl(c) && c is not '\n');
    }

    [Fact]
    public void Predict_Verbose_OrtWarningIsOnePlainLine()
    {
        var model = Model();

        var quiet = ToolProcess.Run("predict", model, temp.File("a.png"), "--device", "cpu");
        var verbose = ToolProcess.Run("predict", model, temp.File("a.png"), "--device", "cpu", "--verbose");

        Assert.True(quiet.ExitCode == 0, quiet.Stderr);
        Assert.Equal("", quiet.Stderr);
        Assert.True(verbose.ExitCode == 0, verbose.Stderr);
        var warning = Assert.Single(verbose.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains(Unused, StringComparison.Ordinal));
        Assert.StartsWith("onnxruntime: ", warning, StringComparison.Ordinal);
        Assert.DoesNotContain(verbose.Stderr, c => char.IsControl(c) && c is not '\n');
    }
}
