using ModelAudit.Core.Analysis.Cams;
using ModelAudit.Core.Analysis.Scoring;
using ModelAudit.Core.Models;
using ModelAudit.Core.Preprocessing;
using ModelAudit.Imaging;
using ModelAudit.Onnx;
using ModelAudit.Runtime;

namespace ModelAudit.Core.Analysis.Sanity;

/// <summary>
/// Runs <see cref="SanityCheck"/> for a CAM method on real sessions: the trained model's maps, then per cascade step
/// the maps of a randomized copy (written to a temporary file, opened like the model, deleted afterwards) for the
/// same classes the trained model explained, so only the weights differ.
/// </summary>
public static class SanityRunner
{
    public static SanityResult Run(string modelPath, PreprocessOverrides preprocess, SessionSettings settings,
        IReadOnlyList<(string Name, Image Image)> images, CamRequest request, SanityOptions options,
        string? input = null, string? output = null, int batchSize = 8, LayerHints? hints = null)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var folder = Path.Combine(Path.GetTempPath(), "modelaudit-sanity", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var trained = OnnxModel.Load(modelPath);
            int[]? classes = null;
            var (width, height) = (0, 0);
            IReadOnlyList<float[]>? trainedMaps = null;
            IReadOnlyList<float[]> Maps(OnnxModel model)
            {
                if (ReferenceEquals(model, trained) && trainedMaps is not null)
                {
                    return trainedMaps;
                }

                var path = ReferenceEquals(model, trained) ? modelPath : Path.Combine(folder, $"randomized-{Guid.NewGuid():N}.onnx");
                if (!ReferenceEquals(model, trained))
                {
                    model.Save(path);
                }

                using var prepared = PreparedModel.Open(path, preprocess, settings, input, output);
                using var cams = new CamAnalyzer(prepared, settings, hints);
                var maps = new float[images.Count][];
                if (classes is null)
                {
                    var results = cams.Compute(images, request, batchSize);
                    classes = [.. results.Select(r => r.Class)];
                    (width, height) = (results[0].MapWidth, results[0].MapHeight);
                    for (var i = 0; i < results.Count; i++)
                    {
                        maps[i] = results[i].Map;
                    }
                }
                else
                {
                    // The randomized model may predict anything: explain the classes the trained one explained.
                    foreach (var group in Enumerable.Range(0, images.Count).GroupBy(i => classes[i]))
                    {
                        var indices = group.ToList();
                        var results = cams.Compute([.. indices.Select(i => images[i])], request with { Class = ClassChoice.Of(group.Key) }, batchSize);
                        for (var k = 0; k < indices.Count; k++)
                        {
                            maps[indices[k]] = results[k].Map;
                        }
                    }
                }

                if (ReferenceEquals(model, trained) is false)
                {
                    File.Delete(path);
                }

                return maps;
            }

            if (images.Count == 0)
            {
                return new SanityResult([]);
            }

            // The trained maps first: they fix the classes and the map size the comparison needs.
            trainedMaps = Maps(trained);
            return SanityCheck.Run(trained, options.Layers, options.Seed, width, height, Maps);
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A session may still hold the file on Windows; the temp folder's cleaner takes it.
            }
        }
    }
}
