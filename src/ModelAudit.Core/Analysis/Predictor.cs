using ModelAudit.Core.Models;
using ModelAudit.Core.Preprocessing;
using ModelAudit.Imaging;
using ModelAudit.Runtime;

namespace ModelAudit.Core.Analysis;

/// <summary>Top-k classification of images, in batches.</summary>
public static class Predictor
{
    public static IReadOnlyList<Prediction> Predict(ModelRunner runner, PreprocessSpec spec,
        IReadOnlyList<(string Name, Image Image)> images, int top, IReadOnlyList<string>? labels, int batchSize = 8)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(top);
        var logitValue = ScoreValues.LogitOf(runner.Model, runner.Output.Name);
        var outputs = logitValue is null ? new[] { runner.Output.Name } : [runner.Output.Name, logitValue];
        var results = new List<Prediction>(images.Count);
        for (var start = 0; start < images.Count; start += batchSize)
        {
            var chunk = images.Skip(start).Take(batchSize).ToList();
            var (data, shape, _) = Preprocessor.Batch(chunk.Select(c => c.Image).ToList(), spec);
            var run = runner.Run(new FloatTensor(data, shape), outputs);
            var output = run[0];
            var classes = (int)(output.ElementCount / chunk.Count);
            for (var i = 0; i < chunk.Count; i++)
            {
                var row = output.Data.AsSpan(i * classes, classes);
                var scores = (logitValue is null ? row : run[1].Data.AsSpan(i * classes, classes)).ToArray();
                var probabilities = Softmax.IsDistribution(row) ? row.ToArray() : Softmax.Of(row);
                var ranked = Enumerable.Range(0, classes)
                    .OrderByDescending(k => probabilities[k]).ThenBy(k => k)
                    .Take(top)
                    .Select(k => new ClassScore(k, labels is not null && k < labels.Count ? labels[k] : null, probabilities[k], scores[k]))
                    .ToList();
                results.Add(new Prediction(chunk[i].Name, ranked));
            }
        }

        return results;
    }
}
