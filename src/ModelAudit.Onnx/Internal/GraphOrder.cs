using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx.Internal;

/// <summary>
/// Checks that every value a node reads exists and that the graph has no cycle, and puts the nodes in
/// topological order (keeping the file's order wherever it already is one).
/// </summary>
internal static class GraphOrder
{
    public static void Validate(GraphProto graph, string source)
    {
        if (graph.Node.Count == 0)
        {
            throw new OnnxFormatException(source, "graph has no nodes");
        }

        var available = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in graph.Input)
        {
            available.Add(input.Name);
        }

        foreach (var init in graph.Initializer)
        {
            available.Add(init.Name);
        }

        var producerIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < graph.Node.Count; i++)
        {
            foreach (var output in graph.Node[i].Output)
            {
                if (output.Length == 0)
                {
                    continue;
                }

                if (!producerIndex.TryAdd(output, i))
                {
                    throw new OnnxFormatException(source, $"value '{output}' is produced by both {Describe(graph.Node[producerIndex[output]])} and {Describe(graph.Node[i])}");
                }
            }
        }

        var dependents = new List<int>[graph.Node.Count];
        var pending = new int[graph.Node.Count];
        for (var i = 0; i < graph.Node.Count; i++)
        {
            var node = graph.Node[i];
            foreach (var input in node.Input.Distinct(StringComparer.Ordinal))
            {
                if (input.Length == 0 || (available.Contains(input) && !producerIndex.ContainsKey(input)))
                {
                    continue;
                }

                if (!producerIndex.TryGetValue(input, out var producer))
                {
                    throw new OnnxFormatException(source, $"node '{DisplayName(node)}' input '{input}' is produced by nothing");
                }

                (dependents[producer] ??= []).Add(i);
                pending[i]++;
            }
        }

        foreach (var output in graph.Output)
        {
            if (!available.Contains(output.Name) && !producerIndex.ContainsKey(output.Name))
            {
                throw new OnnxFormatException(source, $"graph output '{output.Name}' is produced by nothing");
            }
        }

        var order = Sort(graph, dependents, pending, source);
        if (!order.Select((node, i) => node == i).All(same => same))
        {
            var sorted = order.Select(i => graph.Node[i]).ToArray();
            graph.Node.Clear();
            graph.Node.Add(sorted);
        }
    }

    // Kahn's algorithm taking the lowest original index first, so an already ordered graph stays as it is.
    private static List<int> Sort(GraphProto graph, List<int>[] dependents, int[] pending, string source)
    {
        var ready = new PriorityQueue<int, int>();
        for (var i = 0; i < pending.Length; i++)
        {
            if (pending[i] == 0)
            {
                ready.Enqueue(i, i);
            }
        }

        var order = new List<int>(pending.Length);
        while (ready.TryDequeue(out var next, out _))
        {
            order.Add(next);
            foreach (var dependent in dependents[next] ?? [])
            {
                if (--pending[dependent] == 0)
                {
                    ready.Enqueue(dependent, dependent);
                }
            }
        }

        if (order.Count != pending.Length)
        {
            var stuck = Array.FindIndex(pending, p => p > 0);
            throw new OnnxFormatException(source, $"graph has a cycle through node '{DisplayName(graph.Node[stuck])}'");
        }

        return order;
    }

    public static string DisplayName(NodeProto node) =>
        node.Name.Length > 0 ? node.Name : node.Output.Count > 0 ? node.Output[0] : "(" + node.OpType + ")";

    private static string Describe(NodeProto node) => $"node '{DisplayName(node)}'";
}
