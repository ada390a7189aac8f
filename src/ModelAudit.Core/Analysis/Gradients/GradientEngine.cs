using ModelAudit.Core.Models;
using ModelAudit.Onnx.Autodiff;
using ModelAudit.Onnx.Autodiff.Fused;
using ModelAudit.Runtime;

namespace ModelAudit.Core.Analysis.Gradients;

/// <summary>
/// Computes d score / d (activations or input) for a batch. Models at opset 13..17 run one fused model (forward
/// and backward in one graph, one session, one Run; only the scored value, the requested activations and the
/// gradients come back). Other opsets run the two-model scheme of GRADIENTS.md. Models and sessions are cached
/// per (request, input shape, seed kind), so repeated batches only run. Owned by <see cref="PreparedModel"/>.
/// </summary>
public sealed class GradientEngine : IDisposable
{
    private readonly ModelRunner runner;
    private readonly SessionSettings settings;
    private readonly Dictionary<string, FusedGradients> fused = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TwoModelGradients> twoModel = new(StringComparer.Ordinal);

    public GradientEngine(ModelRunner runner, SessionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(settings);
        this.runner = runner;
        this.settings = GradientSessionSettings.For(runner.Model, settings);
        Fuses = FusedGradientBuilder.CanFuse(runner.Model);
        // Another setting (a quantized model's fusions off) computes other forward values than the plain session.
        CanExpose = Fuses && ReferenceEquals(this.settings, settings);
    }

    /// <summary>Which device a session of this engine runs on and why; null before its first run opened one.</summary>
    public string? DeviceReport =>
        fused.Values.Select(s => s.DeviceReport).Concat(twoModel.Values.Select(p => p.DeviceReport)).FirstOrDefault();

    /// <summary>Whether this model's gradients run as one fused model (default-domain opset 13..17).</summary>
    public bool Fuses { get; }

    /// <summary>
    /// Whether <see cref="Run(FloatTensor, string, IReadOnlyList{string}, GradientSeed, IReadOnlyList{string}, bool)"/> can return
    /// forward values from its own pass that equal the plain model's: the fused model runs with the plain session's settings.
    /// </summary>
    internal bool CanExpose { get; }

    /// <summary>
    /// d score / d each of <paramref name="withRespectTo"/> for the batch <paramref name="input"/>, where the score
    /// is the scored value weighted by <paramref name="seed"/>. The result's values hold the scored value and the
    /// requested activations (a requested graph input is the tensor fed).
    /// </summary>
    public GradientResult Run(FloatTensor input, string scoredValue, IReadOnlyList<string> withRespectTo, GradientSeed seed, bool guided = false) =>
        Run(input, scoredValue, withRespectTo, seed, guided, [], fetchExposed: false);

    /// <summary>
    /// As <see cref="Run(FloatTensor, string, IReadOnlyList{string}, GradientSeed, bool)"/>, on a fused model that also outputs the
    /// forward values <paramref name="exposed"/> (one session for every run with the same list); a run with
    /// <paramref name="fetchExposed"/> returns them among its values. A model that runs two models returns none: check
    /// <see cref="CanExpose"/> or the values.
    /// </summary>
    internal GradientResult Run(FloatTensor input, string scoredValue, IReadOnlyList<string> withRespectTo, GradientSeed seed,
        IReadOnlyList<string> exposed, bool fetchExposed) => Run(input, scoredValue, withRespectTo, seed, guided: false, exposed, fetchExposed);

    private GradientResult Run(FloatTensor input, string scoredValue, IReadOnlyList<string> withRespectTo, GradientSeed seed, bool guided,
        IReadOnlyList<string> exposed, bool fetchExposed)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(withRespectTo);
        ArgumentNullException.ThrowIfNull(seed);
        var shapes = runner.ValueShapes(input.Shape);
        var request = new GradientRequest(withRespectTo, scoredValue, guided);
        var key = $"{string.Join('\u001f', withRespectTo)}\u001e{scoredValue}\u001e{guided}\u001e{string.Join(',', input.Shape)}";
        var fusable = Fuses && (seed.Kind == SeedKind.Tensor || (shapes.TryGetValue(scoredValue, out var s) && s.Length >= 2));
        if (fusable)
        {
            key += $"\u001e{seed.Kind}\u001e{string.Join('\u001f', exposed)}";
            if (!fused.TryGetValue(key, out var session))
            {
                var model = Build(() => FusedGradientBuilder.Build(runner.Model, request, shapes, seed.Kind, exposed));
                session = new FusedGradients(model, Guard(() => InferenceSession.Open(model.Model, runner.Name + " (gradients)", settings)),
                    runner.Input.Name, runner.Path, withRespectTo.ToList(), exposed);
                fused[key] = session;
            }

            return Guard(() => session.Run(input, shapes[scoredValue], seed, fetchExposed));
        }

        if (!twoModel.TryGetValue(key, out var pair))
        {
            var plan = Build(() => GradientBuilder.Build(runner.Model, request, shapes));
            pair = OpenTwoModel(plan);
            twoModel[key] = pair;
        }

        return Guard(() => pair.Run(input, scoredValue, withRespectTo, seed));
    }

    public void Dispose()
    {
        foreach (var session in fused.Values)
        {
            session.Dispose();
        }

        foreach (var pair in twoModel.Values)
        {
            pair.Dispose();
        }

        fused.Clear();
        twoModel.Clear();
    }

    private TwoModelGradients OpenTwoModel(GradientPlan plan)
    {
        var forward = Guard(() => InferenceSession.Open(plan.Forward.ToBytes(), runner.Name, settings));
        try
        {
            // The backward session runs right after the forward one: if its idle threads spun they would
            // steal the cores the next forward run needs (measured: Grad-CAM 1.46x -> 1.25x plain inference).
            var backward = Guard(() => InferenceSession.Open(plan.BackwardModel, runner.Name + " (backward)", settings with { AllowSpinning = false }));
            return new TwoModelGradients(plan, forward, backward, runner.Input.Name, runner.Path);
        }
        catch
        {
            forward.Dispose();
            throw;
        }
    }

    private static T Build<T>(Func<T> build)
    {
        try
        {
            return build();
        }
        catch (UnsupportedGradientException e)
        {
            throw new ModelAuditException(e.Message, e);
        }
    }

    private T Guard<T>(Func<T> run)
    {
        try
        {
            return run();
        }
        catch (OrtException e)
        {
            throw new ModelAuditException($"{runner.Path}: ONNX Runtime failed while computing gradients: {e.Message}", e);
        }
    }
}
