using ModelAudit.Core.Models;
using ModelAudit.Runtime;

namespace ModelAudit.Core.Analysis.Occlusion;

/// <summary>
/// Forward runs that return only the scored value. When that value is inside the graph (a logit before
/// Softmax) it gets a session of its own that exposes just it, rather than every intermediate.
/// </summary>
internal sealed class ScoreSession : IDisposable
{
    private readonly ModelRunner runner;
    private readonly string value;
    private readonly InferenceSession? own;

    public ScoreSession(ModelRunner runner, string value, SessionSettings settings)
    {
        this.runner = runner;
        this.value = value;
        if (runner.Session.Outputs.All(o => o.Name != value))
        {
            own = Guard(() => InferenceSession.Open(runner.Model.WithOutputs([value]).ToBytes(), runner.Name, settings));
        }
    }

    public FloatTensor Run(FloatTensor input) => own is null
        ? runner.Run(input, [value])[0]
        : Guard(() => own.Run(new Dictionary<string, FloatTensor> { [runner.Input.Name] = input }, [value])[0]);

    public void Dispose() => own?.Dispose();

    private T Guard<T>(Func<T> run)
    {
        try
        {
            return run();
        }
        catch (OrtException e)
        {
            throw new ModelAuditException($"{runner.Path}: ONNX Runtime failed: {e.Message}", e);
        }
    }
}
