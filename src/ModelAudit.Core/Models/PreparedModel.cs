using ModelAudit.Core.Analysis.Gradients;
using ModelAudit.Core.Preprocessing;
using ModelAudit.Runtime;

namespace ModelAudit.Core.Models;

/// <summary>
/// A model opened together with the preprocessing its image input needs: what every analysis starts from. It owns
/// the model's sessions: the plain one (through <see cref="Runner"/>) and the gradient sessions (through
/// <see cref="Gradients"/>), so analyses of one model share them and disposing the prepared model releases all.
/// </summary>
public sealed class PreparedModel : IDisposable
{
    private readonly SessionSettings settings;
    private GradientEngine? gradients;

    private PreparedModel(ModelRunner runner, PreprocessSpec spec, SessionSettings settings)
    {
        Runner = runner;
        Spec = spec;
        this.settings = settings;
    }

    public ModelRunner Runner { get; }

    public PreprocessSpec Spec { get; }

    /// <summary>The model's gradient engine, created on first use and shared by every analysis of this model.</summary>
    public GradientEngine Gradients => gradients ??= new GradientEngine(Runner, settings);

    public static PreparedModel Open(string path, PreprocessOverrides preprocessing, SessionSettings settings,
        string? inputName = null, string? outputName = null)
    {
        var runner = ModelRunner.Open(path, settings, inputName, outputName);
        try
        {
            var spec = PreprocessResolver.Resolve(preprocessing, runner.Input.Name, runner.Input.Shape,
                runner.Model.Metadata, runner.Path);
            return new PreparedModel(runner, spec, settings);
        }
        catch
        {
            runner.Dispose();
            throw;
        }
    }

    /// <summary>The input shape for a batch of <paramref name="batch"/> images.</summary>
    public long[] InputShape(int batch) => Preprocessor.Shape(Spec, batch);

    public void Dispose()
    {
        gradients?.Dispose();
        gradients = null;
        Runner.Dispose();
    }
}
