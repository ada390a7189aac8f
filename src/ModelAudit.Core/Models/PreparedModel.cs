using ModelAudit.Core.Preprocessing;
using ModelAudit.Runtime;

namespace ModelAudit.Core.Models;

/// <summary>A model opened together with the preprocessing its image input needs: what every analysis starts from.</summary>
public sealed class PreparedModel : IDisposable
{
    private PreparedModel(ModelRunner runner, PreprocessSpec spec)
    {
        Runner = runner;
        Spec = spec;
    }

    public ModelRunner Runner { get; }

    public PreprocessSpec Spec { get; }

    public static PreparedModel Open(string path, PreprocessOverrides preprocessing, SessionSettings settings,
        string? inputName = null, string? outputName = null)
    {
        var runner = ModelRunner.Open(path, settings, inputName, outputName);
        try
        {
            var spec = PreprocessResolver.Resolve(preprocessing, runner.Input.Name, runner.Input.Shape,
                runner.Session.CustomMetadata, runner.Path);
            return new PreparedModel(runner, spec);
        }
        catch
        {
            runner.Dispose();
            throw;
        }
    }

    /// <summary>The input shape for a batch of <paramref name="batch"/> images.</summary>
    public long[] InputShape(int batch) => Preprocessor.Shape(Spec, batch);

    public void Dispose() => Runner.Dispose();
}
