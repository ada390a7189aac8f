using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx.Editing;

/// <summary>
/// Drops the nodes no output of a fused model needs, and the initializers only they read. ONNX Runtime runs every node
/// of its graph whatever a Run fetches: a request scored on an inner value (the report's filter ascent on layer3 of a
/// ResNet-18) ran layer4 and the head on every step (19 % of the step's kernel time) and prepacked their weights at
/// session start. A graph with subgraphs (If, Loop, Scan) is kept whole: their bodies read outer values by name.
/// </summary>
internal static class LiveGraph
{
    public static void Prune(GraphProto graph)
    {
        if (graph.Node.Any(n => n.Attribute.Any(a => a.G is not null || a.Graphs.Count > 0)))
        {
            return;
        }

        var producer = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < graph.Node.Count; i++)
        {
            foreach (var output in graph.Node[i].Output.Where(o => o.Length > 0))
            {
                producer[output] = i;
            }
        }

        // Walked from the outputs, not in node order: the seed nodes come after the backward nodes that read them.
        var live = new bool[graph.Node.Count];
        var read = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(graph.Output.Select(o => o.Name));
        while (pending.TryPop(out var value))
        {
            if (!read.Add(value) || !producer.TryGetValue(value, out var i) || live[i])
            {
                continue;
            }

            live[i] = true;
            foreach (var input in graph.Node[i].Input.Where(v => v.Length > 0))
            {
                pending.Push(input);
            }
        }

        if (live.All(l => l))
        {
            return;
        }

        var nodes = graph.Node.Where((_, i) => live[i]).ToList();
        var dead = graph.Node.Where((_, i) => !live[i]).SelectMany(n => n.Output).ToHashSet(StringComparer.Ordinal);
        var unread = graph.Initializer.Where(t => !read.Contains(t.Name)).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        Replace(graph.Node, nodes);
        Replace(graph.Initializer, graph.Initializer.Where(t => !unread.Contains(t.Name)).ToList());
        // An initializer also listed as a graph input (IR < 4) would otherwise become an input the caller must feed.
        Replace(graph.Input, graph.Input.Where(i => !unread.Contains(i.Name)).ToList());
        Replace(graph.ValueInfo, graph.ValueInfo.Where(v => !dead.Contains(v.Name)).ToList());
    }

    private static void Replace<T>(Google.Protobuf.Collections.RepeatedField<T> field, List<T> items)
    {
        field.Clear();
        field.Add(items);
    }
}
