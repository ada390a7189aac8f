using System.Collections.Concurrent;

namespace ModelAudit.Onnx.Autodiff;

/// <summary>
/// Plans keyed by (model hash, request, input shapes): a backward model depends on the static shapes, so a new input
/// size needs a new plan, while repeated images of one size reuse it.
/// </summary>
public sealed class GradientPlanCache
{
    private readonly ConcurrentDictionary<string, Lazy<GradientPlan>> _plans = new(StringComparer.Ordinal);

    public int Count => _plans.Count;

    /// <summary>The cached plan, or a new one built with <see cref="GradientBuilder.Build"/>.</summary>
    /// <param name="model">The forward model.</param>
    /// <param name="request">What to differentiate.</param>
    /// <param name="staticShapes">Every value's concrete shape (only the graph inputs' shapes enter the key: they
    /// determine all others).</param>
    public GradientPlan GetOrBuild(OnnxModel model, GradientRequest request, IReadOnlyDictionary<string, long[]> staticShapes)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(staticShapes);
        var inputShapes = model.Graph.Inputs
            .Select(i => $"{i.Name}=[{string.Join(',', staticShapes.TryGetValue(i.Name, out var s) ? s : [])}]");
        var key = $"{model.Sha256}\u001d{request.Key}\u001d{string.Join(';', inputShapes)}";
        var lazy = _plans.GetOrAdd(key, _ => new Lazy<GradientPlan>(() => GradientBuilder.Build(model, request, staticShapes)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            // A failed build (e.g. an unsupported operator) is not cached, so a fixed model can be retried.
            _plans.TryRemove(key, out _);
            throw;
        }
    }

    public void Clear() => _plans.Clear();
}
