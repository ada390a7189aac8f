using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx.Autodiff;

/// <summary>
/// Builds the backward model for one request: finds the nodes on a path from the requested values to the scored
/// output, walks them in reverse order applying each node's rule, sums gradients of values with several consumers,
/// and exposes the requested gradients as outputs.
/// </summary>
internal sealed class BackwardPass
{
    private readonly ForwardGraph _forward;
    private readonly GradientRequest _request;
    private readonly BackwardEmitter _emitter;
    private readonly Dictionary<string, List<string>> _contributions = new(StringComparer.Ordinal);

    public BackwardPass(ForwardGraph forward, GradientRequest request, IReadOnlyDictionary<string, long[]> shapes)
    {
        _forward = forward;
        _request = request;
        _emitter = new BackwardEmitter(forward, shapes);
    }

    public BackwardResult Run()
    {
        Validate();
        var order = TopologicalOrder.Of(_forward);
        var origin = DependentValues(order);
        var needed = AncestorsOfScore(order);
        var seedShape = _emitter.ShapeOf(_request.ScoredOutput);
        var seed = _emitter.AddInput("seed_" + _request.ScoredOutput, seedShape);
        Contribute(_request.ScoredOutput, seed);

        for (var k = order.Count - 1; k >= 0; k--)
        {
            var node = _forward.Nodes[order[k]];
            if (Stops(node) || !node.Output.Any(o => origin.ContainsKey(o) && needed.Contains(o)))
            {
                continue;
            }

            var outputGradients = node.Output.Select(o => o.Length > 0 ? Collect(o) : null).ToArray();
            if (outputGradients.All(g => g is null))
            {
                continue;
            }

            var from = node.Output.Select(o => origin.GetValueOrDefault(o)).First(o => o is not null)!;
            var needs = node.Input
                .Select((input, i) => input.Length > 0 && origin.ContainsKey(input) && CarriesGradient(node, i))
                .ToArray();
            var context = new GradientContext(node, _forward.Opset, _emitter, outputGradients, needs, _request.Guided, from, _request.ScoredOutput);
            if (!GradientRules.IsDefaultDomain(node) || !GradientRules.TryGet(node.OpType, out var rule))
            {
                throw new UnsupportedGradientException(_forward.ModelName, node.OpType, node.Label(), from, _request.ScoredOutput, null);
            }

            var inputGradients = rule.Backward(context);
            for (var i = 0; i < node.Input.Count; i++)
            {
                if (needs[i] && i < inputGradients.Length && inputGradients[i] is { } gradient)
                {
                    Contribute(node.Input[i], gradient);
                }
            }
        }

        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in _request.WithRespectTo.Distinct(StringComparer.Ordinal))
        {
            var shape = _emitter.ShapeOf(value);
            var gradient = Collect(value) ?? _emitter.Zeros(shape);
            var name = _emitter.Reserve("grad_" + value);
            _emitter.Emit("Identity", [gradient], [name]);
            _emitter.AddOutput(name, shape);
            outputs[value] = name;
        }

        return new BackwardResult(_emitter.ToModel(), [.. _emitter.ForwardInputs], seed, outputs);
    }

    private void Validate()
    {
        foreach (var value in _request.WithRespectTo.Append(_request.ScoredOutput))
        {
            if (!_forward.HasValue(value))
            {
                throw GradientErrors.BadRequest(_forward.ModelName, $"the model has no value named '{value}'");
            }
        }

        if (_request.WithRespectTo.Count == 0)
        {
            throw GradientErrors.BadRequest(_forward.ModelName, "the gradient request names no value to differentiate with respect to");
        }
    }

    /// <summary>Values that depend on a requested value through differentiable inputs, each with the requested value
    /// it comes from (for error messages).</summary>
    private Dictionary<string, string> DependentValues(IReadOnlyList<int> order)
    {
        var origin = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in _request.WithRespectTo)
        {
            origin.TryAdd(value, value);
        }

        foreach (var index in order)
        {
            var node = _forward.Nodes[index];
            if (Stops(node))
            {
                continue;
            }

            var source = node.Input
                .Select((input, i) => CarriesGradient(node, i) ? origin.GetValueOrDefault(input) : null)
                .FirstOrDefault(o => o is not null);
            if (source is null)
            {
                continue;
            }

            foreach (var output in node.Output.Where(o => o.Length > 0))
            {
                origin.TryAdd(output, source);
            }
        }

        return origin;
    }

    /// <summary>Whether no output of the node carries gradient: a stopping operator, or every output is an integer or
    /// bool value (Mod or Floor of shapes, indices) except for quantization's straight-through integers.</summary>
    private bool Stops(NodeProto node) =>
        GradientRules.StopsGradient(node)
        || (!GradientRules.PassesIntegers(node) && node.Output.All(o => o.Length == 0 || _forward.IsIntegerValued(o)));

    /// <summary>Whether input <paramref name="i"/> of the node can receive gradient: a differentiable input that is not
    /// an integer (indices computed at run time are data), except the quantized value a DequantizeLinear reads.</summary>
    private bool CarriesGradient(NodeProto node, int i) =>
        GradientRules.IsDifferentiableInput(node, i)
        && (GradientRules.PassesIntegers(node) || !_forward.IsIntegerValued(node.Input[i]));

    private HashSet<string> AncestorsOfScore(IReadOnlyList<int> order)
    {
        var needed = new HashSet<string>(StringComparer.Ordinal) { _request.ScoredOutput };
        for (var k = order.Count - 1; k >= 0; k--)
        {
            var node = _forward.Nodes[order[k]];
            if (node.Output.Any(needed.Contains))
            {
                needed.UnionWith(node.Input.Where(i => i.Length > 0));
            }
        }

        return needed;
    }

    private void Contribute(string value, string gradient)
    {
        if (!_contributions.TryGetValue(value, out var list))
        {
            _contributions[value] = list = [];
        }

        list.Add(gradient);
    }

    /// <summary>The total gradient of a value: one contribution as is, several summed.</summary>
    private string? Collect(string value)
    {
        if (!_contributions.TryGetValue(value, out var list) || list.Count == 0)
        {
            return null;
        }

        if (list.Count > 1)
        {
            var total = _emitter.Op("Sum", list);
            list.Clear();
            list.Add(total);
        }

        return list[0];
    }
}

internal sealed record BackwardResult(
    ModelProto Model, IReadOnlyList<string> ForwardInputs, string SeedInput, IReadOnlyDictionary<string, string> GradientOutputs);
