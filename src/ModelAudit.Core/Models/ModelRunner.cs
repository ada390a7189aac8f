using ModelAudit.Core.Limits;
using ModelAudit.Onnx;
using ModelAudit.Onnx.Autodiff.Fused.Shapes;
using ModelAudit.Runtime;

namespace ModelAudit.Core.Models;

/// <summary>
/// One model opened for analysis: its graph (for names, shapes, weights) and an ONNX Runtime session,
/// with the image input and the scored output chosen. Errors from either side become one clear line.
/// The plain session opens on first use: a gradient analysis of a model whose inputs and outputs are declared
/// in the file runs only its fused gradient session.
/// </summary>
public sealed class ModelRunner : IDisposable
{
    private readonly SessionSettings settings;
    private readonly Dictionary<string, IReadOnlyDictionary<string, long[]>> shapeCache = new(StringComparer.Ordinal);
    private InferenceSession? session;
    private readonly Dictionary<string, InferenceSession> exposing = new(StringComparer.Ordinal);
    private InferenceSession? probeSession;

    private ModelRunner(string path, OnnxModel model, InferenceSession? session, SessionSettings settings, TensorInfo input, TensorInfo output)
    {
        Path = path;
        Model = model;
        this.session = session;
        this.settings = settings;
        Input = input;
        Output = output;
    }

    public string Path { get; }

    public string Name => System.IO.Path.GetFileName(Path);

    public OnnxModel Model { get; }

    /// <summary>The plain session over the model file, opened on first use.</summary>
    public InferenceSession Session => session ??= OpenSession(Path, settings);

    /// <summary>Whether the plain session has been opened (analyses that only need gradients never open it).</summary>
    internal bool SessionOpened => session is not null;

    /// <summary>How many sessions exposing intermediate values are open (tests: analyses that need none open none).</summary>
    internal int ExposingSessions => exposing.Count + (probeSession is null ? 0 : 1);

    /// <summary>The device report of a session already open over the model file (plain, exposing or probe), else null.</summary>
    internal string? OpenedDeviceReport =>
        session?.DeviceReport ?? exposing.Values.Select(s => s.DeviceReport).FirstOrDefault() ?? probeSession?.DeviceReport;

    /// <summary>How many times the model was run with every value exposed to learn shapes (0 when the graph told them).</summary>
    public int ShapeProbes { get; private set; }

    public TensorInfo Input { get; }

    public TensorInfo Output { get; }

    public static ModelRunner Open(string path, SessionSettings settings, string? inputName = null, string? outputName = null)
    {
        var model = ModelFiles.Load(path);
        var (inputs, outputs) = (Declared(model.Graph.Inputs), Declared(model.Graph.Outputs));
        // Without typed inputs and outputs in the file, ONNX Runtime's view of them is the reference.
        var session = inputs is null || outputs is null ? OpenSession(path, settings) : null;
        try
        {
            var input = Choose(inputs ?? session!.Inputs, inputName, "input", path, t => t.Shape.Length == 4);
            var output = Choose(outputs ?? session!.Outputs, outputName, "output", path, _ => true);
            return new ModelRunner(path, model, session, settings, input, output);
        }
        catch
        {
            session?.Dispose();
            throw;
        }
    }

    /// <summary>Runs the model on one input batch and returns the requested outputs (default: the chosen output).</summary>
    public IReadOnlyList<FloatTensor> Run(FloatTensor input, IReadOnlyList<string>? outputs = null)
    {
        outputs ??= [Output.Name];
        var graphOutputs = Model.Graph.Outputs.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var session = outputs.All(graphOutputs.Contains) ? Session : SessionExposing(outputs);
        return Guard(() => session.Run(new Dictionary<string, FloatTensor> { [Input.Name] = input }, outputs));
    }

    /// <summary>
    /// Runs only the part of the model that <paramref name="values"/> need and returns them, from a session over that
    /// part (cached per set, counted in <see cref="ExposingSessions"/>): a report's first layers need a few nodes, and a
    /// session over the whole network cost more than the maps of a small model.
    /// </summary>
    internal IReadOnlyList<FloatTensor> RunPart(FloatTensor input, IReadOnlyList<string> values)
    {
        InferenceSession? session;
        var key = "part\u001e" + string.Join('\u001f', values.Order(StringComparer.Ordinal));
        if (ProbeExposing(values) is { } probe)
        {
            session = probe;
        }
        else if (!exposing.TryGetValue(key, out session))
        {
            var part = Model.Truncated(values);
            session = Guard(() => InferenceSession.Open(part.ToBytes(), Name, settings));
            exposing[key] = session;
        }

        return Guard(() => session.Run(new Dictionary<string, FloatTensor> { [Input.Name] = input }, values));
    }

    /// <summary>
    /// Concrete shapes of every value for an input of this shape: declared ones when complete, else derived from the
    /// graph (<see cref="StaticShapeInference"/>), else from one run with every value exposed. Cached per input shape.
    /// </summary>
    public IReadOnlyDictionary<string, long[]> ValueShapes(long[] inputShape)
    {
        ArgumentNullException.ThrowIfNull(inputShape);
        var key = string.Join(',', inputShape);
        if (!shapeCache.TryGetValue(key, out var shapes))
        {
            shapes = FindShapes(inputShape);
            shapeCache[key] = shapes;
        }

        return shapes;
    }

    private IReadOnlyDictionary<string, long[]> FindShapes(long[] inputShape)
    {
        var declared = Model.Graph.DeclaredShapes;
        var values = IntermediateValues();
        // Declared shapes hold only for the declared input shape (a batch of 8 changes every first axis).
        var declaredInputMatches = declared.TryGetValue(Input.Name, out var declaredInput)
            && declaredInput.IsFullyKnown && declaredInput.ToArray().SequenceEqual(inputShape);
        if (declaredInputMatches && values.All(v => declared.TryGetValue(v, out var s) && s.IsFullyKnown))
        {
            var known = values.ToDictionary(v => v, v => declared[v].ToArray(), StringComparer.Ordinal);
            foreach (var (name, shape) in known)
            {
                // Analyses allocate from these shapes: a huge declared dimension must stop here, not overflow later.
                ShapeMath.ArrayElements(shape, $"{Path}: value '{name}'");
            }

            known[Input.Name] = inputShape;
            return known;
        }

        if (StaticShapeInference.TryInfer(Model, new Dictionary<string, long[]> { [Input.Name] = inputShape }) is { } inferred)
        {
            var found = values.ToDictionary(v => v, v => inferred[v], StringComparer.Ordinal);
            foreach (var (name, shape) in found)
            {
                ShapeMath.ArrayElements(shape, $"{Path}: value '{name}'");
            }

            found[Input.Name] = inputShape;
            return found;
        }

        ShapeProbes++;
        var zeros = new FloatTensor(new float[ShapeMath.ArrayElements(inputShape, $"{Path}: input '{Input.Name}'")], inputShape);
        var probe = ProbeSession();
        var outputs = Guard(() => probe.Run(new Dictionary<string, FloatTensor> { [Input.Name] = zeros }, values));
        var shapes = new Dictionary<string, long[]>(StringComparer.Ordinal) { [Input.Name] = inputShape };
        for (var i = 0; i < values.Count; i++)
        {
            shapes[values[i]] = outputs[i].Shape;
        }

        return shapes;
    }

    /// <summary>Every value a node computes, except Constant nodes' outputs (weights, not activations).</summary>
    public IReadOnlyList<string> IntermediateValues() => Model.Graph.Nodes
        .Where(n => n.OpType != "Constant")
        .SelectMany(n => n.Outputs)
        .Where(v => v.Length > 0)
        .Distinct(StringComparer.Ordinal)
        .ToList();

    /// <summary>Finds a layer by node name or value name; the answer is a value name.</summary>
    public string ResolveValue(string nameOrNode)
    {
        if (Model.Graph.HasValue(nameOrNode))
        {
            return nameOrNode;
        }

        var node = Model.Graph.FindNode(nameOrNode);
        if (node is not null && node.Outputs.Count > 0)
        {
            return node.Outputs[0];
        }

        var close = Model.Graph.Nodes.Select(n => n.DisplayName)
            .Where(n => n.Contains(nameOrNode, StringComparison.OrdinalIgnoreCase)).Take(5).ToList();
        var hint = close.Count > 0 ? $"; similar: {string.Join(", ", close)}" : "; run `modelaudit summary` to list the layers";
        throw new ModelAuditException($"{Path}: no node or value named '{nameOrNode}'{hint}");
    }

    public void Dispose()
    {
        probeSession?.Dispose();
        foreach (var exposed in exposing.Values)
        {
            exposed.Dispose();
        }

        exposing.Clear();
        session?.Dispose();
        session = null;
    }

    private static InferenceSession OpenSession(string path, SessionSettings settings)
    {
        try
        {
            return InferenceSession.Open(path, settings);
        }
        catch (OrtException e)
        {
            throw new ModelAuditException($"{path}: ONNX Runtime cannot load the model: {e.Message}", e);
        }
    }

    /// <summary>The graph's inputs or outputs as ONNX Runtime would describe them, or null when one lacks a type.</summary>
    private static List<TensorInfo>? Declared(IReadOnlyList<OnnxValue> values)
    {
        var infos = new List<TensorInfo>(values.Count);
        foreach (var value in values)
        {
            if (value.ElementType == 0 || value.Shape is not { } shape)
            {
                return null;
            }

            infos.Add(new TensorInfo(value.Name, (TensorElementType)(int)value.ElementType, shape.ToArray(), [.. shape.Dims.Select(d => d.Param)]));
        }

        return infos;
    }

    /// <summary>
    /// A session returning exactly <paramref name="outputs"/> (e.g. the logits beside a final Softmax), cached by that
    /// set; the shape probe's session, which exposes every value, serves any subset it already has. Exposing only what
    /// is asked keeps a prediction from copying every intermediate tensor out of ONNX Runtime.
    /// </summary>
    /// <summary>The shape probe's session, which exposes every value, when it is open and has all of these.</summary>
    private InferenceSession? ProbeExposing(IReadOnlyList<string> outputs) =>
        probeSession is not null && outputs.All(o => probeSession.Outputs.Any(p => p.Name == o)) ? probeSession : null;

    private InferenceSession SessionExposing(IReadOnlyList<string> outputs)
    {
        if (ProbeExposing(outputs) is { } probe)
        {
            return probe;
        }

        var key = string.Join('\u001f', outputs.Order(StringComparer.Ordinal));
        if (!exposing.TryGetValue(key, out var session))
        {
            var exposed = Model.WithOutputs(outputs);
            session = Guard(() => InferenceSession.Open(exposed.ToBytes(), Name, settings));
            exposing[key] = session;
        }

        return session;
    }

    /// <summary>The probe: one session exposing every intermediate value, kept for later subsets.</summary>
    private InferenceSession ProbeSession() =>
        probeSession ??= Guard(() => InferenceSession.Open(Model.WithOutputs(IntermediateValues()).ToBytes(), Name, settings));

    private T Guard<T>(Func<T> run)
    {
        try
        {
            return run();
        }
        catch (OrtException e)
        {
            throw new ModelAuditException($"{Path}: ONNX Runtime failed: {e.Message}", e);
        }
    }

    private static TensorInfo Choose(IReadOnlyList<TensorInfo> all, string? name, string what, string path, Func<TensorInfo, bool> preferred)
    {
        if (name is not null)
        {
            return all.FirstOrDefault(t => t.Name == name) ?? throw new ModelAuditException(
                $"{path}: no {what} named '{name}'; the model's {what}s are {string.Join(", ", all.Select(t => t.Name))}");
        }

        if (all.Count == 0)
        {
            throw new ModelAuditException($"{path}: the model has no {what}s");
        }

        return all.FirstOrDefault(preferred) ?? all[0];
    }
}
