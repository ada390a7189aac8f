using ModelAudit.Core.Models;

namespace ModelAudit.Core.Analysis.Cams;

/// <summary>
/// Chooses and checks the CAM layer. "auto" is the last feature map on the way to the output: the last
/// 4-D value (in graph order) computed from the image input that the output depends on, with more than one
/// channel and more than one spatial position. A single-channel map near a dense output is the prediction
/// itself, not features, so it is skipped; a named layer may be anything 4-D on the path.
/// </summary>
internal static class LayerLocator
{
    public const string Auto = "auto";

    public static string Resolve(ModelRunner runner, string layer, long[] inputShape)
    {
        var shapes = runner.ValueShapes(inputShape);
        var target = runner.Output.Name;
        var upstream = Upstream(runner, target);
        if (string.Equals(layer, Auto, StringComparison.OrdinalIgnoreCase))
        {
            var downstream = Downstream(runner);
            var chosen = runner.Model.Graph.Nodes
                .SelectMany(n => n.Outputs)
                .Where(v => v.Length > 0 && v != target && upstream.Contains(v) && downstream.Contains(v))
                .LastOrDefault(v => shapes.TryGetValue(v, out var s) && IsFeatureMap(s));
            return chosen ?? throw new ModelAuditException(
                $"{runner.Path}: no 4-D feature map with more than one channel and spatial size above 1 leads to the output '{target}'; name a layer with --layer");
        }

        var value = runner.ResolveValue(layer);
        if (!shapes.TryGetValue(value, out var shape) || shape.Length != 4)
        {
            var described = shape is null ? "not an activation" : $"shaped [{string.Join(",", shape)}]";
            throw new ModelAuditException($"{runner.Path}: layer '{layer}' is {described}; a CAM needs a 4-D feature map [N,C,H,W]");
        }

        if (!upstream.Contains(value))
        {
            throw new ModelAuditException($"{runner.Path}: layer '{layer}' does not lead to the output '{target}', so it cannot explain it");
        }

        return value;
    }

    private static bool IsFeatureMap(long[] shape) => shape.Length == 4 && shape[1] > 1 && shape[2] * shape[3] > 1;

    /// <summary>Every value the target depends on (the target included).</summary>
    private static HashSet<string> Upstream(ModelRunner runner, string target)
    {
        var graph = runner.Model.Graph;
        var seen = new HashSet<string>(StringComparer.Ordinal) { target };
        var pending = new Stack<string>([target]);
        while (pending.TryPop(out var value))
        {
            if (graph.Producer(value) is not { } node)
            {
                continue;
            }

            foreach (var input in node.Inputs)
            {
                if (input.Length > 0 && seen.Add(input))
                {
                    pending.Push(input);
                }
            }
        }

        return seen;
    }

    /// <summary>Every value computed from the image input (weights and shape constants are not).</summary>
    private static HashSet<string> Downstream(ModelRunner runner)
    {
        var reached = new HashSet<string>(StringComparer.Ordinal) { runner.Input.Name };
        foreach (var node in runner.Model.Graph.Nodes)
        {
            if (node.Inputs.Any(reached.Contains))
            {
                foreach (var output in node.Outputs.Where(o => o.Length > 0))
                {
                    reached.Add(output);
                }
            }
        }

        return reached;
    }
}
