namespace ModelAudit.Onnx;

/// <summary>Builds a <see cref="ModelSummary"/> of a model.</summary>
public static class ModelSummarizer
{
    /// <summary>
    /// Summarizes every node except Constant nodes (their tensors are the weights of the nodes that read them).
    /// A layer's parameters are the elements of the floating-point constants it reads; integer constants
    /// (shapes, axes) are not parameters. A constant shared by several layers counts once in the total.
    /// </summary>
    /// <param name="valueShapes">Shapes observed at run time; declared shapes fill in the rest.</param>
    public static ModelSummary Summarize(OnnxModel model, IReadOnlyDictionary<string, long[]>? valueShapes = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var graph = model.Graph;
        var layers = new List<LayerSummary>();
        var counted = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        foreach (var node in graph.Nodes)
        {
            if (node.OpType == "Constant" && node.Domain.Length == 0)
            {
                continue;
            }

            long parameters = 0;
            foreach (var input in node.Inputs.Where(i => i.Length > 0).Distinct(StringComparer.Ordinal))
            {
                if (graph.TryGetConstant(input, out var tensor) && tensor.IsFloatingPoint)
                {
                    parameters += tensor.ElementCount;
                    if (counted.Add(input))
                    {
                        total += tensor.ElementCount;
                    }
                }
            }

            var outputs = node.Outputs
                .Where(o => o.Length > 0)
                .Select(o => (o, ShapeOf(graph, valueShapes, o)))
                .ToArray();
            layers.Add(new LayerSummary(node.DisplayName, node.OpType, outputs, parameters));
        }

        return new ModelSummary(layers, total, graph.Inputs, graph.Outputs);
    }

    private static long[]? ShapeOf(OnnxGraph graph, IReadOnlyDictionary<string, long[]>? valueShapes, string name)
    {
        if (valueShapes is not null && valueShapes.TryGetValue(name, out var observed))
        {
            return observed;
        }

        return graph.DeclaredShapes.TryGetValue(name, out var declared) ? declared.ToArray() : null;
    }
}
