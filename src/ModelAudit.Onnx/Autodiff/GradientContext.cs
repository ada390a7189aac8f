using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx.Autodiff;

/// <summary>What a rule sees of one forward node: its attributes and opset, the incoming gradients of its outputs,
/// which inputs need a gradient, static shapes, and the emitter that writes the backward nodes.</summary>
internal sealed class GradientContext
{
    private readonly string?[] _outputGradients;
    private readonly bool[] _needsGradient;
    private readonly string _from;
    private readonly string _to;

    public GradientContext(
        NodeProto node, long opset, BackwardEmitter emitter, string?[] outputGradients, bool[] needsGradient, bool guided, string from, string to)
    {
        Node = node;
        Opset = opset;
        E = emitter;
        _outputGradients = outputGradients;
        _needsGradient = needsGradient;
        Guided = guided;
        _from = from;
        _to = to;
    }

    public NodeProto Node { get; }

    /// <summary>The forward model's default-domain opset: the version whose semantics the node has.</summary>
    public long Opset { get; }

    public BackwardEmitter E { get; }

    public bool Guided { get; }

    public int InputCount => Node.Input.Count;

    /// <summary>The gradient arriving at output 0; every rule's node has it (else the node is off the path).</summary>
    public string Dy => _outputGradients[0] ?? E.Zeros(OutShape(0));

    public string? OutputGradient(int index) => index < _outputGradients.Length ? _outputGradients[index] : null;

    public bool Needs(int input) => input < _needsGradient.Length && _needsGradient[input];

    public long[] InShape(int input) => E.ShapeOf(Node.Input[input]);

    public long[] OutShape(int output) => E.ShapeOf(Node.Output[output]);

    public string In(int input) => E.Forward(Node.Input[input]);

    public string Out(int output) => E.Forward(Node.Output[output]);

    public string?[] NoGradients() => new string?[Node.Input.Count];

    public UnsupportedGradientException Unsupported(string detail) =>
        new(E.ModelName, Node.OpType, Node.Label(), _from, _to, detail);

    /// <summary>The build-time value of input <paramref name="input"/>: a constant of the model or a value the shape
    /// folder computed for the static input shapes.</summary>
    public long[] ConstInts(int input)
    {
        var name = Node.InputAt(input) ?? throw Unsupported($"input {input} is missing");
        return E.TryConstant(name, out var tensor)
            ? ReadConstant(tensor, TensorValues.ToInt64s)
            : throw Unsupported($"input '{name}' is computed from the data, but the backward graph needs its value when it is built");
    }

    public double[]? ConstDoublesOrNull(int input) =>
        Node.InputAt(input) is { } name && E.TryConstant(name, out var tensor) ? ReadConstant(tensor, TensorValues.ToDoubles) : null;

    private T ReadConstant<T>(Proto.TensorProto tensor, Func<Proto.TensorProto, T> read)
    {
        try
        {
            return read(tensor);
        }
        catch (NotSupportedException ex)
        {
            throw Unsupported(ex.Message);
        }
    }

    /// <summary>Normalizes a possibly negative axis against the rank of input 0.</summary>
    public int Axis(long axis, int rank) => (int)(axis < 0 ? axis + rank : axis);
}
