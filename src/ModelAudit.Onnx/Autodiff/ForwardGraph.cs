using ModelAudit.Onnx.Autodiff.Folding;
using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx.Autodiff;

/// <summary>
/// The read-only facts about the forward model that the backward builder needs: nodes in order, who produces and
/// who consumes each value, constants (initializers and Constant nodes alike, plus the shape subgraphs folded for
/// the given static shapes), element types and the default-domain opset.
/// </summary>
internal sealed class ForwardGraph
{
    private readonly Dictionary<string, int> _producer = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _consumers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TensorProto> _constants = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TensorProto> _folded;
    private readonly Dictionary<string, int> _types;

    /// <param name="model">The forward model.</param>
    /// <param name="modelName">The name errors use.</param>
    /// <param name="shapes">Static shapes of the values for one input size; with them, shape subgraphs fold to constants.</param>
    public ForwardGraph(ModelProto model, string modelName, IReadOnlyDictionary<string, long[]>? shapes = null)
    {
        ModelName = modelName;
        var graph = model.Graph ?? throw GradientErrors.BadRequest(modelName, "the model has no graph");
        Opset = model.OpsetImport.Where(o => string.IsNullOrEmpty(o.Domain) || o.Domain == "ai.onnx")
            .Select(o => o.Version).DefaultIfEmpty(1).Max();
        foreach (var init in graph.Initializer)
        {
            _constants[init.Name] = init;
        }

        Nodes = graph.Node;
        GraphInputs = new HashSet<string>(graph.Input.Select(i => i.Name).Where(n => !_constants.ContainsKey(n)), StringComparer.Ordinal);
        for (var i = 0; i < Nodes.Count; i++)
        {
            var node = Nodes[i];
            foreach (var output in node.Output.Where(o => o.Length > 0))
            {
                _producer[output] = i;
            }

            foreach (var input in node.Input.Where(n => n.Length > 0))
            {
                if (!_consumers.TryGetValue(input, out var list))
                {
                    _consumers[input] = list = [];
                }

                list.Add(i);
            }

            if (node.OpType == "Constant" && node.Output.Count == 1 && ConstantNodeValue.TryRead(node, out var tensor))
            {
                _constants[node.Output[0]] = tensor;
            }
        }

        var order = TopologicalOrder.Of(this);
        _types = ElementTypes.Infer(graph, order, v => _constants.GetValueOrDefault(v));
        _folded = shapes is null ? [] : ShapeFolder.Fold(this, shapes);
    }

    public string ModelName { get; }

    public long Opset { get; }

    public IList<NodeProto> Nodes { get; }

    public IReadOnlySet<string> GraphInputs { get; }

    /// <summary>A value known at build time: a constant of the model or a folded shape computation.</summary>
    public bool TryGetConstant(string value, out TensorProto tensor) =>
        _constants.TryGetValue(value, out tensor!) || _folded.TryGetValue(value, out tensor!);

    /// <summary>An initializer or Constant node output (not a folded value).</summary>
    public bool TryGetModelConstant(string value, out TensorProto tensor) => _constants.TryGetValue(value, out tensor!);

    /// <summary>Whether the value was computed by the shape folder rather than stored in the model.</summary>
    public bool IsFolded(string value) => _folded.ContainsKey(value);

    /// <summary>The ONNX element type of a value, or 0 when neither declared nor inferable (treated as float).</summary>
    public int ElementType(string value) => _types.GetValueOrDefault(value);

    /// <summary>Integer and bool values carry no gradient.</summary>
    public bool IsIntegerValued(string value) => ElementKinds.IsInteger(ElementType(value));

    public int? Producer(string value) => _producer.TryGetValue(value, out var i) ? i : null;

    public IReadOnlyList<int> Consumers(string value) => _consumers.TryGetValue(value, out var list) ? list : [];

    public bool HasValue(string value) => _producer.ContainsKey(value) || GraphInputs.Contains(value) || _constants.ContainsKey(value);
}
