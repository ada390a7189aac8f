using ModelAudit.Core.Models;
using ModelAudit.Runtime;

namespace ModelAudit.Core.Analysis;

/// <summary>Runs one image and returns the outputs of chosen layers.</summary>
public static class ActivationExtractor
{
    /// <summary>Value names of every 4-D intermediate output (the feature maps), in graph order.</summary>
    public static IReadOnlyList<string> FeatureMaps(ModelRunner runner, long[] inputShape)
    {
        var shapes = runner.ValueShapes(inputShape);
        return runner.IntermediateValues().Where(v => shapes.TryGetValue(v, out var s) && s.Length == 4).ToList();
    }

    public static IReadOnlyList<LayerActivation> Extract(ModelRunner runner, FloatTensor input, IReadOnlyList<string> values)
    {
        if (input.Shape.Length == 0 || input.Shape[0] != 1)
        {
            throw new ArgumentException("activations are extracted for one image at a time (batch 1)", nameof(input));
        }

        var outputs = runner.Run(input, values);
        return values.Select((value, i) => new LayerActivation(
            value,
            runner.Model.Graph.Producer(value)?.DisplayName ?? value,
            outputs[i].Shape.Skip(1).ToArray(),
            outputs[i].Data)).ToList();
    }
}
