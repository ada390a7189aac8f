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

    /// <summary>
    /// Which device the model runs on and why, read from a session already opened for real work (the plain one or
    /// an exposing one, else a gradient session); the plain session is opened for it only when nothing has run.
    /// A gradient-only audit of a ResNet-18 spent 1-2 s opening the plain session just to print "cpu".
    /// </summary>
    public string DeviceReport => Runner.OpenedDeviceReport ?? gradients?.DeviceReport ?? Runner.Session.DeviceReport;

    /// <summary>The input shape for a batch of <paramref name="batch"/> images.</summary>
    public long[] InputShape(int batch) => Preprocessor.Shape(Spec, batch);

    public void Dispose()
    {
        gradients?.Dispose();
        gradients = null;
        Runner.Dispose();
    }
}
