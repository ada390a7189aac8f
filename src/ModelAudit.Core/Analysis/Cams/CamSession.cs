using ModelAudit.Onnx;
using ModelAudit.Runtime;

namespace ModelAudit.Core.Analysis.Cams;

/// <summary>
/// A session over a (possibly edited) copy of the model that returns exactly the values a CAM needs,
/// so the many masked runs of Score-CAM and Ablation-CAM copy out nothing else.
/// </summary>
internal sealed class CamSession : IDisposable
{
    private readonly InferenceSession session;
    private readonly string path;

    private CamSession(InferenceSession session, IReadOnlyList<string> outputs, string path)
    {
        this.session = session;
        this.path = path;
        Outputs = outputs;
    }

    public IReadOnlyList<string> Outputs { get; }

    public static CamSession Open(OnnxModel model, IReadOnlyList<string> outputs, string path, SessionSettings settings)
    {
        var exposed = model.WithOutputs(outputs);
        return new CamSession(Guard(() => InferenceSession.Open(exposed.ToBytes(), Path.GetFileName(path), settings), path), outputs, path);
    }

    public IReadOnlyList<FloatTensor> Run(IReadOnlyDictionary<string, FloatTensor> feeds) => Run(feeds, Outputs);

    /// <summary>Runs and reads only <paramref name="outputs"/> (some of <see cref="Outputs"/>).</summary>
    public IReadOnlyList<FloatTensor> Run(IReadOnlyDictionary<string, FloatTensor> feeds, IReadOnlyList<string> outputs) =>
        Guard(() => session.Run(feeds, outputs), path);

    public void Dispose() => session.Dispose();

    private static T Guard<T>(Func<T> run, string path)
    {
        try
        {
            return run();
        }
        catch (OrtException e)
        {
            throw new ModelAuditException($"{path}: ONNX Runtime failed while computing a CAM: {e.Message}", e);
        }
    }
}
