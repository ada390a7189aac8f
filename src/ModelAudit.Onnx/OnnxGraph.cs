using ModelAudit.Onnx.Internal;
using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx;

/// <summary>A read-only view of a model's main graph: nodes in topological order, values, constants and shapes.</summary>
public sealed class OnnxGraph
{
    private readonly Dictionary<string, OnnxNode> producers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<OnnxNode>> consumers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OnnxNode> byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OnnxTensor> constants = new(StringComparer.Ordinal);
    private readonly HashSet<string> values = new(StringComparer.Ordinal);

    /// <summary>Builds the view over a graph that <see cref="GraphOrder.Validate"/> has already checked and ordered.</summary>
    internal OnnxGraph(GraphProto proto, Func<string, long> opsetOf, string source)
    {
        foreach (var init in proto.Initializer)
        {
            constants[init.Name] = new OnnxTensor(init, source);
            values.Add(init.Name);
        }

        var initializerNames = constants.Keys.ToHashSet(StringComparer.Ordinal);
        bool IsInitializer(string name) => initializerNames.Contains(name);

        var nodes = new List<OnnxNode>(proto.Node.Count);
        foreach (var nodeProto in proto.Node)
        {
            var node = new OnnxNode(nodeProto, opsetOf(nodeProto.Domain), source);
            nodes.Add(node);
            if (node.Name.Length > 0)
            {
                byName.TryAdd(node.Name, node);
            }

            foreach (var input in node.Inputs.Where(i => i.Length > 0).Distinct(StringComparer.Ordinal))
            {
                if (!consumers.TryGetValue(input, out var list))
                {
                    consumers[input] = list = [];
                }

                list.Add(node);
            }

            foreach (var output in node.Outputs.Where(o => o.Length > 0))
            {
                producers[output] = node;
                values.Add(output);
            }

            if (node.OpType == "Constant" && node.Domain.Length == 0 && node.Outputs.Count > 0)
            {
                constants[node.Outputs[0]] = new OnnxTensor(ConstantValue.Read(nodeProto, source), source);
            }
        }

        Nodes = nodes;
        Inputs = proto.Input.Where(i => !IsInitializer(i.Name)).Select(ToValue).ToArray();
        foreach (var input in Inputs)
        {
            values.Add(input.Name);
        }

        Outputs = proto.Output.Select(ToValue).ToArray();
        var shapes = new Dictionary<string, OnnxShape>(StringComparer.Ordinal);
        foreach (var info in proto.ValueInfo.Concat(proto.Input).Concat(proto.Output))
        {
            if (ShapeOf(info) is { } shape)
            {
                shapes[info.Name] = shape;
            }
        }

        DeclaredShapes = shapes;
    }

    public IReadOnlyList<OnnxNode> Nodes { get; }

    /// <summary>The inputs a caller feeds; initializers listed as inputs (old IR versions) are left out.</summary>
    public IReadOnlyList<OnnxValue> Inputs { get; }

    public IReadOnlyList<OnnxValue> Outputs { get; }

    /// <summary>Shapes declared in the file for graph inputs, outputs and value_info entries.</summary>
    public IReadOnlyDictionary<string, OnnxShape> DeclaredShapes { get; }

    internal IReadOnlyDictionary<string, OnnxTensor> Constants => constants;

    public OnnxNode? Producer(string valueName) => producers.GetValueOrDefault(valueName);

    public IReadOnlyList<OnnxNode> Consumers(string valueName) =>
        consumers.TryGetValue(valueName, out var list) ? list : [];

    public OnnxNode? FindNode(string nodeName) => byName.GetValueOrDefault(nodeName);

    public bool HasValue(string valueName) => values.Contains(valueName);

    /// <summary>The tensor of an initializer or of a Constant node's output.</summary>
    public bool TryGetConstant(string valueName, out OnnxTensor tensor) =>
        constants.TryGetValue(valueName, out tensor!);

    internal static OnnxValue ToValue(ValueInfoProto info) =>
        new(info.Name, (OnnxDataType)(info.Type?.TensorType?.ElemType ?? 0), ShapeOf(info));

    private static OnnxShape? ShapeOf(ValueInfoProto info)
    {
        var shape = info.Type?.TensorType?.Shape;
        if (shape is null)
        {
            return null;
        }

        return new OnnxShape(shape.Dim.Select(d => d.ValueCase switch
        {
            // Some exporters write -1 for a dynamic dimension instead of leaving it empty.
            TensorShapeProto.Types.Dimension.ValueOneofCase.DimValue when d.DimValue >= 0 => OnnxDim.Known(d.DimValue),
            TensorShapeProto.Types.Dimension.ValueOneofCase.DimParam => OnnxDim.Symbolic(d.DimParam),
            _ => OnnxDim.Unknown,
        }).ToArray());
    }
}
