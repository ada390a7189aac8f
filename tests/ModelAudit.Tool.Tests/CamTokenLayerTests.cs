using ModelAudit.Imaging;
using ModelAudit.Onnx;
using ModelAudit.TestSupport;

namespace ModelAudit.Tool.Tests;

/// <summary>`modelaudit cam` on a ViT-shaped model built here: tokens [1, 1 + 2x2, 2] from a 2x2/stride-2 patch Conv.</summary>
public sealed class CamTokenLayerTests : IDisposable
{
    private readonly TempDir temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public void Cam_AutoOnTokenModel_DropsTheClassTokenAndSaysSo()
    {
        var raw = temp.File("raw");

        var result = ToolProcess.Run(["cam", TokenModel(), Ramp(), "--scale", "1", "--class", "0", "--raw", raw, "--device", "cpu"]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("tokens (1 skipped, grid 2x2)", result.Stdout, StringComparison.Ordinal);
        var (header, values) = CamCommandTests.ReadNpy(Path.Combine(raw, "ramp.npy"));
        Assert.Contains("'shape': (2, 2)", header, StringComparison.Ordinal);
        // d logit0 / d token = (1, 2) / 5 everywhere; grid tokens (s, -tl) = (14,-1), (22,-3), (46,-9), (54,-11).
        Assert.Equal([2.4f, 3.2f, 5.6f, 6.4f], values.Select(v => MathF.Round(v, 4)));
    }

    [Fact]
    public void Cam_GridOption_ReshapesTheTokens()
    {
        var raw = temp.File("raw");

        var result = ToolProcess.Run(["cam", TokenModel(), Ramp(), "--scale", "1", "--class", "0", "--raw", raw, "--device", "cpu",
            "--grid", "1x4", "--layout-of-layer", "tokens"]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("'shape': (1, 4)", CamCommandTests.ReadNpy(Path.Combine(raw, "ramp.npy")).Header, StringComparison.Ordinal);
    }

    [Fact]
    public void Cam_LayoutThatDoesNotFit_OneLineErrorExit2()
    {
        var model = TokenModel(out var tokens);

        var result = ToolProcess.Run(["cam", model, Ramp(), "--scale", "1", "--device", "cpu", "--layer", tokens, "--layout-of-layer", "nhwc"]);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--layout-of-layer nhwc", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Activations_TokenLayer_DrawsItsGridTokensAsChannelMaps()
    {
        var model = TokenModel(out var tokens);
        var output = temp.File("grids");
        var raw = temp.File("raw");

        var result = ToolProcess.Run(["activations", model, Ramp(), "--scale", "1", "--out", output, "--raw", raw, "--device", "cpu"]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var grid = ImageDecoder.Decode(Path.Combine(output, tokens + ".png"));
        // Two channels of a 2x2 grid, drawn as two tiles side by side: wider than tall.
        Assert.True(grid.Width > grid.Height, $"{grid.Width}x{grid.Height}");
        // The raw file keeps the model's own layout: 5 tokens (class token included) x 2 channels.
        Assert.Contains("'shape': (5, 2)", CamCommandTests.ReadNpy(Path.Combine(raw, tokens + ".npy")).Header, StringComparison.Ordinal);
    }

    private string Ramp()
    {
        var px = new byte[4 * 4 * 4];
        for (var i = 0; i < 16; i++)
        {
            px[i * 4] = (byte)(i + 1);
            px[(i * 4) + 3] = 255;
        }

        var path = temp.File("ramp.png");
        File.WriteAllBytes(path, PngEncoder.Encode(new Image(4, 4, px)));
        return path;
    }

    /// <summary>Patch Conv (red sum, minus red top-left) -> tokens with a leading class token -> mean -> MatMul [[1,-1],[2,0.5]].</summary>
    private string TokenModel() => TokenModel(out _);

    private string TokenModel(out string tokenValue)
    {
        var b = new ModelBuilder(opset: 13);
        var x = b.Input("x", 1, 3, 4, 4);
        var weights = new float[24];
        for (var k = 0; k < 4; k++)
        {
            weights[k] = 1;
        }

        weights[12] = -1;
        var patches = b.Conv(x, outChannels: 2, kernel: 2, stride: 2, weights: weights, bias: [0, 0], name: "patch");
        var grid = b.Node("Transpose", [b.Reshape(patches, [1, 2, 4])], 1, ("perm", new long[] { 0, 2, 1 }))[0];
        b.SetShape(grid, 1, 4, 2);
        var tokens = b.Node("Pad", [grid, b.Int64Initializer("pads", [0, 1, 0, 0, 0, 0], 6), b.Initializer("cls", [0.5f])], 1)[0];
        b.SetShape(tokens, 1, 5, 2);
        tokenValue = tokens;
        var pooled = b.Node("ReduceMean", [tokens], 1, ("axes", new long[] { 1 }), ("keepdims", 0L))[0];
        b.SetShape(pooled, 1, 2);
        b.Output(b.MatMul(pooled, 2, weights: [1, -1, 2, 0.5f], name: "logits"));
        var path = temp.File("vit-tiny.onnx");
        b.Save(path);
        return path;
    }
}
