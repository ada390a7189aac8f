using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx.Autodiff.Fused.Shapes;

/// <summary>
/// Every value's concrete shape for given input shapes, computed from the graph alone, so gradient models can be
/// built without first running the model with every intermediate exposed (a session and a run at each new input
/// shape). All or nothing: when one node's shape cannot be derived (an operator not covered here, a shape computed
/// from data) the answer is null and the caller probes the model instead, so the shapes are always complete.
/// </summary>
public static class StaticShapeInference
{
    /// <summary>Shapes of the graph inputs (as given) and of every node output, or null when any is out of reach.</summary>
    /// <param name="model">The model.</param>
    /// <param name="inputShapes">A concrete shape for each graph input.</param>
    public static IReadOnlyDictionary<string, long[]>? TryInfer(OnnxModel model, IReadOnlyDictionary<string, long[]> inputShapes)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputShapes);
        ForwardGraph graph;
        try
        {
            graph = new ForwardGraph(model.Proto, model.SourceName);
        }
        catch (ArgumentException)
        {
            return null;
        }

        var state = new ShapeState(graph, model.OpsetOf(string.Empty));
        foreach (var input in graph.GraphInputs)
        {
            if (!inputShapes.TryGetValue(input, out var shape) || shape.Any(d => d < 0))
            {
                return null;
            }

            state.Shapes[input] = shape;
        }

        foreach (var index in TopologicalOrder.Of(graph))
        {
            var node = graph.Nodes[index];
            long[][]? outputs;
            try
            {
                outputs = GradientRules.IsDefaultDomain(node) ? NodeShapes.Infer(node, state) : null;
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException or IndexOutOfRangeException or InvalidOperationException)
            {
                outputs = null;
            }

            if (outputs is null || outputs.Length < node.Output.Count(o => o.Length > 0))
            {
                return null;
            }

            for (var i = 0; i < node.Output.Count; i++)
            {
                if (node.Output[i].Length > 0)
                {
                    state.Shapes[node.Output[i]] = outputs[i];
                }
            }
        }

        return state.Shapes;
    }
}

/// <summary>Shapes found so far, and the integer values of small shape tensors (Shape, Gather, Concat, constants).</summary>
internal sealed class ShapeState
{
    private readonly ForwardGraph graph;

    public ShapeState(ForwardGraph graph, long opset)
    {
        this.graph = graph;
        Opset = opset;
    }

    public long Opset { get; }

    public Dictionary<string, long[]> Shapes { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, long[]> IntValues { get; } = new(StringComparer.Ordinal);

    public long[] Shape(NodeProto node, int input)
    {
        var name = node.InputAt(input) ?? throw new ArgumentException($"input {input} is missing");
        if (Shapes.TryGetValue(name, out var shape))
        {
            return shape;
        }

        return graph.TryGetConstant(name, out var tensor) ? TensorValues.Shape(tensor) : throw new ArgumentException($"no shape for '{name}'");
    }

    /// <summary>The integer contents of an input known at build time (a constant or a computed shape), else null.</summary>
    public long[]? Ints(NodeProto node, int input)
    {
        var name = node.InputAt(input);
        if (name is null)
        {
            return null;
        }

        if (IntValues.TryGetValue(name, out var values))
        {
            return values;
        }

        return graph.TryGetConstant(name, out var tensor)
            && (TensorProto.Types.DataType)tensor.DataType is TensorProto.Types.DataType.Int64 or TensorProto.Types.DataType.Int32
            ? TensorValues.ToInt64s(tensor)
            : null;
    }

    public double[]? Doubles(NodeProto node, int input) =>
        node.InputAt(input) is { } name && graph.TryGetConstant(name, out var tensor) ? TensorValues.ToDoubles(tensor) : null;

    public bool Has(NodeProto node, int input) => node.InputAt(input) is not null;
}
