using Google.Protobuf;
using ModelAudit.Onnx.Editing;
using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx.Autodiff.Fused;

/// <summary>
/// Merges the backward graph of a request into the forward model, so one session computes the scored value, the
/// requested activations and their gradients in one Run. The backward graph is built at opset 17 and refers to
/// forward values by their names; the merged model imports opset 17, which is only sound when the forward model's
/// operators keep their meaning there: every change of the default domain from opset 13 to 17 adds types or
/// optional attributes and inputs whose defaults are the old behaviour. Older models keep the two-model
/// <see cref="GradientPlan"/>.
/// </summary>
public static class FusedGradientBuilder
{
    public const long MinimumOpset = 13;

    public const long MaximumOpset = BackwardEmitter.Opset;

    /// <summary>Whether <paramref name="model"/>'s default-domain opset lets its graph run unchanged at opset 17.</summary>
    public static bool CanFuse(OnnxModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var opset = model.OpsetOf(string.Empty);
        return opset is >= MinimumOpset and <= MaximumOpset;
    }

    /// <summary>Builds the fused model for one request and input shape.</summary>
    /// <param name="model">The forward model; <see cref="CanFuse"/> must hold.</param>
    /// <param name="request">What to differentiate.</param>
    /// <param name="staticShapes">Every value's concrete shape at the input shape the model will be run with.</param>
    /// <param name="seed">Where d score / d scored value comes from.</param>
    /// <param name="alsoOutput">
    /// Forward values exposed as well, without gradients (in <see cref="FusedGradientModel.ValueOutputs"/> after the
    /// requested ones): a report's feature maps read from the same forward pass instead of a session of their own.
    /// </param>
    /// <exception cref="UnsupportedGradientException">A node on the path has no gradient rule.</exception>
    /// <exception cref="ArgumentException">The opset is outside 13..17, a value does not exist, or a shape is missing.</exception>
    public static FusedGradientModel Build(OnnxModel model, GradientRequest request, IReadOnlyDictionary<string, long[]> staticShapes, SeedKind seed,
        IReadOnlyList<string>? alsoOutput = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(staticShapes);
        if (!CanFuse(model))
        {
            throw GradientErrors.BadRequest(model.SourceName,
                $"a fused gradient model needs default-domain opset {MinimumOpset}..{MaximumOpset}, the model has {model.OpsetOf(string.Empty)}");
        }

        var (forward, backward) = GradientBuilder.Backward(model, request, staticShapes);
        var scoredShape = staticShapes.TryGetValue(request.ScoredOutput, out var shape) ? shape
            : throw GradientErrors.BadRequest(model.SourceName, $"no static shape was given for value '{request.ScoredOutput}'");
        if (seed != SeedKind.Tensor && scoredShape.Length < 2)
        {
            throw GradientErrors.BadRequest(model.SourceName,
                $"a class seed needs a scored value [N, classes, ...], but '{request.ScoredOutput}' is [{string.Join(",", scoredShape)}]");
        }

        var fused = model.Proto.Clone();
        var graph = fused.Graph;
        var back = backward.Model.Graph;
        StaticInputDims.Apply(graph, staticShapes);
        var names = new FusedNames(graph, back);
        // Forward constants the backward graph copied in by name are already there (initializers or Constant nodes).
        graph.Initializer.Add(back.Initializer.Where(i => !forward.HasValue(i.Name)));
        graph.Node.Add(back.Node);

        string? classInput = null;
        string? seedInput = null;
        var seeds = new SeedGraph(graph, names);
        switch (seed)
        {
            case SeedKind.TopClass:
                seeds.TopClass(request.ScoredOutput, scoredShape, backward.SeedInput);
                break;
            case SeedKind.ClassInput:
                classInput = names.Reserve("modelaudit_class");
                graph.Input.Add(Int64Input(classInput, scoredShape[0]));
                seeds.OneHot(classInput, scoredShape, backward.SeedInput);
                break;
            default:
                seedInput = backward.SeedInput;
                graph.Input.Add(back.Input.Single(i => i.Name == seedInput));
                break;
        }

        graph.Output.Clear();
        graph.Output.Add(new ValueInfoProto { Name = request.ScoredOutput });
        foreach (var value in alsoOutput ?? [])
        {
            if (!forward.HasValue(value))
            {
                throw GradientErrors.BadRequest(model.SourceName, $"no value named '{value}' to expose");
            }
        }

        var values = request.WithRespectTo.Concat(alsoOutput ?? [])
            .Where(v => v != request.ScoredOutput && !forward.GraphInputs.Contains(v))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        graph.Output.Add(values.Select(v => new ValueInfoProto { Name = v }));
        graph.Output.Add(back.Output);
        LiveGraph.Prune(graph);
        SetOpset(fused);
        return new FusedGradientModel(fused.ToByteArray(), request.ScoredOutput, values, backward.GradientOutputs, seed, classInput, seedInput);
    }

    private static void SetOpset(ModelProto model)
    {
        foreach (var import in model.OpsetImport.Where(o => string.IsNullOrEmpty(o.Domain) || o.Domain == "ai.onnx"))
        {
            import.Version = BackwardEmitter.Opset;
        }

        // Opset 17 needs IR version 8.
        model.IrVersion = Math.Max(model.IrVersion, 8);
    }

    private static ValueInfoProto Int64Input(string name, long batch)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = batch });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Int64, Shape = shape } },
        };
    }
}
