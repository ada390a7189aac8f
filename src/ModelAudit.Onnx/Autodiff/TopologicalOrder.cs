namespace ModelAudit.Onnx.Autodiff;

/// <summary>Node indices in an order where every producer comes before its consumers (Kahn's algorithm, stable);
/// ONNX requires sorted graphs but not every exporter complies.</summary>
internal static class TopologicalOrder
{
    public static IReadOnlyList<int> Of(ForwardGraph graph)
    {
        var count = graph.Nodes.Count;
        var pending = new int[count];
        for (var i = 0; i < count; i++)
        {
            pending[i] = graph.Nodes[i].Input.Count(input => input.Length > 0 && graph.Producer(input) is not null);
        }

        var ready = new PriorityQueue<int, int>();
        for (var i = 0; i < count; i++)
        {
            if (pending[i] == 0)
            {
                ready.Enqueue(i, i);
            }
        }

        var order = new List<int>(count);
        while (ready.TryDequeue(out var index, out _))
        {
            order.Add(index);
            foreach (var output in graph.Nodes[index].Output.Where(o => o.Length > 0))
            {
                foreach (var consumer in graph.Consumers(output))
                {
                    // A node reading the same value twice waits for it twice, matching how it was counted.
                    if (--pending[consumer] == 0)
                    {
                        ready.Enqueue(consumer, consumer);
                    }
                }
            }
        }

        if (order.Count != count)
        {
            throw GradientErrors.BadRequest(graph.ModelName, "the graph has a cycle");
        }

        return order;
    }
}
