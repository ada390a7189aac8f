using ModelAudit.Onnx.Autodiff;
using ModelAudit.Onnx.Autodiff.Fused;
using ModelAudit.Runtime;

namespace ModelAudit.Onnx.Tests.Autodiff;

/// <summary>
/// Checks a backward model against central finite differences of the forward model: with f(x) = &lt;Y, r&gt; for a
/// random r (also the seed) and a random direction v, &lt;dX, v&gt; must match (f(x + eps v) - f(x - eps v)) / 2eps,
/// accumulated in float64. Models at opset 13..17 are also differentiated by the fused model (forward and
/// backward in one graph), whose &lt;dX, v&gt; must match the same finite differences.
/// </summary>
internal static class GradientChecker
{
    public sealed record Result(double Analytic, double Numeric, double Magnitude, float[] Gradient, GradientPlan Plan)
    {
        /// <summary>&lt;dX, v&gt; from the fused model, when the model's opset allows fusing.</summary>
        public double? FusedAnalytic { get; init; }

        public double? FusedError => FusedAnalytic is { } fused
            ? Math.Abs(fused - Numeric) / Math.Max(Math.Max(Math.Abs(fused), Math.Abs(Numeric)), 0.1 * Magnitude + 1e-9)
            : null;

        /// <summary>Relative error, measured against the larger of the two and the scale of the terms summed.</summary>
        public double Error => Math.Abs(Analytic - Numeric) / Math.Max(Math.Max(Math.Abs(Analytic), Math.Abs(Numeric)), 0.1 * Magnitude + 1e-9);

        public override string ToString() =>
            $"analytic {Analytic:G6}, numeric {Numeric:G6}, magnitude {Magnitude:G6}, error {Error:G3}, fused {FusedAnalytic:G6} (error {FusedError:G3})";
    }

    public static Dictionary<string, long[]> StaticShapes(OnnxModel model, IReadOnlyDictionary<string, FloatTensor> inputs)
    {
        var values = model.Graph.Nodes.SelectMany(n => n.Outputs).Where(o => o.Length > 0).Distinct().ToList();
        using var session = InferenceSession.Open(model.WithOutputs(values).ToBytes(), model.SourceName);
        var results = session.Run(inputs, values);
        var shapes = new Dictionary<string, long[]>(StringComparer.Ordinal);
        for (var i = 0; i < values.Count; i++)
        {
            shapes[values[i]] = results[i].Shape;
        }

        foreach (var (name, tensor) in inputs)
        {
            shapes[name] = tensor.Shape;
        }

        return shapes;
    }

    public static float[] RandomData(Random random, long count, double scale = 1)
    {
        var data = new float[count];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = (float)(((random.NextDouble() * 2) - 1) * scale);
        }

        return data;
    }

    /// <summary>Runs the plan: forward with the extra outputs, then the backward model fed with them and the seed.</summary>
    public static Dictionary<string, FloatTensor> RunPlan(GradientPlan plan, IReadOnlyDictionary<string, FloatTensor> inputs, FloatTensor seed)
    {
        using var forward = InferenceSession.Open(plan.Forward.ToBytes(), "forward");
        var forwardResults = forward.Run(inputs, plan.ForwardOutputs);
        var byName = plan.ForwardOutputs.Zip(forwardResults).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
        var feeds = plan.BackwardInputs.ToDictionary(n => n, n => byName[n], StringComparer.Ordinal);
        feeds[plan.SeedInput] = seed;
        using var backward = InferenceSession.Open(plan.BackwardModel, "backward");
        var names = plan.GradientOutputs.Values.ToList();
        var gradients = backward.Run(feeds, names);
        return plan.GradientOutputs.Keys.Zip(gradients).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
    }

    public static Result Check(
        OnnxModel model, string input, long[] inputShape, string scored, int seed, double epsilon = 1e-3, bool guided = false, float inputScale = 1f)
    {
        var random = new Random(seed);
        var x = RandomData(random, inputShape.Aggregate(1L, (a, b) => a * b), inputScale);
        return Check(model, input, new FloatTensor(x, inputShape), scored, random, epsilon, guided);
    }

    /// <param name="weights">The score's weights r (default random), e.g. a mask for a segmentation score.</param>
    public static Result Check(
        OnnxModel model, string input, FloatTensor x, string scored, Random random, double epsilon, bool guided = false, float[]? weights = null)
    {
        var shapes = StaticShapes(model, new Dictionary<string, FloatTensor> { [input] = x });
        var plan = GradientBuilder.Build(model, new GradientRequest([input], scored, guided), shapes);
        var yShape = shapes[scored];
        var r = weights ?? RandomData(random, yShape.Aggregate(1L, (a, b) => a * b));
        var v = RandomData(random, x.ElementCount);

        var gradient = RunPlan(plan, new Dictionary<string, FloatTensor> { [input] = x }, new FloatTensor(r, yShape))[input].Data;
        double analytic = 0, magnitude = 0;
        for (var i = 0; i < v.Length; i++)
        {
            analytic += (double)gradient[i] * v[i];
            magnitude += Math.Abs((double)gradient[i] * v[i]);
        }

        using var session = InferenceSession.Open(model.WithOutputs([scored]).ToBytes(), model.SourceName);
        double Score(double step)
        {
            var shifted = new float[v.Length];
            for (var i = 0; i < v.Length; i++)
            {
                shifted[i] = (float)(x.Data[i] + (step * v[i]));
            }

            var y = session.Run(new Dictionary<string, FloatTensor> { [input] = new FloatTensor(shifted, x.Shape) }, [scored])[0].Data;
            double sum = 0;
            for (var i = 0; i < y.Length; i++)
            {
                sum += (double)y[i] * r[i];
            }

            return sum;
        }

        var numeric = (Score(epsilon) - Score(-epsilon)) / (2 * epsilon);
        double? fusedAnalytic = null;
        if (FusedGradientBuilder.CanFuse(model))
        {
            var fusedGradient = RunFused(model, new GradientRequest([input], scored, guided), shapes, input, x, new FloatTensor(r, yShape))[input].Data;
            fusedAnalytic = Enumerable.Range(0, v.Length).Sum(i => (double)fusedGradient[i] * v[i]);
        }

        return new Result(analytic, numeric, magnitude, gradient, plan) { FusedAnalytic = fusedAnalytic };
    }

    /// <summary>Builds the fused model with a fed seed and runs it once: gradients by requested value.</summary>
    public static Dictionary<string, FloatTensor> RunFused(
        OnnxModel model, GradientRequest request, IReadOnlyDictionary<string, long[]> shapes, string input, FloatTensor x, FloatTensor seed)
    {
        var fused = FusedGradientBuilder.Build(model, request, shapes, SeedKind.Tensor);
        using var session = InferenceSession.Open(fused.Model, "fused");
        var names = request.WithRespectTo.Select(v => fused.GradientOutputs[v]).ToList();
        var results = session.Run(new Dictionary<string, FloatTensor> { [input] = x, [fused.SeedInput!] = seed }, names);
        return request.WithRespectTo.Zip(results).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);
    }

    public static void AssertMatches(Result result, double tolerance = 1e-2)
    {
        Assert.True(result.Error <= tolerance, result.ToString());
        Assert.True(result.FusedError is null || result.FusedError <= tolerance, result.ToString());
    }
}
