using System.Numerics.Tensors;
using ModelAudit.Core.Analysis.Gradients;
using ModelAudit.Core.Analysis.Scoring;
using ModelAudit.Core.Models;
using ModelAudit.Core.Preprocessing;
using ModelAudit.Imaging;
using ModelAudit.Runtime;

namespace ModelAudit.Core.Analysis.Saliency;

/// <summary>
/// Input-space saliency (d score / d input) for images, batched: plain gradient, SmoothGrad, Integrated
/// Gradients and guided backprop over one cached gradient engine. The class of each image is chosen on the
/// clean image; SmoothGrad and Integrated Gradients then keep it for every copy they run.
/// </summary>
public sealed class SaliencyAnalyzer : IDisposable
{
    private readonly PreparedModel model;

    /// <param name="model">The model; its gradient engine (<see cref="PreparedModel.Gradients"/>) does the work.</param>
    /// <param name="settings">Kept for compatibility: the prepared model's own settings open its sessions.</param>
    public SaliencyAnalyzer(PreparedModel model, SessionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(model);
        this.model = model;
    }

    private GradientEngine Engine => model.Gradients;

    /// <summary>Saliency per image, in order. <paramref name="progress"/> receives the number of images done.</summary>
    public IReadOnlyList<SaliencyResult> Compute(IReadOnlyList<(string Name, Image Image)> images, SaliencyRequest request,
        int batchSize = 8, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var runner = model.Runner;
        var scored = ScoreTarget.ValueFor(runner.Model, runner.Output.Name, request.Score);
        var batch = BatchLimit.For(runner, batchSize);
        var results = new List<SaliencyResult>(images.Count);
        for (var start = 0; start < images.Count; start += batch)
        {
            var chunk = images.Skip(start).Take(batch).ToList();
            var (data, shape, placements) = Preprocessor.Batch(chunk.Select(c => c.Image).ToList(), model.Spec);
            var fixedClass = request.Class.IsTop ? (int?)null : request.Class.Resolve(ClassRow(runner, scored, shape), request.Labels);
            var seed = fixedClass is { } k0 ? GradientSeed.Classes(Enumerable.Repeat(k0, chunk.Count).ToList()) : GradientSeed.TopClass;
            var clean = Engine.Run(new FloatTensor(data, shape), scored, [runner.Input.Name], seed, guided: request.Method == SaliencyMethod.Guided);
            var scores = clean.Values[scored];
            var rows = ScoreTarget.Rows(scores.Data, scores.Shape);
            var classes = rows.Select(r => fixedClass ?? ClassChoice.Top.Resolve(r, null)).ToArray();

            var per = data.Length / chunk.Count;
            for (var i = 0; i < chunk.Count; i++)
            {
                var x = data.AsSpan(i * per, per).ToArray();
                var gradient = request.Method switch
                {
                    SaliencyMethod.SmoothGrad => SmoothGrad(x, shape, scored, classes[i], request, start + i, batch),
                    SaliencyMethod.Integrated => Integrated(x, shape, scored, classes[i], request, chunk[i].Image, batch),
                    _ => clean.Gradients[runner.Input.Name].Data.AsSpan(i * per, per).ToArray(),
                };
                var k = classes[i];
                var label = request.Labels is { } labels && k < labels.Count ? labels[k] : null;
                var probability = Softmax.IsDistribution(rows[i]) ? rows[i][k] : Softmax.Of(rows[i])[k];
                results.Add(new SaliencyResult(chunk[i].Name, k, label, probability, shape[1..], gradient, placements[i], model.Spec.Layout));
                progress?.Report(results.Count);
            }
        }

        return results;
    }

    /// <summary>Nothing to release: the sessions belong to the prepared model.</summary>
    public void Dispose()
    {
    }

    /// <summary>A zero row as long as the scored value has classes, so a fixed class choice is checked before any run.</summary>
    private static float[] ClassRow(ModelRunner runner, string scored, long[] inputShape) =>
        new float[runner.ValueShapes(inputShape)[scored] is { Length: > 1 } s ? s[1] : 1];

    private float[] SmoothGrad(float[] x, long[] shape, string scored, int cls, SaliencyRequest request, int imageIndex, int batch)
    {
        var std = request.Noise * (x.Max() - x.Min());
        // One stream per image, drawn in copy order: the map does not depend on the batch size.
        var noise = new GaussianNoise(unchecked((request.Seed * 1_000_003) + imageIndex));
        var sum = SumGradients(request.Samples, (_, copy) => noise.Add(x, std, copy), x.Length, shape, scored, cls, batch);
        for (var j = 0; j < sum.Length; j++)
        {
            sum[j] /= request.Samples;
        }

        return sum;
    }

    private float[] Integrated(float[] x, long[] shape, string scored, int cls, SaliencyRequest request, Image image, int batch)
    {
        var baseline = Baseline(request.Baseline, image, x.Length);
        var steps = request.Steps;
        var sum = SumGradients(steps, (k, copy) =>
        {
            var alpha = (k + 1f) / steps;
            for (var j = 0; j < copy.Length; j++)
            {
                copy[j] = baseline[j] + (alpha * (x[j] - baseline[j]));
            }
        }, x.Length, shape, scored, cls, batch);
        for (var j = 0; j < sum.Length; j++)
        {
            sum[j] = (x[j] - baseline[j]) * sum[j] / steps;
        }

        return sum;
    }

    private float[] Baseline(string kind, Image image, int length)
    {
        var baseline = new float[length];
        if (kind == "black")
        {
            // The same size as the original, so resizing and padding put the black where the picture was.
            Preprocessor.Fill(new Image(image.Width, image.Height), model.Spec, baseline);
        }

        return baseline;
    }

    /// <summary>Sum over <paramref name="count"/> copies (filled by index) of d score[cls] / d input, run in batches.</summary>
    private float[] SumGradients(int count, Action<int, Span<float>> fill, int per, long[] shape, string scored, int cls, int batch)
    {
        var sum = new float[per];
        var input = model.Runner.Input.Name;
        for (var start = 0; start < count; start += batch)
        {
            var n = Math.Min(batch, count - start);
            var data = new float[per * n];
            for (var j = 0; j < n; j++)
            {
                fill(start + j, data.AsSpan(j * per, per));
            }

            long[] batchShape = [n, .. shape[1..]];
            var result = Engine.Run(new FloatTensor(data, batchShape), scored, [input], GradientSeed.Classes(Enumerable.Repeat(cls, n).ToList()));
            var gradient = result.Gradients[input].Data;
            for (var j = 0; j < n; j++)
            {
                TensorPrimitives.Add(sum, gradient.AsSpan(j * per, per), sum);
            }
        }

        return sum;
    }
}
