using ModelAudit.Core.Analysis.Saliency;
using ModelAudit.Core.Analysis.Scoring;
using ModelAudit.Core.Models;
using ModelAudit.Core.Preprocessing;
using ModelAudit.Imaging;
using ModelAudit.Runtime;

namespace ModelAudit.Core.Analysis.Occlusion;

/// <summary>
/// Occlusion sensitivity (Zeiler and Fergus): hide one patch of the input tensor at a time and measure how
/// much the class score drops. Needs no gradients, so it works on any model ONNX Runtime can run; the
/// occluded copies run in batches.
/// </summary>
public sealed class OcclusionAnalyzer : IDisposable
{
    private readonly PreparedModel model;
    private readonly SessionSettings settings;
    private readonly Dictionary<string, ScoreSession> sessions = new(StringComparer.Ordinal);

    public OcclusionAnalyzer(PreparedModel model, SessionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(model);
        this.model = model;
        this.settings = settings;
    }

    /// <summary>Occlusion maps per image, in order. <paramref name="progress"/> receives the number of images done.</summary>
    public IReadOnlyList<OcclusionResult> Compute(IReadOnlyList<(string Name, Image Image)> images, OcclusionRequest request,
        int batchSize = 8, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        var runner = model.Runner;
        var scored = ScoreTarget.ValueFor(runner.Model, runner.Output.Name, request.Score);
        if (!sessions.TryGetValue(scored, out var session))
        {
            session = new ScoreSession(runner, scored, settings);
            sessions[scored] = session;
        }

        var batch = BatchLimit.For(runner, batchSize);
        var spec = model.Spec;
        var grid = PatchGrid.For(spec.Width, spec.Height, request.Patch, request.Stride);
        var results = new List<OcclusionResult>(images.Count);
        foreach (var (name, image) in images)
        {
            var per = spec.ChannelCount * spec.Width * spec.Height;
            var x = new float[per];
            var placement = Preprocessor.Fill(image, spec, x);
            var baseScores = session.Run(new FloatTensor(x, model.InputShape(1)));
            var row = ScoreTarget.Rows(baseScores.Data, baseScores.Shape)[0];
            var cls = request.Class.Resolve(row, request.Labels);
            var fill = OcclusionFill.Values(request.Fill, x, spec);
            var map = new float[grid.Count];
            for (var start = 0; start < grid.Count; start += batch)
            {
                var n = Math.Min(batch, grid.Count - start);
                var data = new float[per * n];
                for (var j = 0; j < n; j++)
                {
                    var copy = data.AsSpan(j * per, per);
                    x.CopyTo(copy);
                    var (px, py) = grid.At(start + j);
                    OcclusionFill.Paint(copy, spec, fill, px, py, grid.PatchWidth, grid.PatchHeight);
                }

                var scores = session.Run(new FloatTensor(data, model.InputShape(n)));
                var rows = ScoreTarget.Rows(scores.Data, scores.Shape);
                for (var j = 0; j < n; j++)
                {
                    map[start + j] = row[cls] - rows[j][cls];
                }
            }

            var label = request.Labels is { } labels && cls < labels.Count ? labels[cls] : null;
            results.Add(new OcclusionResult(name, cls, row[cls], grid.XStarts.Length, grid.YStarts.Length, map, placement,
                CoverageHeat(map, grid, spec.Width, spec.Height), label));
            progress?.Report(results.Count);
        }

        return results;
    }

    public void Dispose()
    {
        foreach (var session in sessions.Values)
        {
            session.Dispose();
        }

        sessions.Clear();
    }

    /// <summary>Each tensor pixel: the mean drop of the patches that covered it.</summary>
    internal static float[] CoverageHeat(float[] map, PatchGrid grid, int width, int height)
    {
        var sum = new double[width * height];
        var count = new int[width * height];
        for (var i = 0; i < grid.Count; i++)
        {
            var (px, py) = grid.At(i);
            for (var y = py; y < py + grid.PatchHeight; y++)
            {
                for (var x = px; x < px + grid.PatchWidth; x++)
                {
                    sum[(y * width) + x] += map[i];
                    count[(y * width) + x]++;
                }
            }
        }

        var heat = new float[width * height];
        for (var p = 0; p < heat.Length; p++)
        {
            heat[p] = count[p] > 0 ? (float)(sum[p] / count[p]) : 0f;
        }

        return heat;
    }
}
