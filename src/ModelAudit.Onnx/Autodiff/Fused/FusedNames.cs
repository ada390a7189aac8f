using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx.Autodiff.Fused;

/// <summary>Every name the merged graph already uses (forward and backward values, nodes), so added nodes get fresh ones.</summary>
internal sealed class FusedNames
{
    private readonly HashSet<string> used = new(StringComparer.Ordinal);

    public FusedNames(GraphProto forward, GraphProto backward)
    {
        foreach (var graph in new[] { forward, backward })
        {
            used.UnionWith(graph.Input.Select(i => i.Name));
            used.UnionWith(graph.Initializer.Select(i => i.Name));
            used.UnionWith(graph.Node.SelectMany(n => n.Output));
            used.UnionWith(graph.Node.Select(n => n.Name));
        }
    }

    /// <summary>The wanted name, or the wanted name with the first free numeric suffix.</summary>
    public string Reserve(string wanted)
    {
        var name = wanted;
        for (var i = 1; !used.Add(name); i++)
        {
            name = $"{wanted}_{i}";
        }

        return name;
    }
}
