using ModelAudit.Core.Analysis.Cams;
using ModelAudit.Core.Analysis.Gradients;
using ModelAudit.Core.Models;
using ModelAudit.Onnx.Autodiff;
using ModelAudit.Runtime;

namespace ModelAudit.Core.Tests.Architectures;

/// <summary>
/// Gradients of the tiny architecture fixtures (torch.onnx.export at opsets 13 and 17, the fp16/QDQ CNNs also at 11;
/// shapes computed at run time) against torch autograd in float64: saliency, the mid and last layers' gradients, and every Grad-CAM family map.
/// </summary>
public sealed class ArchitectureFidelityTests
{
    private const double Required = 0.9999;

    private static readonly SessionSettings Cpu = new() { Device = ExecutionDevice.Cpu };

    public static TheoryData<string, string> Models()
    {
        var data = new TheoryData<string, string>();
        foreach (var fixture in ArchitectureFixtures.All)
        {
            foreach (var model in fixture.Models)
            {
                data.Add(fixture.Name, model);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Gradients_TinyArchitecture_MatchTorchFloat64(string name, string file)
    {
        var fixture = ArchitectureFixtures.Get(name);
        var (input, inputShape) = ArchitectureFixtures.Array(name, "input");
        var (seed, _) = ArchitectureFixtures.Array(name, "seed");
        using var runner = ModelRunner.Open(Path.Combine(ArchitectureFixtures.Folder, file), Cpu);
        using var engine = new GradientEngine(runner, Cpu);
        string[] layers = ["mid", "last"];

        // Opset 13 and 17 run the fused gradient model, opset 11 (the reduced-precision CNNs) the two-model path.
        Assert.Equal(!file.Contains(".opset11.", StringComparison.Ordinal), engine.Fuses);
        var result = engine.Run(new FloatTensor(input, inputShape), fixture.Output, [fixture.Input, .. layers], GradientSeed.Weights(_ => seed));

        var grids = new LayerGridResolver(runner.Model.Graph, runner.ValueShapes(inputShape), LayerHints.None, inputIsChannelsLast: false);
        var failures = new List<string>();
        void Compare(string what, float[] actual, float[] expected)
        {
            var cosine = Cosine(actual, expected);
            if (!(cosine >= Required))
            {
                failures.Add($"{what}: cosine {cosine:F6}");
            }
        }

        Compare("logits", result.Values[fixture.Output].Data, ArchitectureFixtures.Array(name, "logits").Data);
        Compare("saliency", result.Gradients[fixture.Input].Data, ArchitectureFixtures.Array(name, "saliency").Data);
        foreach (var layer in layers)
        {
            var activation = result.Values[layer];
            var gradient = result.Gradients[layer];
            Compare($"{layer} activation", activation.Data, ArchitectureFixtures.Array(name, layer + "_activation").Data);
            Compare($"{layer} gradient", gradient.Data, ArchitectureFixtures.Array(name, layer + "_gradient").Data);
            // The layer is read as a map the way `cam` reads it (no --layout-of-layer or --grid given), and that
            // must be the layout the reference was computed with.
            var grid = grids.Resolve(file, layer, activation.Shape);
            Assert.Equal(fixture.Layouts[layer], grid.Layout switch
            {
                LayerLayout.Tokens => $"tokens:{grid.SkippedTokens}",
                var other => LayerLayouts.Name(other),
            });
            var a = grid.ChannelMajor(activation.Data);
            var g = grid.ChannelMajor(gradient.Data);
            foreach (var method in new[] { CamMethod.GradCam, CamMethod.GradCamPlusPlus, CamMethod.HiResCam, CamMethod.XGradCam, CamMethod.LayerCam })
            {
                var map = GradientCams.For(method).Map(a, g, grid.Channels, grid.Plane);
                var methodName = CamMethods.Name(method).Replace("-", string.Empty, StringComparison.Ordinal).Replace("+", "plus", StringComparison.Ordinal);
                Compare($"{layer} {methodName}", map, ArchitectureFixtures.Array(name, $"{layer}_{methodName}").Data);
            }
        }

        Assert.True(failures.Count == 0, $"{file}: {string.Join("; ", failures)}");
    }

    private static double Cosine(float[] a, float[] b)
    {
        Assert.Equal(b.Length, a.Length);
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }

        // Two all-zero maps (a ReLU'd CAM with no positive evidence) agree.
        return na == 0 && nb == 0 ? 1 : dot / Math.Sqrt(na * nb);
    }
}
