using ModelAudit.Core.Models;

namespace ModelAudit.Core.Analysis.Cams;

/// <summary>
/// Chooses and checks the CAM layer. "auto" is the last feature map on the way to the output: the last
/// value (in graph order) computed from the image input that the output depends on and that reads as a map
/// (<see cref="LayerGridResolver"/>: [N,C,H,W], [N,H,W,C] or tokens [N,T,C]) with more than one channel and more
/// than one spatial position. A single-channel map near a dense output is the prediction itself, not features, so it
/// is skipped. In a transformer that predicts from its class token, the values after the last attention carry no
/// gradient to the grid tokens (<see cref="TokenReadout"/>), so auto takes the last block's attention input instead
/// (same width as the read-out token). A named layer may be any such map on the path. The audit narrows "auto" further
/// by cell size against the expected regions (<see cref="Audit.Layers.LayerFit"/>) among <see cref="FeatureMaps"/>.
/// </summary>
internal static class LayerLocator
{
    public const string Auto = "auto";

    public static string Resolve(ModelRunner runner, string layer, IReadOnlyDictionary<string, long[]> shapes, LayerGridResolver grids)
    {
        var target = runner.Output.Name;
        if (string.Equals(layer, Auto, StringComparison.OrdinalIgnoreCase))
        {
            var maps = FeatureMaps(runner, shapes, grids);
            return maps.Count > 0 ? maps[^1].Value : throw new ModelAuditException(
                $"{runner.Path}: no feature map ([N,C,H,W], [N,H,W,C] or tokens [N,T,C]) with more than one channel and spatial size above 1 "
                + $"leads to the output '{target}'; name a layer with --layer");
        }

        var value = runner.ResolveValue(layer);
        if (!shapes.TryGetValue(value, out var shape))
        {
            throw new ModelAuditException($"{runner.Path}: layer '{layer}' is not an activation; a CAM needs a feature map [N,C,H,W], [N,H,W,C] or tokens [N,T,C]");
        }

        grids.Resolve(runner.Path, layer, shape);

        if (!Upstream(runner, target).Contains(value))
        {
            throw new ModelAuditException($"{runner.Path}: layer '{layer}' does not lead to the output '{target}', so it cannot explain it");
        }

        return value;
    }

    /// <summary>
    /// The maps "auto" chooses among, in graph order (the last is today's "auto"): in a transformer read out from
    /// its class token only those as wide as the read-out token, when there are any. Empty when there are none.
    /// </summary>
    public static IReadOnlyList<(string Value, LayerGrid Grid)> FeatureMaps(ModelRunner runner, IReadOnlyDictionary<string, long[]> shapes, LayerGridResolver grids)
    {
        var target = runner.Output.Name;
        var upstream = Upstream(runner, target);
        var downstream = Downstream(runner);
        var (readOut, width) = TokenReadout.Find(runner.Model.Graph, shapes, upstream, downstream);
        var candidates = runner.Model.Graph.Nodes
            .SelectMany(n => n.Outputs)
            .Where(v => v.Length > 0 && v != target && upstream.Contains(v) && downstream.Contains(v) && !readOut.Contains(v))
            .Select(v => (Value: v, Grid: shapes.TryGetValue(v, out var s) ? grids.TryResolve(s, out _) : null))
            .Where(c => c.Grid is { Channels: > 1, Plane: > 1 })
            .Select(c => (c.Value, Grid: c.Grid!))
            .ToList();
        var wide = candidates.Where(c => width is null || c.Grid.Channels == width).ToList();
        return wide.Count > 0 ? wide : candidates;
    }

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
