using ModelAudit.Core.Analysis.Occlusion;
using ModelAudit.Core.Models;
using ModelAudit.Core.Preprocessing;
using ModelAudit.Imaging;
using ModelAudit.Imaging.Processing;
using ModelAudit.Runtime;

namespace ModelAudit.Core.Analysis.Faithfulness;

/// <summary>
/// Measures how faithful a map is to the model (Petsiuk et al. 2018; Chattopadhyay et al. 2018) with the plain
/// forward pass only: the input is perturbed in tensor space, and every step's copy of one image runs in the
/// same batches, so an image costs 2 * (Steps + 1) + 1 forward passes and no gradient.
/// </summary>
public sealed class FaithfulnessAnalyzer : IDisposable
{
    private readonly PreparedModel model;
    private readonly ScoreSession session;

    /// <summary>Decided from the graph (a final Softmax), not per row: logits such as [1, 0] look like probabilities.</summary>
    private readonly bool outputIsProbability;

    public FaithfulnessAnalyzer(PreparedModel model, SessionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(model);
        this.model = model;
        session = new ScoreSession(model.Runner, model.Runner.Output.Name, settings);
        outputIsProbability = ScoreValues.IsProbability(model.Runner.Model, model.Runner.Output.Name);
    }

    /// <summary>
    /// The curves and confidence change of <paramref name="cls"/>'s probability for <paramref name="image"/>, ranking
    /// the tensor's pixels by <paramref name="map"/> (any resolution, upsampled bilinearly to the tensor, as the
    /// report shows it).
    /// </summary>
    public FaithfulnessMeasure Measure(Image image, ReadOnlySpan<float> map, int mapWidth, int mapHeight, int cls,
        FaithfulnessOptions options, int batchSize = 8)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(options);
        var spec = model.Spec;
        var planar = Planar(image, spec);
        var upsampled = Resizer.Resize(map, mapWidth, mapHeight, spec.Width, spec.Height);
        var batch = BatchLimit.For(model.Runner, batchSize);
        var curves = FaithfulnessCurves.Compute(planar, upsampled, options, (data, n) => Probabilities(data, n, cls), batch);

        var weighted = new float[planar.Values.Length];
        ConfidenceChange.Weight(planar, upsampled, Black(spec), weighted);
        return new FaithfulnessMeasure(curves, curves.Deletion[0], Probabilities(weighted, 1, cls)[0]);
    }

    public void Dispose() => session.Dispose();

    /// <summary>The preprocessed input as channel planes, whatever the model's layout.</summary>
    private static PlanarImage Planar(Image image, PreprocessSpec spec)
    {
        var (c, w, h) = (spec.ChannelCount, spec.Width, spec.Height);
        var tensor = new float[c * w * h];
        Preprocessor.Fill(image, spec, tensor);
        return new PlanarImage(spec.Layout == TensorLayout.Nchw ? tensor : Transpose(tensor, w * h, c, toPlanar: true), c, w, h);
    }

    /// <summary>The tensor value of a black pixel per channel: what the map-weighted image fades to.</summary>
    private static float[] Black(PreprocessSpec spec) =>
        [.. Enumerable.Range(0, spec.ChannelCount).Select(c => (0f - spec.Mean[c % spec.Mean.Count]) / spec.Std[c % spec.Std.Count])];

    private double[] Probabilities(float[] planar, int count, int cls)
    {
        var spec = model.Spec;
        var per = spec.ChannelCount * spec.Width * spec.Height;
        var input = spec.Layout == TensorLayout.Nchw ? planar : Interleave(planar, count, per, spec.ChannelCount);
        var output = session.Run(new FloatTensor(input, model.InputShape(count)));
        var classes = (int)(output.ElementCount / count);
        if (cls < 0 || cls >= classes)
        {
            throw new ModelAuditException($"{model.Runner.Path}: class {cls} is not among the model's {classes} outputs");
        }

        var result = new double[count];
        for (var j = 0; j < count; j++)
        {
            var row = output.Data.AsSpan(j * classes, classes);
            result[j] = outputIsProbability ? row[cls] : Softmax.Of(row)[cls];
        }

        return result;
    }

    private static float[] Interleave(float[] planar, int count, int per, int channels)
    {
        var result = new float[planar.Length];
        for (var j = 0; j < count; j++)
        {
            Transpose(planar.AsSpan(j * per, per), per / channels, channels, toPlanar: false).CopyTo(result.AsSpan(j * per, per));
        }

        return result;
    }

    /// <summary>HWC to CHW (<paramref name="toPlanar"/>) or back, for one input of <paramref name="pixels"/> pixels.</summary>
    private static float[] Transpose(ReadOnlySpan<float> source, int pixels, int channels, bool toPlanar)
    {
        var result = new float[source.Length];
        for (var p = 0; p < pixels; p++)
        {
            for (var c = 0; c < channels; c++)
            {
                if (toPlanar)
                {
                    result[(c * pixels) + p] = source[(p * channels) + c];
                }
                else
                {
                    result[(p * channels) + c] = source[(c * pixels) + p];
                }
            }
        }

        return result;
    }
}
