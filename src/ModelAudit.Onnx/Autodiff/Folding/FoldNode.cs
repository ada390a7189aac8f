using ModelAudit.Onnx.Proto;

namespace ModelAudit.Onnx.Autodiff.Folding;

/// <summary>One node being evaluated at build time: its known input values (null where absent or unknown) and the
/// static shapes of its inputs (all Shape and Size need).</summary>
internal sealed class FoldNode
{
    public FoldNode(NodeProto node, long opset, FoldedTensor?[] inputs, long[]?[] inputShapes)
    {
        Node = node;
        Opset = opset;
        Inputs = inputs;
        InputShapes = inputShapes;
    }

    public NodeProto Node { get; }

    public long Opset { get; }

    public FoldedTensor?[] Inputs { get; }

    public long[]?[] InputShapes { get; }

    /// <summary>Input <paramref name="index"/>, which the operator needs known.</summary>
    public FoldedTensor In(int index) =>
        index < Inputs.Length && Inputs[index] is { } value ? value : throw new FoldingException($"input {index} is not known");

    /// <summary>Input <paramref name="index"/> if the node has it, else null (optional inputs).</summary>
    public FoldedTensor? Optional(int index) => index < Inputs.Length ? Inputs[index] : null;

    public bool Has(int index) => Node.InputAt(index) is not null;

    /// <summary>An int list given as an attribute before <paramref name="inputSince"/> and as input <paramref name="index"/> from then on.</summary>
    public long[]? IntsFrom(string attribute, int index, long inputSince) =>
        Opset < inputSince ? Node.Ints(attribute) : Has(index) ? In(index).ToLongs() : null;

    public static int Axis(long axis, int rank) =>
        (int)(axis < 0 ? axis + rank : axis) is var a && a >= 0 && a <= Math.Max(rank - 1, 0)
            ? a
            : throw new FoldingException($"axis {axis} is out of range for rank {rank}");
}

/// <summary>A node cannot be evaluated at build time (its value is then taken from the forward run instead).</summary>
internal sealed class FoldingException : Exception
{
    public FoldingException()
    {
    }

    public FoldingException(string message)
        : base(message)
    {
    }

    public FoldingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
